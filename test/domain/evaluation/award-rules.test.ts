import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../src/domain/messages.ts';
import { withRuleOverrides } from '../../../src/domain/rules/legal-rules.ts';
import {
  awardChoiceViolation,
  awardOptions,
  awardTimingViolation,
  bondRefundDecision,
  candidateObjectionReplyDecision,
  candidateObjectionViolation,
  candidatePublicationDecision,
  contractDecision,
  endOfCstDay,
  maxPerformanceBondFen,
  performanceBondViolation,
  publicityViolation,
  supervisorReportDecision,
  type AwardContext,
  type ClockDecision,
  type RankedCandidate,
} from '../../../src/domain/evaluation/award-rules.ts';

/** An instant given as CST wall time, e.g. cst('2026-06-01 23:30'). */
const cst = (wall: string) => new Date(`${wall.replace(' ', 'T')}+08:00`);
const MS = 1;
const before = (d: Date) => new Date(d.getTime() - MS);
const after = (d: Date) => new Date(d.getTime() + MS);
const mustTender: AwardContext = { mustTender: true, stateFunded: true };
const status = (d: ClockDecision) => (d.status === 'late' ? `late:${d.violation.params.actual}` : d.status);

describe('CST calendar days', () => {
  it('endOfCstDay is the last millisecond of the CST date N days on', () => {
    expect(endOfCstDay(cst('2026-06-01 23:59:59.999'), 3)).toEqual(cst('2026-06-04 23:59:59.999'));
    expect(endOfCstDay(cst('2026-06-02 00:00'), 3)).toEqual(cst('2026-06-05 23:59:59.999'));
  });
});

describe('T7: candidates published within 3 days of the report (条例 54)', () => {
  const received = cst('2026-06-01 23:30');
  const limit = cst('2026-06-04 23:59:59.999');
  const decide = (publishedAt: Date | null, now = publishedAt ?? limit) =>
    candidatePublicationDecision(now, received, publishedAt, mustTender);

  it('at the limit, one day before, and at midnight after', () => {
    expect(status(decide(limit))).toBe('done');
    expect(status(decide(cst('2026-06-03 12:00')))).toBe('done');
    expect(status(decide(after(limit)))).toBe('late:4');
  });

  it('the violation cites T7 and the last lawful moment', () => {
    const late = decide(after(limit));
    expect(late.status === 'late' && late.violation.params).toMatchObject({
      rule: 'T7',
      kind: 'max',
      limit: 3,
      actual: 4,
      latest: limit.toISOString(),
    });
  });

  it('a report received at CST midnight counts from that day', () => {
    const justAfterMidnight = cst('2026-06-02 00:00');
    expect(
      status(
        candidatePublicationDecision(
          cst('2026-06-05 23:59'),
          justAfterMidnight,
          cst('2026-06-05 23:59'),
          mustTender,
        ),
      ),
    ).toBe('done');
    const justBefore = before(justAfterMidnight);
    expect(
      status(
        candidatePublicationDecision(
          cst('2026-06-05 00:00'),
          justBefore,
          cst('2026-06-05 00:00'),
          mustTender,
        ),
      ),
    ).toBe('late:4');
  });

  it('pending with the days left; late when not published past the limit; not required outside must-tender', () => {
    expect(decide(null, cst('2026-06-02 09:00'))).toMatchObject({
      status: 'pending',
      daysLeft: 2,
      dueBy: limit,
    });
    expect(status(decide(null, after(limit)))).toBe('late:4');
    expect(
      candidatePublicationDecision(after(limit), received, null, { mustTender: false, stateFunded: false }),
    ).toEqual({
      status: 'not_required',
    });
  });
});

