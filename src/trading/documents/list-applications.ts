import { sql } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import type { PrequalificationApplicationDto } from '../../domain/schemas/document-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { applicationDto } from './prequalification-views.ts';
import { assertActsForProject, loadProject, requireOrganisation } from './project-access.ts';
import { assertApplicationsOpen } from './review-prequalification.ts';

export interface ListApplicationsOptions {
  readonly projectId: string;
  readonly result?: PrequalificationApplicationDto['result'] | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/** The applications, for the tenderer and its agency once the application deadline has passed. */
export async function listApplications(
  ctx: UseCaseContext,
  options: ListApplicationsOptions,
): Promise<Page<PrequalificationApplicationDto>> {
  const db = tradingDb(ctx.db);
  const now = ctx.clock.now();
  const view = await loadProject(db, options.projectId);
  await assertActsForProject(db, ctx.actor, view.project, now);
  assertApplicationsOpen(view, now);
  let base = db
    .selectFrom('prequalificationApplication')
    .innerJoin('organisation', 'organisation.id', 'prequalificationApplication.organisationId')
    .where('prequalificationApplication.projectId', '=', options.projectId);
  if (options.result) base = base.where('prequalificationApplication.result', '=', options.result);
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('prequalificationApplication')
    .select('organisation.name as organisationName')
    .orderBy('prequalificationApplication.submittedAt')
    .orderBy('prequalificationApplication.id')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  return {
    items: rows.map((row) => applicationDto(row, row.organisationName)),
    total: Number(total),
    page: options.page,
    pageSize: options.pageSize,
  };
}

/** The caller's own application, if any. */
export async function getMyApplication(
  ctx: UseCaseContext,
  options: { readonly projectId: string },
): Promise<PrequalificationApplicationDto> {
  const organisationId = requireOrganisation(ctx.actor);
  const db = tradingDb(ctx.db);
  const row = await db
    .selectFrom('prequalificationApplication')
    .innerJoin('organisation', 'organisation.id', 'prequalificationApplication.organisationId')
    .selectAll('prequalificationApplication')
    .select('organisation.name as organisationName')
    .where('prequalificationApplication.projectId', '=', options.projectId)
    .where('prequalificationApplication.organisationId', '=', organisationId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return applicationDto(row, row.organisationName);
}

/** Whether the result is out, and the outcome; no counts before the bid deadline (E4). */
export async function getPrequalificationStatus(
  ctx: UseCaseContext,
  options: { readonly projectId: string },
): Promise<{
  projectId: string;
  prequalificationDeadline: string | null;
  outcome: 'qualified' | 'failed' | null;
  ruleId: string | null;
  publishedAt: string | null;
}> {
  const db = tradingDb(ctx.db);
  const view = await loadProject(db, options.projectId);
  if (view.announcement === null) throw new AppError('NOT_FOUND');
  const outcome = await db
    .selectFrom('prequalificationOutcome')
    .selectAll()
    .where('projectId', '=', options.projectId)
    .executeTakeFirst();
  return {
    projectId: options.projectId,
    prequalificationDeadline: view.announcement.prequalificationDeadline,
    outcome: (outcome?.outcome as 'qualified' | 'failed' | undefined) ?? null,
    ruleId: outcome?.ruleId ?? null,
    publishedAt: outcome?.publishedAt ?? null,
  };
}
