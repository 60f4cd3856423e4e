import type { Selectable } from 'kysely';
import type { PrequalificationApplicationDto } from '../../domain/schemas/document-schemas.ts';
import type { DocumentTables } from '../document-tables.ts';

export function applicationDto(
  row: Selectable<DocumentTables['prequalificationApplication']>,
  organisationName: string,
): PrequalificationApplicationDto {
  return {
    id: row.id,
    projectId: row.projectId,
    organisationId: row.organisationId,
    organisationName,
    filename: row.filename,
    hash: row.blobHash,
    size: Number(row.size),
    submittedAt: row.submittedAt,
    result: row.result as PrequalificationApplicationDto['result'],
    reason: row.reason,
    reviewedAt: row.reviewedAt,
  };
}
