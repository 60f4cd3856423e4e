import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawCrypto } from '../../src/crypto/portable/draw-random.ts';
import {
  committeeCompositionViolation,
  designationViolation,
  type CommitteeRequirement,
} from '../../src/domain/evaluation/committee-rules.ts';
import {
  DRAW_PARTIES,
  assertRevealMatches,
  currentSeats,
  drawCommitment,
  drawReplacement,
  drawSeats,
  drawSeed,
  eligibleDigest,
  replayDrawLog,
  sortEligible,
  uniformIndex,
  type DrawCrypto,
  type DrawLog,
  type DrawParty,
  type DrawRandom,
  type EligibleExpert,
} from '../../src/domain/evaluation/expert-draw.ts';
import {
  recusalsOf,
  type InterestedParties,
  type RecusalCandidate,
} from '../../src/domain/evaluation/expert-recusal.ts';
import { AppError } from '../../src/domain/errors.ts';

const sha = drawCrypto('sha256');
const sm3 = drawCrypto('sm3');

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A deterministic value per label: the tests need no entropy, only distinct inputs. */
function valueOf(crypto: DrawCrypto, label: string): string {
  return hex(crypto.digest(new TextEncoder().encode(label)));
}

function pool(
  n: number,
  specialty = 'civil',
  category: 'technical' | 'economic' = 'technical',
): EligibleExpert[] {
  return sortEligible(
    Array.from({ length: n }, (_, i) => ({
      expertId: `e${String(i).padStart(3, '0')}`,
      category,
      specialties: [specialty],
    })),
  );
}

/** A whole draw as the platform runs it, from the three parties' values. */
function aDrawLog(
  crypto: DrawCrypto,
  eligible: EligibleExpert[],
  requirements: CommitteeRequirement[],
  values: Record<DrawParty, string>,
): DrawLog {
  const digest = eligibleDigest(crypto, eligible);
  const reveals = DRAW_PARTIES.map((party) => ({ party, value: values[party] }));
  const seed = drawSeed(crypto, 'draw-1', digest, reveals);
  return {
    version: 1,
    drawId: 'draw-1',
    sectionId: 'section-1',
    algorithm: crypto.algorithm,
    requirements,
    eligible: { experts: eligible, digest },
    commitments: DRAW_PARTIES.map((party) => ({
      party,
      commitment: drawCommitment(crypto, party, values[party]),
      committedAt: '2026-03-02T01:00:00.000Z',
      substituted: false,
    })),
    reveals,
    seed,
    result: drawSeats(eligible, requirements, crypto.stream(seed, 0)),
    replacements: [],
  };
}

function values(crypto: DrawCrypto, label: string): Record<DrawParty, string> {
  return {
    tenderer: valueOf(crypto, `${label}/tenderer`),
    platform: valueOf(crypto, `${label}/platform`),
    supervisor: valueOf(crypto, `${label}/supervisor`),
  };
}

