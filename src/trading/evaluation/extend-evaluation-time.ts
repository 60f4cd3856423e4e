import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { extendEvaluationTime } from '../../domain/evaluation/evaluation-report.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { manageableProject } from '../projects/project-access.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertOpen } from './evaluation-access.ts';
import { domainReportOf } from './evaluation-report-repository.ts';
import { loadEvaluation, sessionOf } from './evaluation-repository.ts';

/** The tenderer (or its agency) extends the evaluation time (条例 48), with the reason and who asked. */
export async function extendEvaluation(
  ctx: UseCaseContext,
  options: { sectionId: string; until: string; reason: string },
): Promise<{ extendedUntil: string; requestedBy: string[] }> {
  const db = tradingDb(ctx.db);
  const session = await sessionOf(db, options.sectionId);
  await manageableProject(ctx, db, session.projectId, ctx.clock.now());
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    assertOpen(state.session, 'extend');
    const report = extendEvaluationTime(domainReportOf(state), now, new Date(options.until), options.reason);
    const event = report.events[report.events.length - 1]!;
    const requestedBy = event.type === 'evaluation_time_extended' ? [...event.requestedBy] : [];
    const extendedUntil = new Date(options.until).toISOString();
    const row = {
      id: randomUUID(),
      sessionId: session.id,
      type: 'evaluation_time_extended',
      expertId: null,
      reason: options.reason,
      until: extendedUntil,
      requestedBy: canonicalJson(requestedBy),
      at: now.toISOString(),
    };
    await trx.insertInto('evaluationTimeEvent').values(row).execute();
    await trx.updateTable('evaluationSession').set({ extendedUntil }).where('id', '=', session.id).execute();
    return {
      result: { extendedUntil, requestedBy },
      audit: {
        action: 'evaluation.time_extended',
        objectType: 'section',
        objectId: session.sectionId,
        state: row,
      },
    };
  });
}
