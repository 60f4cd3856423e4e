import type { Selectable } from 'kysely';
import type { DocumentVersionDto, TenderDocumentDto } from '../../domain/schemas/document-schemas.ts';
import type { DocumentTables } from '../document-tables.ts';
import type { TradingDb } from '../schema.ts';

type VersionRow = Selectable<DocumentTables['documentVersion']>;
type DocumentRow = Selectable<DocumentTables['tenderDocument']>;

export function versionDto(row: VersionRow): DocumentVersionDto {
  return {
    id: row.id,
    documentId: row.documentId,
    version: Number(row.version),
    filename: row.filename,
    hash: row.blobHash,
    size: Number(row.size),
    status: row.status as DocumentVersionDto['status'],
    clarificationId: row.clarificationId,
    uploadedAt: row.uploadedAt,
  };
}

export function documentDto(row: DocumentRow, versions: VersionRow[]): TenderDocumentDto {
  const dtos = versions.map(versionDto).sort((a, b) => b.version - a.version);
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind as TenderDocumentDto['kind'],
    title: row.title,
    createdAt: row.createdAt,
    current: dtos.find((v) => v.status === 'current') ?? null,
    versions: dtos,
  };
}

export async function versionsOf(
  db: TradingDb,
  documentIds: string[],
  includePending: boolean,
): Promise<VersionRow[]> {
  if (documentIds.length === 0) return [];
  let query = db.selectFrom('documentVersion').selectAll().where('documentId', 'in', documentIds);
  if (!includePending) query = query.where('status', '!=', 'pending');
  return query.execute();
}
