import type { SelectQueryBuilder } from 'kysely';
import type { LeafInclusion } from '../../domain/schemas/ledger-schemas.ts';
import type { PlatformKey } from '../sealing/platform-keys.ts';
import type { TradingDb, TradingTables } from '../schema.ts';

/** What the collectors read: the project, and the key that signed its bid receipts. */
export interface ArchiveScope {
  readonly db: TradingDb;
  readonly projectId: string;
  readonly receiptKey: PlatformKey;
  /** A bid's leaf in the platform's ledger under a signed tree head, for its archived receipt. */
  readonly ledgerEvidence: (bidId: string) => Promise<LeafInclusion>;
  /** The archive's creation time (ISO), for what becomes public only at a given moment. */
  readonly now: string;
}

/** Rows written as one JSON file of the archive. */
export interface ArchiveRecord {
  readonly path: string;
  readonly value: unknown;
}

/** A file of the blob store copied into the archive as it is. */
export interface ArchiveBlob {
  readonly path: string;
  readonly blobHash: string;
}

/** Rows whose audit events belong in the archive: their object types and a query of their ids. */
export interface AuditSubject {
  readonly objectTypes: readonly string[];
  readonly ids: SelectQueryBuilder<TradingTables, keyof TradingTables, { id: string }>;
}

export interface ArchivePart {
  readonly records: readonly ArchiveRecord[];
  readonly blobs?: readonly ArchiveBlob[];
  readonly subjects: readonly AuditSubject[];
}

/**
 * One collector per table (or per table and its children) of a project: the archive's rows of it,
 * the files they point to, and whose audit events belong in the archive.
 */
export type ArchiveSection = (scope: ArchiveScope) => Promise<ArchivePart>;

/** pg returns bigint columns as strings; the archive states every amount and size as a number. */
export function numbers<T extends object>(row: T, columns: readonly (keyof T)[]): T {
  const out = { ...row };
  for (const column of columns) {
    if (out[column] !== null && out[column] !== undefined) out[column] = Number(out[column]) as T[keyof T];
  }
  return out;
}

/** The ids of a table's rows that belong to the project, for its audit subjects. */
export function projectRows(
  db: TradingDb,
  table:
    | 'tenderSection'
    | 'announcement'
    | 'tenderDocument'
    | 'documentVersion'
    | 'clarification'
    | 'documentObtainment'
    | 'objection'
    | 'prequalificationApplication'
    | 'bidUpload'
    | 'bid'
    | 'notice'
    | 'tenderException'
    | 'committeeRequest',
  projectId: string,
): AuditSubject['ids'] {
  return db
    .selectFrom(table as 'bid')
    .select('id')
    .where('projectId', '=', projectId) as AuditSubject['ids'];
}
