import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/domain/errors.ts';
import { withRuleOverrides } from '../../src/domain/rules/legal-rules.ts';
import {
  assertBeforeBidDeadline,
  assertBidBond,
  assertBidsDisclosable,
  assertProjectOpenForBids,
  expectedChunkSize,
  MAX_CHUNKS,
  uploadShape,
  yuanToFen,
} from '../../src/domain/tender/bid-rules.ts';

function codeOf(fn: () => void): { code: string; params: Record<string, unknown>; path?: string } {
  try {
    fn();
  } catch (error) {
    const e = error as AppError;
    return { code: e.code, params: e.params, path: e.details[0]?.path };
  }
  return { code: 'none', params: {} };
}

describe('bid rules', () => {
  const deadline = '2026-03-25T01:00:00.000Z';

  it('E2: the deadline instant itself is late; one millisecond before is in time', () => {
    expect(() => assertBeforeBidDeadline(new Date('2026-03-25T00:59:59.999Z'), deadline)).not.toThrow();
    expect(codeOf(() => assertBeforeBidDeadline(new Date(deadline), deadline))).toMatchObject({
      code: 'RULE_VIOLATION',
      path: 'E2',
      params: { kind: 'forbidden', latest: deadline },
    });
  });

  it('E4: bids are disclosed from the deadline on, never before', () => {
    expect(codeOf(() => assertBidsDisclosable(new Date('2026-03-25T00:59:59.999Z'), deadline))).toMatchObject(
      {
        path: 'E4',
        params: { earliest: deadline },
      },
    );
    expect(() => assertBidsDisclosable(new Date(deadline), deadline)).not.toThrow();
  });

  it('refuses bids unless the project is published and not paused', () => {
    expect(() => assertProjectOpenForBids({ status: 'published', paused: false })).not.toThrow();
    expect(codeOf(() => assertProjectOpenForBids({ status: 'draft', paused: false })).params).toMatchObject({
      state: 'draft',
    });
    expect(
      codeOf(() => assertProjectOpenForBids({ status: 'published', paused: true })).params,
    ).toMatchObject({
      state: 'paused',
    });
  });

  it('C3: bond at least the required one, at most 2% of the estimated price (overridable)', () => {
    const facts = { requiredFen: 1_000_000, estimatedPriceFen: 100_000_000 };
    expect(() => assertBidBond({ ...facts, amountFen: 2_000_000 })).not.toThrow();
    expect(codeOf(() => assertBidBond({ ...facts, amountFen: 999_999 }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      path: 'bidBond.amount',
    });
    expect(codeOf(() => assertBidBond({ ...facts, amountFen: 2_000_001 }))).toMatchObject({
      path: 'C3',
      params: { kind: 'max', limit: 20_000, actual: 20_000.01, unit: 'yuan' },
    });
    const rules = withRuleOverrides({ C3: 1 });
    expect(codeOf(() => assertBidBond({ ...facts, amountFen: 1_500_000, rules })).path).toBe('C3');
  });

  it('cuts an upload into chunks; the last one is shorter', () => {
    const shape = uploadShape(2500, 1000, 10_000);
    expect(shape.chunkCount).toBe(3);
    expect([0, 1, 2].map((i) => expectedChunkSize(shape, i))).toEqual([1000, 1000, 500]);
    expect(codeOf(() => expectedChunkSize(shape, 3)).code).toBe('VALIDATION_FAILED');
    expect(codeOf(() => uploadShape(10_001, 1000, 10_000)).code).toBe('PAYLOAD_TOO_LARGE');
    expect(codeOf(() => uploadShape(MAX_CHUNKS + 1, 1, 1e9)).code).toBe('VALIDATION_FAILED');
  });

  it('converts yuan to fen exactly', () => {
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(10_000.01)).toBe(1_000_001);
  });
});
