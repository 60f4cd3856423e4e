import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { manageableProject } from '../projects/project-access.ts';
import { tradingTrx } from '../schema.ts';
import { recordTenderException } from './record-tender-exception.ts';
import { type TenderExceptionView, tenderExceptionView } from './tender-exception-view.ts';

export interface EndTenderOptions {
  readonly projectId: string;
  /** Why, in the tenderer's words; published to the hub with the exception (517). */
  readonly reason: string;
}

/** 条例 31: a tenderer that ends a tender publishes it and returns what it collected. */
const TERMINATION_ARTICLE = '《招标投标法实施条例》第31条';

/** 终止招标: the tenderer (or its agency) ends a published tender, with a reason. */
export function terminateTender(
  ctx: UseCaseContext,
  options: EndTenderOptions,
): Promise<TenderExceptionView> {
  return endTender(ctx, options, 'terminated', TERMINATION_ARTICLE);
}

/**
 * 招标失败 for a reason other than too few bids (C1 is recorded by the opening itself), e.g. every
 * bid rejected by the evaluation committee: the tender must be tendered again.
 */
export function failTender(ctx: UseCaseContext, options: EndTenderOptions): Promise<TenderExceptionView> {
  return endTender(ctx, options, 'failed', null);
}

async function endTender(
  ctx: UseCaseContext,
  options: EndTenderOptions,
  kind: 'failed' | 'terminated',
  article: string | null,
): Promise<TenderExceptionView> {
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const project = await manageableProject(ctx, trx, options.projectId, now);
    if (project.status !== 'published') {
      throw new AppError('INVALID_STATE', {
        state: project.status,
        action: kind === 'terminated' ? 'terminate' : 'fail',
      });
    }
    const bidders = await trx
      .selectFrom('bid')
      .select('bidderOrganisationId')
      .where('projectId', '=', project.id)
      .where('status', '=', 'current')
      .execute();
    const recorded = await recordTenderException(
      ctx,
      trx,
      {
        project,
        section: null,
        kind,
        ruleId: null,
        article,
        reason: options.reason,
        notify: bidders.map((b) => b.bidderOrganisationId),
      },
      now,
    );
    const view = tenderExceptionView({
      id: recorded.id,
      projectId: project.id,
      sectionId: null,
      sectionCode: null,
      kind,
      ruleId: null,
      reason: options.reason,
      recordedAt: now.toISOString(),
      retenderProjectId: null,
    });
    return { result: view, audit: recorded.audit };
  });
}
