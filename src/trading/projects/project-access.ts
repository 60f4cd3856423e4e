import { AppError } from '../../domain/errors.ts';
import { OPERATOR_ROLE } from '../../domain/roles.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, type TradingDb } from '../schema.ts';
import { type EntrustmentRow, findActiveEntrustment } from './entrustment-repository.ts';
import { findProject, type ProjectWithNames } from './project-repository.ts';

/**
 * Who may do what with a project: its tenderer always; an agency only while it holds an
 * unrevoked, unexpired entrustment from that tenderer (and, for an existing project, only the
 * project it runs); the operator reads but does not manage.
 */
export type ProjectCapacity = 'tenderer' | 'agency';

function isOperator(ctx: UseCaseContext): boolean {
  return ctx.actor.roles.includes(OPERATOR_ROLE[ctx.platform]);
}

/**
 * For acting on behalf of `tendererOrganisationId`: `tenderer` when the actor is that tenderer,
 * `agency` (with the entrustment) when it is an entrusted agency; FORBIDDEN otherwise.
 */
export async function capacityFor(
  ctx: UseCaseContext,
  db: TradingDb,
  tendererOrganisationId: string,
  at: Date,
): Promise<{ capacity: ProjectCapacity; entrustment: EntrustmentRow | null }> {
  const org = ctx.actor.organisationId;
  if (org && org === tendererOrganisationId && ctx.actor.roles.includes('tenderer')) {
    return { capacity: 'tenderer', entrustment: null };
  }
  if (org && ctx.actor.roles.includes('agency')) {
    const entrustment = await findActiveEntrustment(db, tendererOrganisationId, org, at.toISOString());
    if (entrustment) return { capacity: 'agency', entrustment };
    throw new AppError('FORBIDDEN', { required: 'entrustment' });
  }
  throw new AppError('FORBIDDEN', { required: 'organisation' });
}

/** Loads a project the actor may read (its tenderer, its agency, the operator). */
export async function readableProject(ctx: UseCaseContext, projectId: string): Promise<ProjectWithNames> {
  const project = await findProject(tradingDb(ctx.db), projectId);
  if (!project) throw new AppError('NOT_FOUND');
  const org = ctx.actor.organisationId;
  const own =
    org !== null && (project.tendererOrganisationId === org || project.agencyOrganisationId === org);
  if (!own && !isOperator(ctx)) throw new AppError('FORBIDDEN', { required: 'organisation' });
  return project;
}

/** Loads a project the actor may change: its tenderer, or the agency running it under a live entrustment. */
export async function manageableProject(
  ctx: UseCaseContext,
  db: TradingDb,
  projectId: string,
  at: Date,
): Promise<ProjectWithNames> {
  const project = await findProject(db, projectId);
  if (!project) throw new AppError('NOT_FOUND');
  const org = ctx.actor.organisationId;
  if (org && project.tendererOrganisationId === org && ctx.actor.roles.includes('tenderer')) return project;
  if (org && project.agencyOrganisationId === org && ctx.actor.roles.includes('agency')) {
    await capacityFor(ctx, db, project.tendererOrganisationId, at);
    return project;
  }
  throw new AppError('FORBIDDEN', { required: 'organisation' });
}

export function assertDraft(project: ProjectWithNames, action: string): void {
  if (project.status !== 'draft') throw new AppError('INVALID_STATE', { state: project.status, action });
}