describe('committee rules C5 and C6', () => {
  const experts = (n: number): CommitteeRequirement[] => [
    { specialty: 'civil', category: 'technical', count: n },
  ];
  const codeOf = (e: AppError | null) =>
    e ? `${e.code}:${e.params.rule ?? ''}:${e.params.kind ?? ''}` : null;

  it('refuses 4 members, accepts 5, refuses 6 (even), accepts 7', () => {
    expect(
      codeOf(
        committeeCompositionViolation({ size: 4, tendererRepresentatives: 0, requirements: experts(4) }),
      ),
    ).toBe('RULE_VIOLATION:C5:min');
    expect(
      committeeCompositionViolation({ size: 5, tendererRepresentatives: 0, requirements: experts(5) }),
    ).toBeNull();
    expect(
      codeOf(
        committeeCompositionViolation({ size: 6, tendererRepresentatives: 0, requirements: experts(6) }),
      ),
    ).toBe('RULE_VIOLATION:C5:forbidden');
    expect(
      committeeCompositionViolation({ size: 7, tendererRepresentatives: 2, requirements: experts(5) }),
    ).toBeNull();
  });

  it('accepts experts at exactly two thirds and refuses one below', () => {
    // 9 members: 6 experts is exactly 2/3; 5 experts (and 4 representatives) is just below.
    expect(
      committeeCompositionViolation({ size: 9, tendererRepresentatives: 3, requirements: experts(6) }),
    ).toBeNull();
    const below = committeeCompositionViolation({
      size: 9,
      tendererRepresentatives: 4,
      requirements: experts(5),
    });
    expect(codeOf(below)).toBe('RULE_VIOLATION:C5:min');
    expect(below!.params).toMatchObject({ limit: 6, actual: 5 });
    // 7 members: 2/3 is 4.67, so 5 experts is the least; 4 is refused.
    expect(
      codeOf(
        committeeCompositionViolation({ size: 7, tendererRepresentatives: 3, requirements: experts(4) }),
      ),
    ).toBe('RULE_VIOLATION:C5:min');
  });

  it('refuses a composition whose parts do not add up to the size', () => {
    const e = committeeCompositionViolation({
      size: 5,
      tendererRepresentatives: 1,
      requirements: experts(5),
    });
    expect(e?.code).toBe('VALIDATION_FAILED');
    expect(e?.details[0]?.code).toBe('committee_size_mismatch');
  });

  it('refuses designation (C6) and a draw with too few eligible experts', () => {
    expect(codeOf(designationViolation(['e1']))).toBe('RULE_VIOLATION:C6:forbidden');
    expect(designationViolation([])).toBeNull();
    expect(() => drawSeats(pool(4), experts(5), sha.stream(valueOf(sha, 'x'), 0))).toThrow(
      /RULE_VIOLATION.*C6/,
    );
  });
});

describe('draw stream', () => {
  it('is deterministic, counts its position, and resumes at a position', () => {
    for (const crypto of [sha, sm3]) {
      const seed = valueOf(crypto, 'seed');
      const a = crypto.stream(seed, 0);
      const first = Array.from({ length: 20 }, () => a.nextUint32());
      expect(a.position).toBe(80);
      const b = crypto.stream(seed, 36);
      expect(Array.from({ length: 11 }, () => b.nextUint32())).toEqual(first.slice(9));
      expect(() => crypto.stream(seed, 3)).toThrow(RangeError);
    }
  });

  it('rejects the 32-bit values that would bias an index (no modulo bias)', () => {
    const n = 3 * 2 ** 30;
    const feed = [2 ** 32 - 1, n, n - 1];
    const random: DrawRandom = {
      position: 0,
      nextUint32: () => feed.shift()!,
    };
    // With n = 3·2^30 a plain modulo would give indices below 2^30 twice the chance of the others;
    // every value at or above n (the largest multiple of n below 2^32) is rejected instead.
    expect(uniformIndex(random, n)).toBe(n - 1);
    expect(uniformIndex({ position: 0, nextUint32: () => 2 ** 32 - 2 }, 3)).toBe(2);
    expect(feed).toEqual([]);
  });
});

/**
 * Uniformity. Each run's seed is fixed (H("run i")), so the test is deterministic; the bound is the
 * chi-square quantile at p = 0.001. With draws without replacement inside one committee the
 * counts vary slightly less than multinomial ones, so the bound is conservative.
 */
describe.each([
  ['sha256', sha],
  ['sm3', sm3],
])('selection frequency over 10,000 draws (%s)', (_name, crypto) => {
  it('5 seats from 20 experts: chi-square < 43.82 (df 19, p = 0.001)', () => {
    const eligible = pool(20);
    const counts = new Map(eligible.map((e) => [e.expertId, 0]));
    const runs = 10_000;
    for (let i = 0; i < runs; i += 1) {
      const { seats } = drawSeats(
        eligible,
        [{ specialty: 'civil', category: 'technical', count: 5 }],
        crypto.stream(valueOf(crypto, `run ${i}`), 0),
      );
      expect(new Set(seats.map((s) => s.expertId)).size).toBe(5);
      for (const s of seats) counts.set(s.expertId, counts.get(s.expertId)! + 1);
    }
    const expected = (runs * 5) / 20;
    const chi2 = [...counts.values()].reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(43.82);
  });

  it('1 seat from 7 experts: chi-square < 22.46 (df 6, p = 0.001)', () => {
    const eligible = pool(7);
    const counts = new Array<number>(7).fill(0);
    const runs = 10_000;
    for (let i = 0; i < runs; i += 1) {
      const { seats } = drawSeats(
        eligible,
        [{ specialty: 'civil', category: 'technical', count: 1 }],
        crypto.stream(valueOf(crypto, `single ${i}`), 0),
      );
      counts[eligible.findIndex((e) => e.expertId === seats[0]!.expertId)]! += 1;
    }
    const expected = runs / 7;
    const chi2 = counts.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(22.46);
  });
});

