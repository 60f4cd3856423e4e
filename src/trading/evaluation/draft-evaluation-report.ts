import { randomUUID } from 'node:crypto';
import { hashHex } from '../../crypto/hash.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { candidatesViolation } from '../../domain/evaluation/evaluation-report.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertChair, assertOpen, memberIn } from './evaluation-access.ts';
import { reportFindings } from './evaluation-findings.ts';
import { loadEvaluation, sessionOf } from './evaluation-repository.ts';

/**
 * The chair drafts the report (评标报告) from the recorded review, scores and clarifications:
 * outcomes, ranking and at most 3 candidates (C7). Its canonical JSON's SHA-256 is what each
 * member signs; it can be redrafted only while nobody has signed.
 */
export async function draftEvaluationReport(
  ctx: UseCaseContext,
  options: { sectionId: string },
): Promise<{ reportSha256: string; candidates: unknown[] }> {
  const session = await sessionOf(tradingDb(ctx.db), options.sectionId);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    const member = memberIn(ctx, state);
    assertOpen(state.session, 'draft report');
    assertChair(state, member, 'draft report');
    if (state.signatures.length)
      throw new AppError('INVALID_STATE', { state: 'signing', action: 'draft report' });
    const findings = reportFindings(state);
    const c7 = candidatesViolation(findings.candidates.map((c) => c.bidId));
    if (c7) throw c7;
    const reportJson = canonicalJson(findings);
    const reportSha256 = hashHex(reportJson);
    const values = {
      projectId: session.projectId,
      sectionId: session.sectionId,
      status: 'draft',
      candidates: canonicalJson(findings.candidates),
      reportJson,
      reportSha256,
      finalisedAt: null,
    };
    if (state.report) {
      await trx.updateTable('evaluationReport').set(values).where('id', '=', state.report.id).execute();
    } else {
      await trx
        .insertInto('evaluationReport')
        .values({ id: randomUUID(), ...values, createdAt: now.toISOString() })
        .execute();
    }
    return {
      result: { reportSha256, candidates: [...findings.candidates] },
      audit: {
        action: 'evaluation.report_drafted',
        objectType: 'section',
        objectId: session.sectionId,
        state: { reportSha256, candidates: findings.candidates.map((c) => c.bidId) },
      },
    };
  });
}
