import { canonicalJson } from '../../domain/canonical-json.ts';
import { formatCst } from '../../domain/cst.ts';
import { AppError } from '../../domain/errors.ts';
import {
  awardChoiceViolation,
  awardOptions,
  awardTimingViolation,
} from '../../domain/evaluation/award-rules.ts';
import { LEGAL_RULES } from '../../domain/rules/legal-rules.ts';
import { fenToYuanText } from '../../domain/tender/bid-form.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { deliverNotices } from '../documents/notices.ts';
import type { ReportCandidate } from '../evaluation/evaluation-report-repository.ts';
import { recordTenderException } from '../exceptions/record-tender-exception.ts';
import { appendOutbox } from '../outbox.ts';
import { tradingTrx } from '../schema.ts';
import { currentBidders, managedAwardState } from './award-access.ts';
import {
  type AwardState,
  awardContextOf,
  publicityOf,
  rankedCandidatesOf,
  requireReport,
} from './award-repository.ts';
import { type DecisionView, decisionView } from './award-views.ts';

export type AwardChoice =
  | { readonly bidId: string; readonly reason?: string | undefined }
  | { readonly retender: true; readonly reason: string };

export type AwardOutcome =
  | { readonly outcome: 'awarded'; readonly award: DecisionView }
  | { readonly outcome: 'retender'; readonly exceptionId: string };

/**
 * 定标: once the publicity is over and every objection answered (T7), the tenderer determines the
 * winner. State-funded must-tender projects take the first-ranked candidate, or the next in order
 * when the better ones dropped out, or tender again (C8, 条例 55); other projects choose among the
 * candidates and record why (法 40). The award notice goes to the winner, a result notice to every
 * other bidder, and the result announcement to the hub (513). Re-tendering records the section's
 * failure through the exceptions module, from which the tenderer starts the new tender.
 */
export async function awardSection(
  ctx: UseCaseContext,
  options: { readonly sectionId: string; readonly choice: AwardChoice },
): Promise<AwardOutcome> {
  return runAudited<AwardOutcome>(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await managedAwardState(ctx, trx, options.sectionId, now);
    const report = requireReport(state, 'award');
    if (state.decision) throw new AppError('INVALID_STATE', { state: 'awarded', action: 'award' });
    if (state.project.status !== 'published') {
      throw new AppError('INVALID_STATE', { state: state.project.status, action: 'award' });
    }
    const context = awardContextOf(state);
    const early = awardTimingViolation(now, publicityOf(state), state.objections.map(repliedAtOf), context);
    if (early) throw early;
    const candidates = rankedCandidatesOf(state);
    const choice = options.choice;
    const refused = awardChoiceViolation('retender' in choice ? 'retender' : choice, candidates, context);
    if (refused) throw refused;
    const c8 = context.stateFunded && context.mustTender;
    const reason = choice.reason?.trim() || null;
    if (!c8 && !reason) {
      throw new AppError(
        'VALIDATION_FAILED',
        { fields: 'reason' },
        { details: [{ path: 'reason', code: 'required' }] },
      );
    }

    if ('retender' in choice) {
      const recorded = await recordTenderException(
        ctx,
        trx,
        {
          project: state.project,
          section: { id: state.section.id, code: state.section.code },
          kind: 'failed',
          ruleId: 'C8',
          article: LEGAL_RULES.C8.article.zh,
          reason: choice.reason,
          notify: currentBidders(state),
          facts: { candidates: candidates.length, option: awardOptions(candidates, context).kind },
        },
        now,
      );
      return { result: { outcome: 'retender' as const, exceptionId: recorded.id }, audit: recorded.audit };
    }

    const winner = report.candidates.find((c) => c.bidId === choice.bidId)!;
    const awardedAt = now.toISOString();
    const announcement = {
      projectId: state.project.id,
      dealCode: state.project.dealCode,
      projectName: state.project.name,
      sectionCode: state.section.code,
      sectionName: state.section.name,
      winnerName: winner.bidderName,
      priceFen: winner.priceFen,
      rank: winner.rank,
      awardedAt,
    };
    const row = {
      sectionId: state.section.id,
      projectId: state.project.id,
      bidId: winner.bidId,
      bidderOrganisationId: winner.bidderOrganisationId,
      priceFen: winner.priceFen,
      rule: c8 ? 'C8' : null,
      reason,
      noticeBody: noticeText(state, winner, now),
      announcement: canonicalJson(announcement),
      awardedAt,
      awardedByUserId: ctx.actor.userId,
    };
    await trx.insertInto('awardDecision').values(row).execute();
    // The result is public from now on: the committee's names (法 37) and the evaluation may be shown.
    await trx
      .updateTable('tenderSection')
      .set({ resultPublishedAt: awardedAt })
      .where('id', '=', state.section.id)
      .execute();
    await deliverNotices(
      trx,
      [winner.bidderOrganisationId],
      {
        projectId: state.project.id,
        kind: 'award_notice',
        title: `中标通知书：${state.project.name}（标段 ${state.section.code}）`,
        body: row.noticeBody,
        objectId: winner.bidId,
      },
      now,
    );
    for (const bid of state.bids.filter((b) => b.status === 'current' && b.bidId !== winner.bidId)) {
      await deliverNotices(
        trx,
        [bid.bidderOrganisationId],
        {
          projectId: state.project.id,
          kind: 'award_result',
          title: `中标结果通知：${state.project.name}（标段 ${state.section.code}）`,
          body: `贵单位的投标未中标。中标人：${winner.bidderName}，中标价 ${fenToYuanText(winner.priceFen)} 元。`,
          objectId: bid.bidId,
        },
        now,
      );
    }
    await appendOutbox(
      trx,
      {
        eventType: 'award.result_announced',
        dataSetCode: '513',
        aggregateType: 'section',
        aggregateId: state.section.id,
        payload: announcement,
      },
      now,
    );
    const view = decisionView(row);
    return {
      result: { outcome: 'awarded' as const, award: view },
      audit: {
        action: 'award.awarded',
        objectType: 'tender_section',
        objectId: state.section.id,
        state: view,
        detail: {
          rule: row.rule,
          standings: state.standings.map((s) => ({ bidId: s.bidId, standing: s.standing })),
        },
      },
    };
  });
}

function repliedAtOf(objection: { repliedAt: string | null }): { repliedAt: Date | null } {
  return { repliedAt: objection.repliedAt ? new Date(objection.repliedAt) : null };
}

function noticeText(state: AwardState, winner: ReportCandidate, now: Date): string {
  return [
    `${winner.bidderName}：`,
    `经评标委员会评审并依法公示，确定贵单位为${state.project.name}（交易编号 ${state.project.dealCode}）` +
      `${state.section.name}（标段 ${state.section.code}）的中标人，中标价 ${fenToYuanText(winner.priceFen)} 元。`,
    `请自本通知书发出之日起30日内，按照招标文件和贵单位的投标文件与招标人订立书面合同（《招标投标法》第46条）。`,
    `${state.project.tendererName}  ${formatCst(now)}（北京时间）`,
  ].join('\n');
}
