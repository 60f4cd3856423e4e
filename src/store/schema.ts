import type { Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';

/** Tables every platform service has. Columns are snake_case in SQL, camelCase here (CamelCasePlugin). */
export interface CommonTables {
  organisation: OrganisationTable;
  appUser: AppUserTable;
  userRole: UserRoleTable;
  session: SessionTable;
  auditEvent: AuditEventTable;
  auditSeal: AuditSealTable;
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
 * other column but `seq`, so the Merkle ledger can use it as leaf data and detect edited rows.
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
