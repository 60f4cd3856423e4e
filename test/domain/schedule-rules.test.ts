import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/cst.ts';
import { renderMessage } from '../../src/domain/messages.ts';
import { withRuleOverrides } from '../../src/domain/rules/legal-rules.ts';
import {
  scheduleMinimums,
  scheduleViolations,
  type TenderSchedule,
} from '../../src/domain/tender/schedule-rules.ts';
import { sectionViolations } from '../../src/domain/tender/section-rules.ts';

// 09:00 CST on 10 March 2026.
const start = new Date('2026-03-10T01:00:00.000Z');

function schedule(overrides: Partial<TenderSchedule> = {}): TenderSchedule {
  const bidDeadline = addDays(start, 20);
  return {
    documentIssueStart: start,
    documentIssueEnd: addDays(start, 5),
    bidDeadline,
    openingAt: bidDeadline,
    prequalificationDeadline: null,
    ...overrides,
  };
}
const rulesOf = (s: TenderSchedule, mustTender = true, qualification: 'pre' | 'post' = 'post') =>
  scheduleViolations(s, { mustTender, qualification }).map((e) => e.params.rule);

describe('schedule rules T1, T2, T3, T6', () => {
  it('T1: 19 days refused with article, limit, actual and earliest date; 20 accepted', () => {
    expect(rulesOf(schedule())).toEqual([]);
    const deadline = addDays(start, 19);
    const [t1] = scheduleViolations(schedule({ bidDeadline: deadline, openingAt: deadline }), {
      mustTender: true,
      qualification: 'post',
    });
    expect(t1!.params).toMatchObject({ rule: 'T1', kind: 'min', limit: 20, actual: 19, unit: 'days' });
    expect(renderMessage('RULE_VIOLATION', t1!.params, 'zh-CN')).toBe(
      '不符合规则 T1（《招标投标法》第24条）：自招标文件开始发出之日起至投标截止时间应不少于 20 日，实为 19 日；最早可为 2026-03-30 09:00（北京时间）',
    );
  });

  it('T2: 4 days of issue refused, 5 accepted', () => {
    expect(rulesOf(schedule({ documentIssueEnd: addDays(start, 4) }))).toEqual(['T2']);
    expect(rulesOf(schedule({ documentIssueEnd: addDays(start, 5) }))).toEqual([]);
  });

  it('T3: pre-qualification applications 4 days after issue ends refused, 5 accepted', () => {
    const end = addDays(start, 5);
    expect(rulesOf(schedule({ prequalificationDeadline: addDays(end, 4) }), true, 'pre')).toEqual(['T3']);
    expect(rulesOf(schedule({ prequalificationDeadline: addDays(end, 5) }), true, 'pre')).toEqual([]);
  });

  it('T6: an opening other than at the bid deadline is refused', () => {
    expect(rulesOf(schedule({ openingAt: addDays(addDays(start, 20), 1 / 24) }))).toEqual(['T6']);
  });

  it('T1 and T3 bind only must-tender projects; T2 and T6 bind all', () => {
    const short = schedule({
      documentIssueEnd: addDays(start, 4),
      bidDeadline: addDays(start, 6),
      openingAt: addDays(start, 7),
      prequalificationDeadline: addDays(start, 5),
    });
    expect(rulesOf(short, true, 'pre')).toEqual(['T2', 'T1', 'T3', 'T6']);
    expect(rulesOf(short, false, 'pre')).toEqual(['T2', 'T6']);
  });
});

