import { AppError } from '../../domain/errors.ts';
import { OPERATOR_ROLE } from '../../domain/roles.ts';
import type { ProjectSummaryDto } from '../../domain/schemas/project-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page, PageRequest } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { listProjects as listProjectRows } from './project-repository.ts';
import { projectSummaryView } from './project-views.ts';

export interface ListProjectsOptions extends PageRequest {
  readonly status?: string | undefined;
  readonly q?: string | undefined;
}

/** The projects of the actor's organisation (as tenderer or agency); the operator sees all. */
export async function listProjects(
  ctx: UseCaseContext,
  options: ListProjectsOptions,
): Promise<Page<ProjectSummaryDto>> {
  const operator = ctx.actor.roles.includes(OPERATOR_ROLE[ctx.platform]);
  if (!operator && !ctx.actor.organisationId) throw new AppError('FORBIDDEN', { required: 'organisation' });
  const page = await listProjectRows(tradingDb(ctx.db), {
    ...options,
    organisationId: operator ? null : ctx.actor.organisationId,
  });
  return { ...page, items: page.items.map(projectSummaryView) };
}
