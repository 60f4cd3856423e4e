import { hashHex } from '../../crypto/hash.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { memberConclusions, reportFinalisationProblems } from '../../domain/evaluation/evaluation-report.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { appendOutbox } from '../outbox.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertChair, assertOpen, memberIn } from './evaluation-access.ts';
import { domainReportOf, findingsOf } from './evaluation-report-repository.ts';
import { loadEvaluation, sessionOf } from './evaluation-repository.ts';

/**
 * The chair finalises the report once every member has signed or refused (E9, 条例 53): the
 * report — findings, dissents, signatures, time events — is frozen as canonical JSON with its
 * SHA-256, the session closes, and the outbox carries the report (509) and the details (520).
 */
export async function finaliseEvaluationReport(
  ctx: UseCaseContext,
  options: { sectionId: string },
): Promise<{ reportSha256: string; finalisedAt: string }> {
  const session = await sessionOf(tradingDb(ctx.db), options.sectionId);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    const member = memberIn(ctx, state);
    assertOpen(state.session, 'finalise');
    assertChair(state, member, 'finalise');
    if (!state.report) throw new AppError('INVALID_STATE', { state: 'no_report', action: 'finalise' });
    const report = domainReportOf(state);
    const [problem] = reportFinalisationProblems(report);
    if (problem) throw problem;
    const findings = findingsOf(state.report);
    const finalisedAt = now.toISOString();
    const reportJson = canonicalJson({
      findings,
      findingsSha256: state.report.reportSha256,
      dissents: report.dissents,
      signatures: state.signatures,
      conclusions: memberConclusions(report),
      events: report.events,
      finalisedAt,
    });
    const reportSha256 = hashHex(reportJson);
    await trx
      .updateTable('evaluationReport')
      .set({ status: 'final', reportJson, reportSha256, finalisedAt })
      .where('id', '=', state.report.id)
      .execute();
    await trx
      .updateTable('evaluationSession')
      .set({ status: 'finalised', finalisedAt })
      .where('id', '=', session.id)
      .execute();
    const common = { aggregateType: 'section', aggregateId: session.sectionId };
    await appendOutbox(
      trx,
      {
        eventType: 'evaluation.report_finalised',
        dataSetCode: '509',
        ...common,
        payload: {
          projectId: session.projectId,
          sectionId: session.sectionId,
          candidates: findings.candidates,
          reportSha256,
          finalisedAt,
        },
      },
      now,
    );
    await appendOutbox(
      trx,
      {
        eventType: 'evaluation.details_published',
        dataSetCode: '520',
        ...common,
        payload: {
          projectId: session.projectId,
          sectionId: session.sectionId,
          method: findings.method,
          basePriceFen: findings.basePriceFen,
          bids: findings.bids,
          reportSha256,
        },
      },
      now,
    );
    return {
      result: { reportSha256, finalisedAt },
      audit: {
        action: 'evaluation.report_finalised',
        objectType: 'section',
        objectId: session.sectionId,
        state: { reportSha256, finalisedAt, candidates: findings.candidates.map((c) => c.bidId) },
      },
    };
  });
}
