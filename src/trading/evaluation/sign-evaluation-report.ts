import { canonicalJson } from '../../domain/canonical-json.ts';
import { recordSignature, type SignatureAct } from '../../domain/evaluation/evaluation-report.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertOpen, memberIn } from './evaluation-access.ts';
import { domainReportOf } from './evaluation-report-repository.ts';
import { loadEvaluation, sessionOf } from './evaluation-repository.ts';

export interface SignOptions {
  readonly sectionId: string;
  /** The SHA-256 of the draft the member read: signing is over exactly that report. */
  readonly reportSha256: string;
  readonly kind: 'signed' | 'refused';
  readonly writtenReason?: string | null;
  /** A signature over the hash made with the member's certificate, kept as sent. */
  readonly signature?: { algorithm: string; certificatePem: string; value: string } | null;
}

/**
 * A member signs the draft report electronically (E9), or refuses (条例 53): a refusal with a
 * written reason is recorded as a dissent; without one it is deemed agreement. Once, per member.
 */
export async function signEvaluationReport(
  ctx: UseCaseContext,
  options: SignOptions,
): Promise<{ kind: string; recordedAt: string }> {
  const session = await sessionOf(tradingDb(ctx.db), options.sectionId);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    const member = memberIn(ctx, state);
    assertOpen(state.session, 'sign');
    if (!state.report) throw new AppError('INVALID_STATE', { state: 'no_report', action: 'sign' });
    if (state.report.reportSha256 !== options.reportSha256) {
      throw new AppError(
        'VALIDATION_FAILED',
        { fields: 'reportSha256' },
        { details: [{ path: 'reportSha256', code: 'not_the_current_report' }] },
      );
    }
    const act: SignatureAct =
      options.kind === 'signed'
        ? { expertId: member.expertId, kind: 'signed', at: now }
        : {
            expertId: member.expertId,
            kind: 'refused',
            at: now,
            writtenReason: options.writtenReason ?? null,
          };
    const before = domainReportOf(state);
    const after = recordSignature(before, act);
    const recordedAt = now.toISOString();
    await trx
      .insertInto('evaluationSignature')
      .values({
        sessionId: session.id,
        expertId: member.expertId,
        kind: act.kind,
        writtenReason: act.kind === 'refused' ? act.writtenReason : null,
        reportSha256: options.reportSha256,
        signature: options.signature ? canonicalJson(options.signature) : null,
        recordedAt,
      })
      .execute();
    for (const d of after.dissents.slice(before.dissents.length)) {
      await trx
        .insertInto('evaluationDissent')
        .values({
          sessionId: session.id,
          expertId: d.expertId,
          opinion: d.opinion,
          reason: d.reason,
          recordedAt,
        })
        .execute();
    }
    return {
      result: { kind: act.kind, recordedAt },
      audit: {
        action: 'evaluation.report_signed',
        objectType: 'section',
        objectId: session.sectionId,
        state: { expertId: member.expertId, kind: act.kind, reportSha256: options.reportSha256 },
        detail: { certificateSignature: options.signature ? true : false },
      },
    };
  });
}
