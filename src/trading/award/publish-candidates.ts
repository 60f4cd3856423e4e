import { formatCst } from '../../domain/cst.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { AppError } from '../../domain/errors.ts';
import {
  candidatePublicationDecision,
  endOfCstDay,
  publicityViolation,
} from '../../domain/evaluation/award-rules.ts';
import { LEGAL_RULES } from '../../domain/rules/legal-rules.ts';
import { fenToYuanText } from '../../domain/tender/bid-form.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { deliverNotices } from '../documents/notices.ts';
import type { ReportCandidate } from '../evaluation/evaluation-report-repository.ts';
import { appendOutbox } from '../outbox.ts';
import { tradingTrx } from '../schema.ts';
import { currentBidders, managedAwardState } from './award-access.ts';
import { awardContextOf, requireReport, type AwardState } from './award-repository.ts';
import { type PublicityView, publicityView } from './award-views.ts';

export interface PublishCandidatesOptions {
  readonly sectionId: string;
  /** The end of the publicity; by default the end (24:00 CST) of the 3rd day after today. */
  readonly endsAt?: string | undefined;
  /** Anything the tenderer adds to the generated text (contact for objections, etc.). */
  readonly remarks?: string | undefined;
}

/**
 * 中标候选人公示 (T7, 条例 54): within 3 days of receiving the final evaluation report the tenderer
 * publishes the candidates for at least 3 days; bidders and the public may object meanwhile. The
 * candidates go to the hub (510) with the publicity (511); the bidders are told by notice.
 */
export async function publishCandidates(
  ctx: UseCaseContext,
  options: PublishCandidatesOptions,
): Promise<PublicityView> {
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await managedAwardState(ctx, trx, options.sectionId, now);
    const report = requireReport(state, 'publish candidates');
    if (state.publicity)
      throw new AppError('INVALID_STATE', { state: 'published', action: 'publish candidates' });
    if (state.project.status !== 'published') {
      throw new AppError('INVALID_STATE', { state: state.project.status, action: 'publish candidates' });
    }
    const context = awardContextOf(state);
    const timing = candidatePublicationDecision(now, new Date(report.finalisedAt), null, context);
    if (timing.status === 'late') throw timing.violation;
    const endsAt = options.endsAt ? new Date(options.endsAt) : endOfCstDay(now, LEGAL_RULES.T7.value);
    if (endsAt.getTime() <= now.getTime()) {
      throw new AppError(
        'VALIDATION_FAILED',
        { fields: 'endsAt' },
        { details: [{ path: 'endsAt', code: 'not_after_now' }] },
      );
    }
    const tooShort = publicityViolation({ startsAt: now, endsAt }, context);
    if (tooShort) throw tooShort;

    const row = {
      sectionId: state.section.id,
      projectId: state.project.id,
      reportId: report.id,
      candidates: canonicalJson(report.candidates),
      body: publicityText(state, report.candidates, now, endsAt, options.remarks),
      startsAt: now.toISOString(),
      endsAt: endsAt.toISOString(),
      publishedByUserId: ctx.actor.userId,
    };
    await trx.insertInto('awardPublicity').values(row).execute();
    const common = { aggregateType: 'section', aggregateId: state.section.id };
    const payload = {
      projectId: state.project.id,
      dealCode: state.project.dealCode,
      sectionCode: state.section.code,
      reportSha256: report.reportSha256,
      candidates: report.candidates.map(({ rank, bidderName, priceFen, score }) => ({
        rank,
        bidderName,
        priceFen,
        score,
      })),
    };
    await appendOutbox(trx, { eventType: 'award.candidates', dataSetCode: '510', ...common, payload }, now);
    await appendOutbox(
      trx,
      {
        eventType: 'award.candidates_published',
        dataSetCode: '511',
        ...common,
        payload: { ...payload, body: row.body, startsAt: row.startsAt, endsAt: row.endsAt },
      },
      now,
    );
    await deliverNotices(
      trx,
      currentBidders(state),
      {
        projectId: state.project.id,
        kind: 'award_candidates_published',
        title: `中标候选人公示：${state.project.name}（标段 ${state.section.code}）`,
        body: row.body,
        objectId: state.section.id,
      },
      now,
    );
    const view = publicityView(row);
    return {
      result: view,
      audit: {
        action: 'award.candidates_published',
        objectType: 'tender_section',
        objectId: state.section.id,
        state: view,
        detail: { reportId: report.id, reportReceivedAt: report.finalisedAt },
      },
    };
  });
}

function publicityText(
  state: AwardState,
  candidates: readonly ReportCandidate[],
  startsAt: Date,
  endsAt: Date,
  remarks: string | undefined,
): string {
  const lines = [
    `${state.project.name}（交易编号 ${state.project.dealCode}）${state.section.name}（标段 ${state.section.code}）评标已结束，现将中标候选人公示如下：`,
    ...candidates.map(
      (c) =>
        `第${c.rank}名：${c.bidderName}，投标报价 ${fenToYuanText(c.priceFen)} 元` +
        (c.score === null ? '' : `，综合得分 ${(c.score / 100).toFixed(2)}`),
    ),
    `公示期：${formatCst(startsAt)} 至 ${formatCst(endsAt)}（北京时间）。投标人或者其他利害关系人对评标结果有异议的，应当在公示期间提出（《招标投标法实施条例》第54条）。`,
  ];
  if (remarks?.trim()) lines.push(remarks.trim());
  return lines.join('\n');
}