describe('commit–reveal and replay', () => {
  const requirements: CommitteeRequirement[] = [
    { specialty: 'civil', category: 'technical', count: 4 },
    { specialty: 'cost', category: 'economic', count: 1 },
  ];
  const eligible = sortEligible([
    ...pool(30, 'civil'),
    ...pool(8, 'cost', 'economic').map((e) => ({ ...e, expertId: `c${e.expertId}` })),
  ]);

  it('replays a logged draw, with its replacement steps, to the same committee', () => {
    for (const crypto of [sha, sm3]) {
      let log = aDrawLog(crypto, eligible, requirements, values(crypto, 'replay'));
      const step1 = drawReplacement(crypto, log, 2, 'no_show', []);
      expect(step1.fromPosition).toBe(log.result.position);
      log = { ...log, replacements: [step1] };
      const step2 = drawReplacement(crypto, log, 5, 'recused', [eligible[0]!.expertId]);
      expect(step2.fromPosition).toBe(step1.toPosition);
      log = { ...log, replacements: [step1, step2] };

      const replay = replayDrawLog(crypto, JSON.parse(JSON.stringify(log)) as DrawLog);
      expect(replay).toEqual({ ok: true, committee: currentSeats(log) });
      const seated = currentSeats(log).map((s) => s.expertId);
      expect(new Set(seated).size).toBe(5);
      expect(seated).not.toContain(step1.vacatedExpertId);
      expect(seated).not.toContain(eligible[0]!.expertId);
    }
  });

  it('changing any one value changes the committee (500 variations)', () => {
    const base = values(sha, 'base');
    const committee = (log: DrawLog) => log.result.seats.map((s) => s.expertId).join(',');
    const original = committee(aDrawLog(sha, eligible, requirements, base));
    const seen = new Set<string>([original]);
    for (let i = 0; i < 500; i += 1) {
      const party = DRAW_PARTIES[i % 3]!;
      const changed = aDrawLog(sha, eligible, requirements, {
        ...base,
        [party]: valueOf(sha, `variation ${i}`),
      });
      expect(committee(changed)).not.toBe(original);
      seen.add(committee(changed));
    }
    // Different values spread over different committees, not a few favoured ones.
    expect(seen.size).toBeGreaterThan(495);
  });

  it('refuses a reveal that does not open its commitment, at the API and in a replay', () => {
    const v = values(sha, 'mismatch');
    const commitment = drawCommitment(sha, 'tenderer', v.tenderer);
    expect(() => assertRevealMatches(sha, 'tenderer', v.tenderer, commitment)).not.toThrow();
    expect(() => assertRevealMatches(sha, 'tenderer', v.platform, commitment)).toThrow(AppError);
    // The same value committed as another party does not open the tenderer's commitment.
    expect(() => assertRevealMatches(sha, 'supervisor', v.tenderer, commitment)).toThrow(/VALIDATION_FAILED/);

    const log = aDrawLog(sha, eligible, requirements, v);
    const forged = {
      ...log,
      reveals: log.reveals.map((r) => (r.party === 'platform' ? { ...r, value: v.supervisor } : r)),
    };
    expect(replayDrawLog(sha, forged)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/platform/),
    });
  });

  it('detects a changed eligible list, seed, seat or replacement step', () => {
    let log = aDrawLog(sha, eligible, requirements, values(sha, 'tamper'));
    log = { ...log, replacements: [drawReplacement(sha, log, 1, 'no_show', [])] };
    const otherExpert = eligible.find(
      (e) => !currentSeats(log).some((s) => s.expertId === e.expertId),
    )!.expertId;
    const cases: DrawLog[] = [
      { ...log, eligible: { ...log.eligible, experts: log.eligible.experts.slice(1) } },
      { ...log, seed: valueOf(sha, 'other seed') },
      {
        ...log,
        result: {
          ...log.result,
          seats: log.result.seats.map((s, i) => (i === 0 ? { ...s, expertId: otherExpert } : s)),
        },
      },
      { ...log, replacements: [{ ...log.replacements[0]!, expertId: otherExpert }] },
      { ...log, algorithm: 'sm3' },
    ];
    for (const tampered of cases) expect(replayDrawLog(sha, tampered).ok).toBe(false);
  });
});

