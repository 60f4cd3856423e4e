import type { Platform, Role } from './shared-domain.ts';

/** The JSON shapes of the platform services' API, as the web app uses them. */

export interface ClockInfo {
  readonly mode: 'production' | 'sandbox' | 'test';
  readonly factor: number;
  /** ISO 8601, UTC. */
  readonly now: string;
}

export interface SystemInfo {
  readonly service: Platform;
  readonly version: string;
  readonly clock: ClockInfo;
}

export interface OrganisationRef {
  readonly id: string;
  readonly creditCode: string;
  readonly name: string;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly locale: string;
  readonly roles: readonly Role[];
  readonly organisation: OrganisationRef | null;
}

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: User;
}

export interface Organisation extends OrganisationRef {
  readonly region: string | null;
  readonly legalRepresentative: string | null;
  readonly createdAt: string;
}

export interface NewOrganisation {
  readonly creditCode: string;
  readonly name: string;
  readonly region?: string | undefined;
  readonly legalRepresentative?: string | undefined;
}

export interface UserListItem {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly organisationId: string | null;
  readonly organisationName: string | null;
  readonly roles: readonly Role[];
  readonly disabledAt: string | null;
  readonly createdAt: string;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly organisationId?: string | undefined;
  readonly roles: readonly Role[];
}

export interface AuditEvent {
  readonly seq: number;
  readonly id: string;
  readonly occurredAt: string;
  readonly actorUsername: string | null;
  readonly actorOrganisationId: string | null;
  /** Stored comma-joined; accepted as a list too. */
  readonly actorRoles: string | readonly string[];
  readonly ip: string;
  readonly userAgent: string | null;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly stateHash: string;
  /** Canonical JSON of extra facts about the change. */
  readonly detail?: string;
  readonly eventHash: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Query-string parameters of a list endpoint; empty values are left out of the URL. */
export type ListQuery = Readonly<Record<string, string | number | undefined>>;

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: readonly { readonly path: string; readonly code: string; readonly params?: unknown }[];
    readonly requestId?: string;
  };
}