describe('schedule minimums for the date picker', () => {
  it('post-qualification must-tender: issue ≥ 5 days (T2), deadline ≥ 20 days (T1)', () => {
    const m = scheduleMinimums(start, { mustTender: true, qualification: 'post' });
    expect(m.documentIssueEnd).toEqual({
      earliest: addDays(start, 5),
      earliestDate: '2026-03-15',
      rules: ['T2'],
    });
    expect(m.bidDeadline).toEqual({
      earliest: addDays(start, 20),
      earliestDate: '2026-03-30',
      rules: ['T1'],
    });
    expect(m.prequalificationDeadline).toBeNull();
  });

  it('pre-qualification: applications ≥ 5 days after the earliest end of issue (T3)', () => {
    const m = scheduleMinimums(start, { mustTender: true, qualification: 'pre' });
    expect(m.prequalificationDeadline).toEqual({
      earliest: addDays(start, 10),
      earliestDate: '2026-03-20',
      rules: ['T2', 'T3'],
    });
    expect(m.bidDeadline.rules).toEqual(['T1']);
  });

  it('not must-tender: only T2 sets a minimum', () => {
    const m = scheduleMinimums(start, { mustTender: false, qualification: 'pre' });
    expect(m.prequalificationDeadline).toMatchObject({ earliest: addDays(start, 5), rules: ['T2'] });
    expect(m.bidDeadline).toMatchObject({ earliest: addDays(start, 5), rules: ['T2'] });
  });

  it('the minimums are lawful and a day earlier is not, for any start time of day', () => {
    for (let hour = 0; hour < 24; hour++) {
      const s = new Date(start.getTime() + hour * 3_600_000);
      const m = scheduleMinimums(s, { mustTender: true, qualification: 'pre' });
      const lawful: TenderSchedule = {
        documentIssueStart: s,
        documentIssueEnd: m.documentIssueEnd.earliest,
        bidDeadline: m.bidDeadline.earliest,
        openingAt: m.bidDeadline.earliest,
        prequalificationDeadline: m.prequalificationDeadline!.earliest,
      };
      expect(scheduleViolations(lawful, { mustTender: true, qualification: 'pre' })).toEqual([]);
      const early = addDays(m.bidDeadline.earliest, -1);
      expect(rulesOf({ ...lawful, bidDeadline: early, openingAt: early }, true, 'pre')).toEqual(['T1']);
    }
  });
});

describe('section rules C3 and C10', () => {
  const section = { estimatedPriceFen: 100_000_000, bidBondFen: 2_000_000, referencePricesFen: [] };
  it('C3: a bond of exactly 2% passes; 1 fen more is refused, with limit and actual in yuan', () => {
    expect(sectionViolations([section])).toEqual([]);
    const [v] = sectionViolations([{ ...section, bidBondFen: 2_000_001 }]);
    expect(v!.error.params).toMatchObject({
      rule: 'C3',
      kind: 'max',
      limit: 20_000,
      actual: 20_000.01,
      unit: 'yuan',
    });
    expect(renderMessage('RULE_VIOLATION', v!.error.params, 'zh-CN')).toContain(
      '不得超过 20,000.00 元，实为 20,000.01 元',
    );
  });
  it('C3 is exact for the largest amounts and for a configured percentage', () => {
    const huge = { estimatedPriceFen: 999_999_999_999_999, referencePricesFen: [] };
    expect(sectionViolations([{ ...huge, bidBondFen: 19_999_999_999_999 }])).toEqual([]);
    expect(sectionViolations([{ ...huge, bidBondFen: 20_000_000_000_000 }])).toHaveLength(1);
    const stricter = withRuleOverrides({ C3: 1.5 });
    expect(sectionViolations([{ ...section, bidBondFen: 1_500_000 }], stricter)).toEqual([]);
    expect(
      sectionViolations([{ ...section, bidBondFen: 1_500_001 }], stricter)[0]!.error.params,
    ).toMatchObject({
      limit: 15_000,
    });
  });
  it('C10: one reference price passes; two, or any minimum bid price, are refused', () => {
    expect(sectionViolations([{ ...section, referencePricesFen: [1] }])).toEqual([]);
    const two = sectionViolations([{ ...section, referencePricesFen: [1, 2] }]);
    expect(two.map((v) => v.error.params)).toEqual([
      expect.objectContaining({ rule: 'C10', kind: 'max', limit: 1, actual: 2 }),
    ]);
    const minimum = sectionViolations([section, { ...section, minimumBidPriceFen: 5 }]);
    expect(minimum).toHaveLength(1);
    expect(minimum[0]).toMatchObject({ index: 1, error: { params: { rule: 'C10', kind: 'forbidden' } } });
  });
});
