import type { z } from 'zod';
import type {
  addUserBody,
  auditEvent,
  loginResponse,
  organisation,
  registerOrganisationBody,
  sessionUser,
  systemInfo,
  userListItem,
} from '../../src/domain/schemas/account-schemas.ts';
import type { errorBody } from '../../src/domain/schemas/common.ts';

/**
 * The JSON shapes of the platform services' API, inferred from the same zod schemas the
 * services validate and serialise with, so client and server cannot drift apart.
 */
export type SystemInfo = z.infer<typeof systemInfo>;
export type ClockInfo = SystemInfo['clock'];
export type User = z.infer<typeof sessionUser>;
export type OrganisationRef = NonNullable<User['organisation']>;
export type LoginResult = z.infer<typeof loginResponse>;
export type Organisation = z.infer<typeof organisation>;
export type NewOrganisation = z.input<typeof registerOrganisationBody>;
export type UserListItem = z.infer<typeof userListItem>;
export type NewUser = z.input<typeof addUserBody>;
export type AuditEvent = z.infer<typeof auditEvent>;
export type ErrorBody = z.infer<typeof errorBody>;

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Query-string parameters of a list endpoint; empty values are left out of the URL. */
export type ListQuery = Readonly<Record<string, string | number | undefined>>;
export * from './api-types-trading.ts';
export * from './api-types-ledger.ts';
