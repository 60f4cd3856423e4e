import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.ts';
import { performanceBondViolation } from '../../domain/evaluation/award-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { BlobStore } from '../../store/blob-store.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { checkedFilename } from '../documents/filename.ts';
import { appendOutbox } from '../outbox.ts';
import { tradingTrx } from '../schema.ts';
import { managedAwardState } from './award-access.ts';
import { type ContractView, contractView } from './award-views.ts';

export interface RecordContractOptions {
  readonly sectionId: string;
  readonly amountFen: number;
  readonly performanceBondFen: number;
  /** When the contract was signed (法 46: within 30 days of the award notice). */
  readonly signedAt: string;
  readonly filename: string;
  readonly content: Uint8Array | Readable;
}

const invalid = (path: string, code: string) =>
  new AppError('VALIDATION_FAILED', { fields: path }, { details: [{ path, code }] });

/**
 * 订立书面合同 (T8, 法 46): the tenderer records the signed contract with the winner — amount,
 * signing time, the signed file (stored content-addressed like every upload) and the performance
 * bond, at most 10 % of the contract price (C4, 条例 58). A contract signed after the 30 days is
 * still recorded — it exists — and the timeline shows it late, citing 法 46. The contract goes to
 * the hub (512) and a performance bond as a guarantee (523).
 */
export async function recordContract(
  ctx: UseCaseContext,
  blobs: BlobStore,
  options: RecordContractOptions,
): Promise<ContractView> {
  const filename = checkedFilename(options.filename);
  const bondTooHigh = performanceBondViolation(options.performanceBondFen, options.amountFen);
  if (bondTooHigh) throw bondTooHigh;
  const stored = await blobs.put(options.content);
  if (stored.size === 0) throw invalid('body', 'too_small');

  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await managedAwardState(ctx, trx, options.sectionId, now);
    if (!state.decision)
      throw new AppError('INVALID_STATE', { state: 'not_awarded', action: 'record the contract' });
    if (state.contract)
      throw new AppError('INVALID_STATE', { state: 'contracted', action: 'record the contract' });
    const signedAt = new Date(options.signedAt);
    if (signedAt.getTime() < Date.parse(state.decision.awardedAt))
      throw invalid('signedAt', 'before_award_notice');
    if (signedAt.getTime() > now.getTime()) throw invalid('signedAt', 'in_the_future');
    const row = {
      sectionId: state.section.id,
      amountFen: options.amountFen,
      performanceBondFen: options.performanceBondFen,
      signedAt: signedAt.toISOString(),
      filename,
      fileSha256: stored.hash,
      fileSize: stored.size,
      recordedAt: now.toISOString(),
      recordedByUserId: ctx.actor.userId,
    };
    await trx.insertInto('awardContract').values(row).execute();
    const common = { aggregateType: 'section', aggregateId: state.section.id };
    const facts = {
      projectId: state.project.id,
      dealCode: state.project.dealCode,
      sectionCode: state.section.code,
      winnerOrganisationId: state.decision.bidderOrganisationId,
    };
    await appendOutbox(
      trx,
      {
        eventType: 'award.contract_signed',
        dataSetCode: '512',
        ...common,
        payload: {
          ...facts,
          amountFen: row.amountFen,
          signedAt: row.signedAt,
          fileSha256: row.fileSha256,
        },
      },
      now,
    );
    if (row.performanceBondFen > 0) {
      await appendOutbox(
        trx,
        {
          eventType: 'award.performance_bond',
          dataSetCode: '523',
          ...common,
          payload: { ...facts, kind: 'performance_bond', amountFen: row.performanceBondFen },
        },
        now,
      );
    }
    const view = contractView(row);
    return {
      result: view,
      audit: {
        action: 'award.contract_recorded',
        objectType: 'tender_section',
        objectId: state.section.id,
        state: view,
        detail: { awardedAt: state.decision.awardedAt },
      },
    };
  });
}
