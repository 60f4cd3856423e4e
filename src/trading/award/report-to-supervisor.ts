import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { appendOutbox } from '../outbox.ts';
import { tradingTrx } from '../schema.ts';
import { managedAwardState } from './award-access.ts';

export interface SupervisorReportView {
  readonly sectionId: string;
  readonly content: string;
  readonly reportedAt: string;
}

/**
 * 招标投标情况的书面报告 (T9, 法 47): within 15 days of the award the tenderer of a must-tender
 * project reports in writing to the supervisor. The report is recorded with its content and sent
 * through the hub to the supervision platform as a supervision item (400).
 */
export async function reportToSupervisor(
  ctx: UseCaseContext,
  options: { readonly sectionId: string; readonly content: string },
): Promise<SupervisorReportView> {
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await managedAwardState(ctx, trx, options.sectionId, now);
    if (!state.decision) throw new AppError('INVALID_STATE', { state: 'not_awarded', action: 'report' });
    if (state.supervisorReport) throw new AppError('INVALID_STATE', { state: 'reported', action: 'report' });
    const row = {
      sectionId: state.section.id,
      content: options.content,
      reportedAt: now.toISOString(),
      reportedByUserId: ctx.actor.userId,
    };
    await trx.insertInto('awardSupervisorReport').values(row).execute();
    await appendOutbox(
      trx,
      {
        eventType: 'award.reported_to_supervisor',
        dataSetCode: '400',
        aggregateType: 'section',
        aggregateId: state.section.id,
        payload: {
          projectId: state.project.id,
          dealCode: state.project.dealCode,
          sectionCode: state.section.code,
          awardedAt: state.decision.awardedAt,
          content: row.content,
          reportedAt: row.reportedAt,
        },
      },
      now,
    );
    const { reportedByUserId: _, ...view } = row;
    return {
      result: view,
      audit: {
        action: 'award.supervisor_reported',
        objectType: 'tender_section',
        objectId: state.section.id,
        state: view,
      },
    };
  });
}