describe('T7: publicity of at least 3 days, objections only during it, replies within 3 days', () => {
  const startsAt = cst('2026-06-03 10:00');
  it('ends on day 3 accepted, day 2 refused with the earliest lawful end, day 4 accepted', () => {
    expect(publicityViolation({ startsAt, endsAt: cst('2026-06-06 00:00') }, mustTender)).toBeNull();
    expect(publicityViolation({ startsAt, endsAt: cst('2026-06-07 17:00') }, mustTender)).toBeNull();
    const short = publicityViolation({ startsAt, endsAt: cst('2026-06-05 23:59:59.999') }, mustTender);
    expect(short!.params).toMatchObject({
      rule: 'T7',
      kind: 'min',
      limit: 3,
      actual: 2,
      earliest: cst('2026-06-06 00:00').toISOString(),
    });
    expect(renderMessage('RULE_VIOLATION', short!.params, 'zh-CN')).toContain('《招标投标法实施条例》第54条');
  });

  const publicity = { startsAt, endsAt: cst('2026-06-06 10:00') };
  it('objections at the opening and closing instants are accepted; a millisecond outside, refused', () => {
    expect(candidateObjectionViolation(startsAt, publicity)).toBeNull();
    expect(candidateObjectionViolation(publicity.endsAt, publicity)).toBeNull();
    expect(candidateObjectionViolation(before(startsAt), publicity)!.params).toMatchObject({
      rule: 'T7',
      kind: 'forbidden',
    });
    expect(candidateObjectionViolation(after(publicity.endsAt), publicity)!.params.rule).toBe('T7');
  });

  it('a reply within 3 days: at the end of day 3 in time, at midnight after late', () => {
    const raised = cst('2026-06-04 16:00');
    const limit = cst('2026-06-07 23:59:59.999');
    expect(status(candidateObjectionReplyDecision(limit, raised, limit, {}))).toBe('done');
    expect(status(candidateObjectionReplyDecision(limit, raised, cst('2026-06-06 09:00'), {}))).toBe('done');
    expect(status(candidateObjectionReplyDecision(after(limit), raised, after(limit), {}))).toBe('late:4');
  });

  it('no award before the publicity ends or while an objection is unanswered', () => {
    expect(awardTimingViolation(publicity.endsAt, publicity, [], mustTender)!.params.rule).toBe('T7');
    expect(
      awardTimingViolation(after(publicity.endsAt), publicity, [{ repliedAt: null }], mustTender),
    ).not.toBeNull();
    expect(
      awardTimingViolation(after(publicity.endsAt), publicity, [{ repliedAt: publicity.endsAt }], mustTender),
    ).toBeNull();
    expect(awardTimingViolation(startsAt, null, [], { mustTender: false, stateFunded: false })).toBeNull();
  });
});

describe('C8: state-funded must-tender projects award the first candidate (条例 55)', () => {
  const ranked = (b = 'available', a = 'available', d = 'available'): RankedCandidate[] =>
    [
      { bidId: 'B', rank: 1, standing: b },
      { bidId: 'A', rank: 2, standing: a },
      { bidId: 'D', rank: 3, standing: d },
    ] as RankedCandidate[];

  it('the first candidate must win; another choice is refused citing C8', () => {
    expect(awardOptions(ranked(), mustTender)).toEqual({ kind: 'first_candidate', bidId: 'B' });
    expect(awardChoiceViolation({ bidId: 'B' }, ranked(), mustTender)).toBeNull();
    expect(awardChoiceViolation({ bidId: 'A' }, ranked(), mustTender)!.params).toMatchObject({ rule: 'C8' });
    expect(awardChoiceViolation('retender', ranked(), mustTender)!.params.rule).toBe('C8');
  });

  it('when the first gives up, fails to perform or is ineligible: the next in order, or re-tender', () => {
    for (const standing of ['gave_up', 'failed_to_perform', 'ineligible']) {
      expect(awardOptions(ranked(standing), mustTender)).toEqual({ kind: 'next_or_retender', bidId: 'A' });
    }
    expect(awardChoiceViolation({ bidId: 'A' }, ranked('gave_up'), mustTender)).toBeNull();
    expect(awardChoiceViolation('retender', ranked('gave_up'), mustTender)).toBeNull();
    expect(awardChoiceViolation({ bidId: 'D' }, ranked('gave_up'), mustTender)!.params.rule).toBe('C8');
    expect(awardOptions(ranked('gave_up', 'ineligible'), mustTender)).toEqual({
      kind: 'next_or_retender',
      bidId: 'D',
    });
    expect(awardOptions(ranked('gave_up', 'ineligible', 'failed_to_perform'), mustTender)).toEqual({
      kind: 'retender',
    });
  });

  it('outside C8 (not state-funded, or not must-tender) any available candidate may win', () => {
    for (const context of [
      { mustTender: true, stateFunded: false },
      { mustTender: false, stateFunded: true },
    ]) {
      expect(awardOptions(ranked('gave_up'), context)).toEqual({ kind: 'any_candidate', bidIds: ['A', 'D'] });
      expect(awardChoiceViolation({ bidId: 'D' }, ranked(), context)).toBeNull();
      expect(awardChoiceViolation({ bidId: 'X' }, ranked(), context)!.code).toBe('INVALID_STATE');
    }
  });
});

