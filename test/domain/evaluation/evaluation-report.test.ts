import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/domain/errors.ts';
import {
  candidatesViolation,
  draftReport,
  extendEvaluationTime,
  memberConclusions,
  moreTimeRequired,
  recommendedCandidates,
  recordDissent,
  recordSignature,
  reportFinalisationProblems,
  requestMoreTime,
  type BidOutcome,
  type EvaluationReport,
} from '../../../src/domain/evaluation/evaluation-report.ts';

const at = new Date('2026-05-20T08:00:00Z');
const committee = ['e1', 'e2', 'e3', 'e4', 'e5'].map((expertId, i) => ({
  expertId,
  name: `专家${i + 1}`,
  chair: i === 0,
}));
const outcomes: BidOutcome[] = [
  { bidId: 'B', status: 'evaluated', rank: 1, totalCenti: 88_91 },
  { bidId: 'A', status: 'evaluated', rank: 2, totalCenti: 86_49 },
  { bidId: 'D', status: 'evaluated', rank: 3, totalCenti: 85_62 },
  { bidId: 'C', status: 'evaluated', rank: 4, totalCenti: 84_64 },
  { bidId: 'E', status: 'rejected', grounds: ['price_above_control'] },
];
const report = () => draftReport(committee, outcomes, recommendedCandidates(outcomes));
const signAll = (r: EvaluationReport, except: string[] = []) =>
  committee
    .filter((m) => !except.includes(m.expertId))
    .reduce((acc, m) => recordSignature(acc, { expertId: m.expertId, kind: 'signed', at }), r);
const codes = (errors: AppError[]) => errors.map((e) => e.params.rule ?? e.code);

describe('C7: at most 3 ranked candidates (条例 53)', () => {
  it('2 and 3 are allowed, 4 is refused', () => {
    expect(candidatesViolation(['B', 'A'])).toBeNull();
    expect(candidatesViolation(['B', 'A', 'D'])).toBeNull();
    expect(candidatesViolation(['B', 'A', 'D', 'C'])!.params).toMatchObject({
      rule: 'C7',
      kind: 'max',
      limit: 3,
      actual: 4,
    });
  });
  it('the recommendation takes the best three evaluated bids, never a rejected one', () => {
    expect(report().candidates).toEqual(['B', 'A', 'D']);
  });
  it('a report with 4 candidates is not final', () => {
    const r = signAll({ ...report(), candidates: ['B', 'A', 'D', 'C'] });
    expect(codes(reportFinalisationProblems(r))).toEqual(['C7']);
  });
});

describe('signatures and dissent (条例 53)', () => {
  it('the report is final only when every member has signed or refused (E9)', () => {
    const fourSigned = signAll(report(), ['e5']);
    expect(codes(reportFinalisationProblems(fourSigned))).toEqual(['E9']);
    expect(reportFinalisationProblems(signAll(report()))).toEqual([]);
  });

  it('a refusal without a written reason is deemed agreement; with one it is a dissent', () => {
    let r = signAll(report(), ['e4', 'e5']);
    r = recordSignature(r, { expertId: 'e4', kind: 'refused', at, writtenReason: null });
    r = recordSignature(r, {
      expertId: 'e5',
      kind: 'refused',
      at,
      writtenReason: 'B 的施工方案未响应工期要求',
    });
    expect(memberConclusions(r).map((m) => m.conclusion)).toEqual([
      'agreed',
      'agreed',
      'agreed',
      'deemed_agreed',
      'dissented',
    ]);
    expect(r.dissents).toEqual([
      { expertId: 'e5', opinion: '拒绝在评标报告上签字', reason: 'B 的施工方案未响应工期要求', at },
    ]);
    expect(reportFinalisationProblems(r)).toEqual([]);
  });

  it('one dissent per expert, with a reason, before signing; a member signs once', () => {
    const dissent = { expertId: 'e2', opinion: 'A 应排第一', reason: '技术方案更优', at };
    const r = recordDissent(report(), dissent);
    expect(() => recordDissent(r, dissent)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(() => recordDissent(report(), { ...dissent, reason: ' ' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => recordDissent(report(), { ...dissent, expertId: 'outsider' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    const signed = recordSignature(r, { expertId: 'e2', kind: 'signed', at });
    expect(memberConclusions(signed)[1]!.conclusion).toBe('dissented');
    expect(() => recordSignature(signed, { expertId: 'e2', kind: 'signed', at })).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
  });

  it('exactly one chair', () => {
    const r = signAll({ ...report(), committee: committee.map((m) => ({ ...m, chair: false })) });
    expect(codes(reportFinalisationProblems(r))).toEqual(['INVALID_STATE']);
  });
});

describe('more time for the evaluation (条例 48)', () => {
  it('required when more than a third of the members ask: 1 of 5 no, 2 of 5 yes', () => {
    let r = requestMoreTime(report(), 'e1', at, '投标文件技术部分篇幅大');
    expect(moreTimeRequired(r)).toBe(false);
    r = requestMoreTime(r, 'e1', at, '再次申请');
    expect(moreTimeRequired(r)).toBe(false);
    r = requestMoreTime(r, 'e3', at, '需核对工程量清单');
    expect(moreTimeRequired(r)).toBe(true);
    const until = new Date('2026-05-21T08:00:00Z');
    const extended = extendEvaluationTime(r, at, until, '评标委员会超过三分之一成员认为评标时间不够');
    expect(extended.events.at(-1)).toEqual({
      type: 'evaluation_time_extended',
      at,
      until,
      reason: '评标委员会超过三分之一成员认为评标时间不够',
      requestedBy: ['e1', 'e3'],
    });
  });

  it('an extension needs a reason and a later end', () => {
    expect(() => extendEvaluationTime(report(), at, new Date(at.getTime() + 1), '')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => extendEvaluationTime(report(), at, at, '时间不够')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
