import { assertSameOrganisation } from '../../domain/access.ts';
import { OPERATOR_ROLE } from '../../domain/roles.ts';
import type { OrganisationRelationDto } from '../../domain/schemas/project-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page, PageRequest } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { listOrganisationRelations as listRelationRows } from './organisation-relations.ts';

export interface ListOrganisationRelationsOptions extends PageRequest {
  readonly organisationId: string;
}

/** An organisation's recorded relations (never the ID-number hash), for itself or the operator. */
export async function listOrganisationRelations(
  ctx: UseCaseContext,
  options: ListOrganisationRelationsOptions,
): Promise<Page<OrganisationRelationDto>> {
  assertSameOrganisation(ctx.actor, options.organisationId, [OPERATOR_ROLE[ctx.platform]]);
  const page = await listRelationRows(tradingDb(ctx.db), options.organisationId, options);
  return {
    ...page,
    items: page.items.map((row) => ({
      id: row.id,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      kind: row.kind as OrganisationRelationDto['kind'],
      personName: row.personName,
      relatedOrganisationId: row.relatedOrganisationId,
      relatedOrganisationName: row.relatedOrganisationName,
      createdAt: row.createdAt,
    })),
  };
}
