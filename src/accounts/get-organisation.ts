import { assertSameOrganisation } from '../domain/access.ts';
import { AppError } from '../domain/errors.ts';
import { OPERATOR_ROLE } from '../domain/roles.ts';
import type { UseCaseContext } from '../store/context.ts';
import { findOrganisationById } from '../store/organisation-repository.ts';
import type { OrganisationRow } from '../store/schema.ts';

/** One organisation: the platform's operator may read any; other users only their own. */
export async function getOrganisation(ctx: UseCaseContext, id: string): Promise<OrganisationRow> {
  assertSameOrganisation(ctx.actor, id, [OPERATOR_ROLE[ctx.platform]]);
  const organisation = await findOrganisationById(ctx.db, id);
  if (!organisation) throw new AppError('ORGANISATION_NOT_FOUND');
  return organisation;
}