/** An independent statement of the recusal grounds, to check the draw against. */
function hasInterest(expert: RecusalCandidate, parties: InterestedParties): boolean {
  const all = [
    parties.tendererOrganisationId,
    parties.agencyOrganisationId,
    ...parties.bidderOrganisationIds,
  ].filter((o): o is string => o !== null);
  const employer = expert.employerOrganisationId;
  return (
    (employer !== null && all.includes(employer)) ||
    all.some((o) => parties.headIdNumberHashes.get(o) === expert.idNumberHash) ||
    (employer !== null && all.some((o) => parties.relatedOrganisationIds.get(o)?.includes(employer))) ||
    all.some((o) => expert.declaredConflictOrganisationIds.includes(o)) ||
    parties.declaredExpertIds.has(expert.expertId)
  );
}

describe('recusal', () => {
  const orgs = Array.from({ length: 8 }, (_, i) => `org${i}`);
  const people = Array.from({ length: 6 }, (_, i) => `person${i}`);
  const scenario = fc.record({
    experts: fc.array(
      fc.record({
        employer: fc.option(fc.constantFrom(...orgs), { nil: null }),
        person: fc.constantFrom(...people),
        declared: fc.subarray(orgs, { maxLength: 2 }),
        selfDeclared: fc.boolean(),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    tenderer: fc.constantFrom(...orgs),
    agency: fc.option(fc.constantFrom(...orgs), { nil: null }),
    bidders: fc.subarray(orgs, { maxLength: 4 }),
    heads: fc.array(fc.tuple(fc.constantFrom(...orgs), fc.constantFrom(...people)), { maxLength: 6 }),
    controls: fc.array(fc.tuple(fc.constantFrom(...orgs), fc.constantFrom(...orgs)), { maxLength: 6 }),
    seed: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  });

  it('no recused expert is ever drawn, and every interested expert is recused with a ground', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const candidates: RecusalCandidate[] = s.experts.map((e, i) => ({
          expertId: `x${String(i).padStart(2, '0')}`,
          employerOrganisationId: e.employer,
          idNumberHash: e.person,
          declaredConflictOrganisationIds: e.declared,
        }));
        const related = new Map<string, string[]>();
        const link = (a: string, b: string) => {
          if (a === b) return;
          related.set(a, [...(related.get(a) ?? []), b]);
        };
        for (const [a, b] of s.controls) {
          link(a, b);
          link(b, a);
        }
        const heads = new Map(s.heads);
        for (const [a, pa] of heads) for (const [b, pb] of heads) if (pa === pb) link(a, b);
        const parties: InterestedParties = {
          tendererOrganisationId: s.tenderer,
          agencyOrganisationId: s.agency,
          bidderOrganisationIds: s.bidders,
          relatedOrganisationIds: related,
          headIdNumberHashes: heads,
          declaredExpertIds: new Set(
            candidates.filter((_, i) => s.experts[i]!.selfDeclared).map((c) => c.expertId),
          ),
        };
        const recusals = recusalsOf(candidates, parties);
        const recused = new Set(recusals.map((r) => r.expertId));
        for (const c of candidates) expect(recused.has(c.expertId)).toBe(hasInterest(c, parties));
        for (const r of recusals) expect(r.text.zh.length).toBeGreaterThan(0);

        const eligible = sortEligible(
          candidates
            .filter((c) => !recused.has(c.expertId))
            .map((c) => ({ expertId: c.expertId, category: 'technical' as const, specialties: ['civil'] })),
        );
        if (eligible.length === 0) return;
        const count = Math.min(eligible.length, 5);
        const { seats } = drawSeats(
          eligible,
          [{ specialty: 'civil', category: 'technical', count }],
          sha.stream(hex(s.seed), 0),
        );
        for (const seat of seats) {
          const expert = candidates.find((c) => c.expertId === seat.expertId)!;
          expect(hasInterest(expert, parties)).toBe(false);
        }
      }),
      { numRuns: 300, seed: 20260302 },
    );
  });
});
