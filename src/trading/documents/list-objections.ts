import { sql } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import type { ObjectionDto } from '../../domain/schemas/document-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { objectionDto } from './objection-views.ts';
import { actsForProject, loadProject } from './project-access.ts';

export interface ListObjectionsOptions {
  readonly projectId: string;
  readonly answered?: boolean | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Objections: the tenderer and its agency see them all with the objectors (they must reply); a
 * bidder sees only its own, so it learns neither who else objected nor how many did.
 */
export async function listObjections(
  ctx: UseCaseContext,
  options: ListObjectionsOptions,
): Promise<Page<ObjectionDto> & { paused: boolean }> {
  const db = tradingDb(ctx.db);
  const now = ctx.clock.now();
  const view = await loadProject(db, options.projectId);
  const owner = await actsForProject(db, ctx.actor, view.project, now);
  if (!owner && !(ctx.actor.roles.includes('bidder') && ctx.actor.organisationId)) {
    throw new AppError('FORBIDDEN', { required: 'bidder' });
  }
  let base = db
    .selectFrom('objection')
    .innerJoin('organisation', 'organisation.id', 'objection.organisationId')
    .where('objection.projectId', '=', options.projectId);
  if (!owner) base = base.where('objection.organisationId', '=', ctx.actor.organisationId!);
  if (options.answered !== undefined) {
    base = base.where('objection.repliedAt', options.answered ? 'is not' : 'is', null);
  }
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('objection')
    .select('organisation.name as organisationName')
    .orderBy('objection.raisedAt', 'desc')
    .orderBy('objection.id')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  return {
    items: rows.map((row) => objectionDto(row, row.organisationName, now)),
    total: Number(total),
    page: options.page,
    pageSize: options.pageSize,
    paused: view.project.pausedAt !== null,
  };
}

/** One objection, for the tenderer, its agency or the objector; anyone else gets NOT_FOUND. */
export async function getObjection(
  ctx: UseCaseContext,
  options: { readonly projectId: string; readonly objectionId: string },
): Promise<ObjectionDto> {
  const db = tradingDb(ctx.db);
  const now = ctx.clock.now();
  const view = await loadProject(db, options.projectId);
  const row = await db
    .selectFrom('objection')
    .innerJoin('organisation', 'organisation.id', 'objection.organisationId')
    .selectAll('objection')
    .select('organisation.name as organisationName')
    .where('objection.id', '=', options.objectionId)
    .where('objection.projectId', '=', options.projectId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const mine = ctx.actor.roles.includes('bidder') && row.organisationId === ctx.actor.organisationId;
  if (!mine && !(await actsForProject(db, ctx.actor, view.project, now))) throw new AppError('NOT_FOUND');
  return objectionDto(row, row.organisationName, now);
}