describe('T8: the contract within 30 days of the award notice (法 46), with a warning', () => {
  const notice = cst('2026-07-01 10:00');
  const limit = cst('2026-07-31 23:59:59.999');
  const decide = (now: Date, signedAt: Date | null = null, warningDays = 5) =>
    contractDecision(now, notice, signedAt, { warningDays });

  it('signed at the limit, a day before, and at midnight after', () => {
    expect(status(decide(limit, limit))).toBe('done');
    expect(status(decide(cst('2026-07-30 12:00'), cst('2026-07-30 12:00')))).toBe('done');
    expect(status(decide(after(limit), after(limit)))).toBe('late:31');
    expect(status(decide(after(limit)))).toBe('late:31');
  });

  it('warns N days before the limit (N configurable), not N + 1', () => {
    expect(decide(cst('2026-07-26 00:00'))).toMatchObject({ status: 'pending', daysLeft: 5, warning: true });
    expect(decide(before(cst('2026-07-26 00:00')))).toMatchObject({ daysLeft: 6, warning: false });
    expect(decide(cst('2026-07-25 08:00'), null, 7)).toMatchObject({ daysLeft: 6, warning: true });
  });

  it('a sector may override the 30 days; the article stays', () => {
    const rules = withRuleOverrides({ T8: 20 });
    const d = contractDecision(cst('2026-07-22 00:00'), notice, null, { warningDays: 3, rules });
    expect(d.status === 'late' && d.violation.params).toMatchObject({ rule: 'T8', limit: 20, actual: 21 });
  });
});

describe('T9: report to the supervisor within 15 days of the award (法 47)', () => {
  const awarded = cst('2026-07-01 17:00');
  const limit = cst('2026-07-16 23:59:59.999');
  it('at the limit, a day before, at midnight after; not required outside must-tender', () => {
    const ctx = { mustTender: true };
    expect(status(supervisorReportDecision(limit, awarded, limit, ctx))).toBe('done');
    expect(status(supervisorReportDecision(limit, awarded, cst('2026-07-15 17:00'), ctx))).toBe('done');
    expect(status(supervisorReportDecision(after(limit), awarded, after(limit), ctx))).toBe('late:16');
    expect(supervisorReportDecision(after(limit), awarded, null, { mustTender: false })).toEqual({
      status: 'not_required',
    });
  });
});

describe('T10: bid bonds refunded within 5 days (条例 35, 57)', () => {
  it('after contract signing: at the limit, a day before, at midnight after', () => {
    const trigger = { kind: 'contract_signed' as const, at: cst('2026-08-03 15:00') };
    const limit = cst('2026-08-08 23:59:59.999');
    expect(status(bondRefundDecision(limit, trigger, limit))).toBe('done');
    expect(status(bondRefundDecision(limit, trigger, cst('2026-08-07 09:00')))).toBe('done');
    expect(status(bondRefundDecision(after(limit), trigger, null))).toBe('late:6');
  });

  it('after a written withdrawal before the deadline; none owed for one at or after it', () => {
    const bidDeadline = cst('2026-05-20 09:00');
    const withdrawn = { kind: 'withdrawn' as const, at: before(bidDeadline), bidDeadline };
    const limit = cst('2026-05-25 23:59:59.999');
    expect(status(bondRefundDecision(limit, withdrawn, limit))).toBe('done');
    expect(status(bondRefundDecision(after(limit), withdrawn, after(limit)))).toBe('late:6');
    expect(bondRefundDecision(limit, { ...withdrawn, at: bidDeadline }, null)).toEqual({
      status: 'not_required',
    });
  });
});

describe('C4: performance bond ≤ 10 % of the contract price (条例 58)', () => {
  const price = 438_000_000; // ¥4,380,000.00
  it('10 % exactly accepted, one fen less accepted, one fen more refused with the limit in yuan', () => {
    expect(performanceBondViolation(43_800_000, price)).toBeNull();
    expect(performanceBondViolation(43_799_999, price)).toBeNull();
    const over = performanceBondViolation(43_800_001, price)!;
    expect(over.params).toMatchObject({
      rule: 'C4',
      kind: 'max',
      limit: 438_000,
      actual: 438_000.01,
      unit: 'yuan',
    });
    expect(renderMessage('RULE_VIOLATION', over.params, 'zh-CN')).toContain('不得超过 438,000.00 元');
  });
  it('an odd price: the cap is rounded down to a whole fen', () => {
    expect(maxPerformanceBondFen(438_000_005)).toBe(43_800_000);
    expect(performanceBondViolation(43_800_000, 438_000_005)).toBeNull();
    expect(performanceBondViolation(43_800_001, 438_000_005)).not.toBeNull();
  });
});
