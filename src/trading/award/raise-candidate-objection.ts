import { randomUUID } from 'node:crypto';
import { formatCst } from '../../domain/cst.ts';
import { candidateObjectionViolation, endOfCstDay } from '../../domain/evaluation/award-rules.ts';
import { ruleViolation } from '../../domain/rules/rule-violation.ts';
import { LEGAL_RULES } from '../../domain/rules/legal-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { deliverNotices, ownerOrganisations } from '../documents/notices.ts';
import { tradingTrx } from '../schema.ts';
import { loadAwardState, publicityOf } from './award-repository.ts';
import { type ObjectionView, objectionView } from './award-views.ts';

export interface RaiseCandidateObjectionOptions {
  readonly sectionId: string;
  readonly body: string;
}

/**
 * 对评标结果的异议 (T7, 条例 54): a bidder or another interested party objects to the candidates
 * during the publicity, never before or after it. The tenderer must answer within 3 days and may
 * not award the section until it has; it is told by notice.
 */
export async function raiseCandidateObjection(
  ctx: UseCaseContext,
  options: RaiseCandidateObjectionOptions,
): Promise<ObjectionView> {
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadAwardState(trx, options.sectionId);
    const publicity = publicityOf(state);
    if (!publicity) throw ruleViolation('T7', { kind: 'forbidden' });
    const outside = candidateObjectionViolation(now, publicity);
    if (outside) throw outside;
    const row = {
      id: randomUUID(),
      sectionId: state.section.id,
      organisationId: ctx.actor.organisationId,
      userId: ctx.actor.userId,
      body: options.body,
      raisedAt: now.toISOString(),
      reply: null,
      repliedAt: null,
      repliedByUserId: null,
    };
    await trx.insertInto('awardObjection').values(row).execute();
    const replyBy = endOfCstDay(now, LEGAL_RULES.T7.value);
    await deliverNotices(
      trx,
      ownerOrganisations(state.project),
      {
        projectId: state.project.id,
        kind: 'award_objection_raised',
        title: `收到对评标结果的异议：${state.project.name}（标段 ${state.section.code}）`,
        body: `请于 ${formatCst(replyBy)}（北京时间）前答复；答复前不得确定中标人（《招标投标法实施条例》第54条）。`,
        objectId: row.id,
      },
      now,
    );
    const view = objectionView(row);
    return {
      result: view,
      audit: {
        action: 'award.objection_raised',
        objectType: 'award_objection',
        objectId: row.id,
        state: { ...view, organisationId: row.organisationId },
        detail: { sectionId: state.section.id, replyBy: replyBy.toISOString() },
      },
    };
  });
}
