import type { ReleaseTag } from './ocds-release.ts';
import type { AwardFacts, TenderFacts } from './tender-facts.ts';

/** A published stage of a tender: one OCDS release, with an id stable from one export to the next. */
export interface Stage {
  readonly id: string;
  /** When it was published (ISO 8601). */
  readonly at: string;
  readonly tag: ReleaseTag;
}

/**
 * Each award of a section is numbered in the order made (an award revoked under 条例 55 is
 * followed by the next one): `<section code>-<n>`. The candidates' publicity proposes award 1.
 */
export function awardIds(facts: TenderFacts): Map<AwardFacts, string> {
  const ids = new Map<AwardFacts, string>();
  const made = [...facts.awards].sort((a, b) => Date.parse(a.awardedAt) - Date.parse(b.awardedAt));
  for (const award of made) {
    const earlier = [...ids.keys()].filter((a) => a.sectionCode === award.sectionCode).length;
    ids.set(award, `${award.sectionCode}-${earlier + 1}`);
  }
  return ids;
}

/**
 * The stages in publication order: the announcement (tender), each clarification or amendment
 * (tenderAmendment), the opening record (tenderUpdate), each failure or termination (tenderUpdate;
 * tenderCancellation when the whole tender is terminated), each section's candidates' publicity
 * and result (award), a revoked award (awardCancellation) and the contract (contract).
 */
export function tenderStages(facts: TenderFacts): Stage[] {
  const stages: Stage[] = [{ id: 'tender', at: facts.announcement.publishedAt, tag: 'tender' }];
  for (const c of facts.clarifications) {
    stages.push({ id: `amendment-${c.id}`, at: c.publishedAt, tag: 'tenderAmendment' });
  }
  if (facts.opening) stages.push({ id: 'opening', at: facts.opening.readOutAt, tag: 'tenderUpdate' });
  for (const e of facts.exceptions) {
    const cancelled = e.kind === 'terminated' && e.sectionCode === null;
    stages.push({
      id: `${e.kind}-${e.id}`,
      at: e.recordedAt,
      tag: cancelled ? 'tenderCancellation' : 'tenderUpdate',
    });
  }
  for (const p of facts.publicities) {
    stages.push({ id: `candidates-${p.sectionCode}`, at: p.startsAt, tag: 'award' });
  }
  for (const [award, id] of awardIds(facts)) {
    stages.push({ id: `award-${id}`, at: award.awardedAt, tag: 'award' });
    if (award.revokedAt)
      stages.push({ id: `award-${id}-revoked`, at: award.revokedAt, tag: 'awardCancellation' });
  }
  for (const c of facts.contracts) {
    stages.push({ id: `contract-${c.sectionCode}`, at: c.recordedAt, tag: 'contract' });
  }
  // Stable: stages of one instant keep the order above.
  return stages.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
