import { AppError } from '../../domain/errors.ts';
import { tenderSeal } from '../tender-seal.ts';
import { ruleViolation } from '../../domain/rules/rule-violation.ts';
import type { PrequalificationApplicationDto } from '../../domain/schemas/document-schemas.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { type TradingDb, tradingTrx } from '../schema.ts';
import { applicationDto } from './prequalification-views.ts';
import { type ProjectView, assertActsForProject, assertPublished, loadProject } from './project-access.ts';

export interface ReviewPrequalificationOptions {
  readonly projectId: string;
  readonly applicationId: string;
  readonly result: 'qualified' | 'not_qualified';
  readonly reason?: string | undefined;
}

/**
 * The review committee's finding on one application, after the application deadline and before
 * the result is published; "not qualified" needs a reason, which the applicant will receive.
 */
export async function reviewPrequalification(
  ctx: UseCaseContext,
  options: ReviewPrequalificationOptions,
): Promise<PrequalificationApplicationDto> {
  const reason = options.reason?.trim() || null;
  if (options.result === 'not_qualified' && !reason) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'reason' },
      { details: [{ path: 'reason', code: 'required' }] },
    );
  }
  return runAudited(ctx, async (rawTrx, now) => {
    const trx = tradingTrx(rawTrx);
    const view = await loadProject(trx, options.projectId);
    await assertReviewable(trx, view, ctx, now);
    const row = await trx
      .selectFrom('prequalificationApplication')
      .selectAll()
      .where('id', '=', options.applicationId)
      .where('projectId', '=', options.projectId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const at = now.toISOString();
    const reviewed = { ...row, result: options.result, reason, reviewedAt: at };
    await trx
      .updateTable('prequalificationApplication')
      .set({ result: options.result, reason, reviewedAt: at })
      .where('id', '=', row.id)
      .execute();
    const organisation = await trx
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', row.organisationId)
      .executeTakeFirstOrThrow();
    const dto = applicationDto(reviewed, organisation.name);
    return {
      result: dto,
      audit: {
        action: 'prequalification.reviewed',
        objectType: 'prequalification_application',
        objectId: row.id,
        state: dto,
        detail: { projectId: options.projectId, result: options.result },
        seal: tenderSeal(options.projectId, view.announcement!.bidDeadline),
      },
    };
  });
}

/** The tenderer or its agency, after the application deadline, before the result is out. */
export async function assertReviewable(
  db: TradingDb,
  view: ProjectView,
  ctx: UseCaseContext,
  now: Date,
): Promise<void> {
  await assertActsForProject(db, ctx.actor, view.project, now);
  assertApplicationsOpen(view, now);
  const outcome = await db
    .selectFrom('prequalificationOutcome')
    .select('outcome')
    .where('projectId', '=', view.project.id)
    .executeTakeFirst();
  if (outcome)
    throw new AppError('INVALID_STATE', { state: 'result_published', action: 'review pre-qualification' });
}

/** Applicants are secret until the application deadline (E4); they are seen only after it. */
export function assertApplicationsOpen(view: ProjectView, now: Date): void {
  assertPublished(view, 'review pre-qualification');
  const deadline = view.announcement.prequalificationDeadline;
  if (view.project.qualification !== 'pre' || !deadline) {
    throw new AppError('INVALID_STATE', { state: 'no_prequalification', action: 'review pre-qualification' });
  }
  if (now.toISOString() < deadline) throw ruleViolation('E4', { kind: 'forbidden', earliest: deadline });
  if (view.project.pausedAt !== null) {
    throw new AppError('INVALID_STATE', { state: 'paused', action: 'review pre-qualification' });
  }
}
