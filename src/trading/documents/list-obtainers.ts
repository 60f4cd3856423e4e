import { sql } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import { ruleViolation } from '../../domain/rules/rule-violation.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { assertActsForProject, loadProject } from './project-access.ts';

export interface ListObtainersOptions {
  readonly projectId: string;
  readonly page: number;
  readonly pageSize: number;
}

export interface ObtainerItem {
  readonly organisationId: string;
  readonly organisationName: string;
  readonly creditCode: string;
  readonly obtainedAt: string;
}

/**
 * Who obtained the documents: for the tenderer and its agency, and only once the bid deadline has
 * passed (办法 22, E4); before it the refusal names the deadline, and says nothing about how many.
 */
export async function listObtainers(
  ctx: UseCaseContext,
  options: ListObtainersOptions,
): Promise<Page<ObtainerItem>> {
  const db = tradingDb(ctx.db);
  const now = ctx.clock.now();
  const view = await loadProject(db, options.projectId);
  await assertActsForProject(db, ctx.actor, view.project, now);
  if (view.announcement === null) throw new AppError('NOT_FOUND');
  const deadline = view.announcement.bidDeadline;
  if (now.toISOString() < deadline) throw ruleViolation('E4', { kind: 'forbidden', earliest: deadline });
  // A paused tender's deadline will move later: until it resumes, the deadline has not really passed.
  if (view.project.pausedAt !== null) {
    throw new AppError('INVALID_STATE', { state: 'paused', action: 'list who obtained the documents' });
  }
  const base = db
    .selectFrom('documentObtainment')
    .innerJoin('organisation', 'organisation.id', 'documentObtainment.organisationId')
    .where('documentObtainment.projectId', '=', options.projectId);
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const items = await base
    .select([
      'documentObtainment.organisationId',
      'organisation.name as organisationName',
      'organisation.creditCode',
      'documentObtainment.obtainedAt',
    ])
    .orderBy('documentObtainment.obtainedAt')
    .orderBy('documentObtainment.id')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  return { items, total: Number(total), page: options.page, pageSize: options.pageSize };
}
