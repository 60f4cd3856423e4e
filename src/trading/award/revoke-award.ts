import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import type { CandidateStanding } from '../../domain/evaluation/award-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { deliverNotices } from '../documents/notices.ts';
import { appendOutbox } from '../outbox.ts';
import { tradingTrx } from '../schema.ts';
import { managedAwardState } from './award-access.ts';
import { requireReport } from './award-repository.ts';
import { type RevocationView, revocationView } from './award-views.ts';

/** Why an award falls after its notice: 条例 55 (gave up, no performance bond, found ineligible) and 74. */
export type RevocationGround = 'gave_up' | 'not_signed' | 'no_performance_bond' | 'ineligible';

/**
 * The winner's standing among the candidates once its award is revoked, as if recorded before the
 * award (条例 55): not signing and not providing the bond are failures to perform as required.
 */
const STANDING_OF: Readonly<Record<RevocationGround, Exclude<CandidateStanding, 'available'>>> = {
  gave_up: 'gave_up',
  not_signed: 'failed_to_perform',
  no_performance_bond: 'failed_to_perform',
  ineligible: 'ineligible',
};

const GROUND_TEXT: Readonly<Record<RevocationGround, string>> = {
  gave_up: '放弃中标',
  not_signed: '无正当理由不与招标人订立合同',
  no_performance_bond: '未按照招标文件要求提交履约保证金',
  ineligible: '被查实不符合中标条件',
};

export interface RevokeAwardOptions {
  readonly sectionId: string;
  readonly ground: RevocationGround;
  /** What shows it: the written waiver, the unanswered call to sign, the finding… */
  readonly evidence: string;
}

/**
 * 中标人放弃中标或不履行义务 (条例 55, 74): after the award notice and before any contract, the
 * tenderer records that the winner gave up, did not sign, did not provide the performance bond or
 * was found ineligible. The award is revoked — kept in `award_revocation` as it was, with the ground
 * and evidence — and the winner's standing is recorded as for the same grounds before an award, so
 * the award use case then moves on under C8 to the next available candidate, or to re-tendering when
 * none remains. The revoked winner's bid bond is not refunded on the contract: 条例 74 lets the
 * tenderer keep it, so the refunds show it as forfeitable. The hub gets an update of the result
 * announcement (513, the data set the award published); the new award publishes its own 513.
 */
export async function revokeAward(ctx: UseCaseContext, options: RevokeAwardOptions): Promise<RevocationView> {
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await managedAwardState(ctx, trx, options.sectionId, now);
    requireReport(state, 'revoke the award');
    const decision = state.decision;
    if (!decision) throw new AppError('INVALID_STATE', { state: 'not_awarded', action: 'revoke the award' });
    // Once signed, the contract binds both parties: its breach is a matter of contract, not of the award.
    if (state.contract)
      throw new AppError('INVALID_STATE', { state: 'contracted', action: 'revoke the award' });

    const revokedAt = now.toISOString();
    const row = {
      ...decision,
      id: randomUUID(),
      ground: options.ground,
      evidence: options.evidence,
      revokedAt,
      revokedByUserId: ctx.actor.userId,
    };
    await trx.insertInto('awardRevocation').values(row).execute();
    await trx.deleteFrom('awardDecision').where('sectionId', '=', state.section.id).execute();
    // The winner had no standing (only available candidates are awarded): it drops out from now on.
    await trx
      .insertInto('awardCandidateStanding')
      .values({
        sectionId: state.section.id,
        bidId: decision.bidId,
        standing: STANDING_OF[options.ground],
        evidence: options.evidence,
        recordedAt: revokedAt,
        recordedByUserId: ctx.actor.userId,
      })
      .execute();
    const ground = GROUND_TEXT[options.ground];
    await deliverNotices(
      trx,
      [decision.bidderOrganisationId],
      {
        projectId: state.project.id,
        kind: 'award_revoked',
        title: `撤销中标通知：${state.project.name}（标段 ${state.section.code}）`,
        body:
          `因贵单位${ground}（《招标投标法实施条例》第55条、第74条），招标人撤销对贵单位的中标决定。` +
          `依据：${options.evidence}。贵单位的投标保证金可能不予退还（条例第74条）。`,
        objectId: decision.bidId,
      },
      now,
    );
    await appendOutbox(
      trx,
      {
        eventType: 'award.result_revoked',
        dataSetCode: '513',
        aggregateType: 'section',
        aggregateId: state.section.id,
        payload: {
          ...(JSON.parse(decision.announcement) as Record<string, unknown>),
          revoked: true,
          ground: options.ground,
          revokedAt,
        },
      },
      now,
    );
    const view = revocationView(row);
    return {
      result: view,
      audit: {
        action: 'award.revoked',
        objectType: 'tender_section',
        objectId: state.section.id,
        state: view,
        detail: { bidId: decision.bidId, ground: options.ground, standing: STANDING_OF[options.ground] },
      },
    };
  });
}
