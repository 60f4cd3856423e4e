import type { AuditChange } from '../../domain/audit.ts';
import { LEGAL_RULES } from '../../domain/rules/legal-rules.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { TradingTrx } from '../schema.ts';
import { recordTenderException, type TenderExceptionInput } from './record-tender-exception.ts';
import { endedSectionIds } from './section-failure.ts';

/** C1 cites both: the Law's minimum of three bidders and the Regulations' "do not open". */
export const C1_ARTICLES = `《招标投标法》第28条、${LEGAL_RULES.C1.article.zh}`;

export interface SectionAtOpening {
  readonly id: string;
  readonly code: string;
  /** The organisations with a current bid on the section at the deadline. */
  readonly bidders: readonly string[];
}

/**
 * At the deadline, a section with fewer than three bids is not opened (C1, 法 28, 条例 44): it
 * fails, with a recorded exception and a re-tender to follow. Returns the sections that may open.
 */
export async function failSectionsBelowC1(
  ctx: UseCaseContext,
  trx: TradingTrx,
  project: TenderExceptionInput['project'],
  sections: readonly SectionAtOpening[],
  now: Date,
): Promise<{ opening: SectionAtOpening[]; failed: SectionAtOpening[]; audit: AuditChange[] }> {
  const minimum = LEGAL_RULES.C1.value;
  const ended = await endedSectionIds(trx, project.id);
  const live = sections.filter((s) => ended !== 'all' && !ended.has(s.id));
  const failed = live.filter((s) => s.bidders.length < minimum);
  const audit: AuditChange[] = [];
  for (const section of failed) {
    const recorded = await recordTenderException(
      ctx,
      trx,
      {
        project,
        section: { id: section.id, code: section.code },
        kind: 'failed',
        ruleId: 'C1',
        article: C1_ARTICLES,
        reason: `投标人少于${minimum}个（实为 ${section.bidders.length} 个），不得开标，应当重新招标（C1，${C1_ARTICLES}）`,
        notify: section.bidders,
        facts: { limit: minimum, bids: section.bidders.length },
      },
      now,
    );
    audit.push(recorded.audit);
  }
  return { opening: live.filter((s) => s.bidders.length >= minimum), failed, audit };
}
