import type { Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';

/** Tables every platform service has. Columns are snake_case in SQL, camelCase here (CamelCasePlugin). */
export interface CommonTables {
  organisation: OrganisationTable;
  appUser: AppUserTable;
  userRole: UserRoleTable;
  session: SessionTable;
  auditEvent: AuditEventTable;
  auditSeal: AuditSealTable;
  ledgerNode: LedgerNodeTable;
  ledgerState: LedgerStateTable;
  ledgerKey: LedgerKeyTable;
  ledgerTreeHead: LedgerTreeHeadTable;
}

export interface OrganisationTable {
  id: string;
  creditCode: string;
  name: string;
  region: string | null;
  legalRepresentative: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AppUserTable {
  id: string;
  username: string;
  displayName: string;
  organisationId: string | null;
  passwordHash: string;
  locale: string;
  disabledAt: string | null;
  createdAt: string;
}

export interface UserRoleTable {
  userId: string;
  role: string;
}

export interface SessionTable {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string | null;
  revokedAt: string | null;
}

/**
 * Append-only. `seq` orders the events; `eventHash` is SHA-256 over the canonical JSON of every
 * other column but `seq` and `leafIndex`, so the Merkle ledger can use it as leaf data and detect edited rows.
 */
export interface AuditEventTable {
  seq: Generated<number>;
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorUsername: string | null;
  actorOrganisationId: string | null;
  actorRoles: string;
  ip: string;
  userAgent: string | null;
  action: string;
  objectType: string;
  objectId: string;
  stateHash: string;
  detail: string;
  sealKey: string | null;
  eventHash: string;
  /** The event's leaf in the ledger; assigned in the event's transaction (docs/ledger.md). */
  leafIndex: number | string | null;
}

/** The hash of every perfect subtree of the ledger; level 0 holds the leaf hashes. */
export interface LedgerNodeTable {
  level: number;
  idx: number | string;
  hash: Uint8Array;
}

/** The one row (id 1) that holds the ledger's size; locked by each append on PostgreSQL. */
export interface LedgerStateTable {
  id: number;
  treeSize: number | string;
  /** Set by the service on first start: whose ledger this is. */
  platform: string | null;
  hashAlgorithm: string | null;
  /** The right edge's subtree hashes, largest first, concatenated: the next append's starting point. */
  frontier: Uint8Array | null;
  updatedAt: string | null;
}

export interface LedgerKeyTable {
  keyId: string;
  signatureAlgorithm: string;
  publicKeyPem: string;
  firstUsedAt: string;
}

export interface LedgerTreeHeadTable {
  seq: number;
  treeSize: number | string;
  rootHash: string;
  timestamp: string;
  hashAlgorithm: string;
  keyId: string;
  signatureAlgorithm: string;
  signature: string;
}

/** How long the events under a seal key stay out of audit listings (E4); moved with the deadline. */
export interface AuditSealTable {
  sealKey: string;
  sealedUntil: string;
  updatedAt: string;
}

export type Schema = CommonTables;
export type Db = Kysely<Schema>;
export type Trx = Transaction<Schema>;

export type OrganisationRow = Selectable<OrganisationTable>;
export type NewOrganisationRow = Insertable<OrganisationTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
