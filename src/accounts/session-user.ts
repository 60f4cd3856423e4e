import type { Role } from '../domain/roles.ts';
import type { Db } from '../store/schema.ts';
import { findOrganisationById } from '../store/organisation-repository.ts';
import type { UserRecord } from '../store/user-repository.ts';

/** A user as the API shows it to that user. */
export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly locale: string;
  readonly roles: Role[];
  readonly organisation: { readonly id: string; readonly creditCode: string; readonly name: string } | null;
}

export async function toSessionUser(db: Db, user: UserRecord): Promise<SessionUser> {
  const organisation = user.organisationId ? await findOrganisationById(db, user.organisationId) : undefined;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    locale: user.locale,
    roles: user.roles,
    organisation: organisation
      ? { id: organisation.id, creditCode: organisation.creditCode, name: organisation.name }
      : null,
  };
}
