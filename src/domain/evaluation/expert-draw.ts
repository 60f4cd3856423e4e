import { z } from 'zod';
import { canonicalJson } from '../canonical-json.ts';
import { AppError } from '../errors.ts';
import {
  EXPERT_CATEGORIES,
  eligibleShortfallViolation,
  type CommitteeRequirement,
} from './committee-rules.ts';

/**
 * The random expert draw (C6, 条例 46), verifiable by anyone holding its DrawLog.
 *
 * Randomness is a commit–reveal among the parties: each commits H(value ‖ party) before the
 * eligible list is frozen and reveals the value afterwards, so nobody — the platform included —
 * can steer the seed unless every party colludes. The seed is
 * H(draw id ‖ eligible-list digest ‖ each revealed value, in party order), where ‖ joins fields
 * each prefixed by its UTF-8 length as a 4-byte big-endian integer. A byte stream is expanded from
 * the seed (see src/crypto/portable/draw-random.ts) and read 4 bytes at a time.
 */
export const DRAW_PARTIES = ['tenderer', 'platform', 'supervisor'] as const;
export type DrawParty = (typeof DRAW_PARTIES)[number];

export const DRAW_HASHES = ['sm3', 'sha256'] as const;
export type DrawHashAlgorithm = (typeof DRAW_HASHES)[number];

/** A deterministic byte stream; `position` counts the bytes read since the seed's first byte. */
export interface DrawRandom {
  nextUint32(): number;
  readonly position: number;
}

/** The hash and the stream of one algorithm; built outside the domain (SM3 or SHA-256). */
export interface DrawCrypto {
  readonly algorithm: DrawHashAlgorithm;
  digest(data: Uint8Array): Uint8Array;
  /** The stream from `seedHex`, skipped to byte `position` (a multiple of 4). */
  stream(seedHex: string, position: number): DrawRandom;
}

/** A party's value: at least 128 bits, lowercase hex. */
export const drawValue = z.string().regex(/^[0-9a-f]{32,128}$/, 'lowercase hex, 32 to 128 digits');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const eligibleExpert = z.object({
  expertId: z.string().min(1),
  category: z.enum(EXPERT_CATEGORIES),
  specialties: z.array(z.string().min(1)),
});
export type EligibleExpert = z.infer<typeof eligibleExpert>;

const requirement = z.object({
  specialty: z.string().min(1),
  category: z.enum(EXPERT_CATEGORIES),
  count: z.number().int().min(1),
});

export const drawnSeat = z.object({
  seat: z.number().int().min(1),
  requirement: z.number().int().min(0),
  expertId: z.string(),
});
export type DrawnSeat = z.infer<typeof drawnSeat>;

export const REPLACEMENT_REASONS = ['recused', 'declared_conflict', 'no_show'] as const;

export const replacementStep = z.object({
  step: z.number().int().min(1),
  seat: z.number().int().min(1),
  vacatedExpertId: z.string(),
  reason: z.enum(REPLACEMENT_REASONS),
  /** Eligible experts found recused since the freeze; never drawn from then on. */
  excludedExpertIds: z.array(z.string()),
  fromPosition: z.number().int().min(0),
  toPosition: z.number().int().min(0),
  expertId: z.string(),
});
export type ReplacementStep = z.infer<typeof replacementStep>;

/** Everything a replay needs, and nothing that names an expert. */
export const drawLog = z.object({
  version: z.literal(1),
  drawId: z.string().min(1),
  sectionId: z.string().min(1),
  algorithm: z.enum(DRAW_HASHES),
  requirements: z.array(requirement).min(1),
  eligible: z.object({ experts: z.array(eligibleExpert), digest: hex64 }),
  commitments: z.array(
    z.object({
      party: z.enum(DRAW_PARTIES),
      commitment: hex64,
      committedAt: z.string(),
      /** True when the platform drew the value for an absent party. */
      substituted: z.boolean(),
    }),
  ),
  reveals: z.array(z.object({ party: z.enum(DRAW_PARTIES), value: drawValue })),
  seed: hex64,
  result: z.object({ seats: z.array(drawnSeat), position: z.number().int().min(0) }),
  replacements: z.array(replacementStep),
});
export type DrawLog = z.infer<typeof drawLog>;

const encoder = new TextEncoder();

/** Length-prefixed concatenation, so that no two field lists hash the same bytes. */
export function joinFields(fields: readonly string[]): Uint8Array {
  const parts = fields.map((f) => encoder.encode(f));
  const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function drawCommitment(crypto: DrawCrypto, party: DrawParty, value: string): string {
  return hexOf(crypto.digest(joinFields([value, party])));
}

/** Refuses a reveal that does not open the party's commitment. */
export function assertRevealMatches(
  crypto: DrawCrypto,
  party: DrawParty,
  value: string,
  commitment: string,
): void {
  if (drawCommitment(crypto, party, value) !== commitment) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'value' },
      { details: [{ path: 'body.value', code: 'commitment_mismatch', params: { party } }] },
    );
  }
}

/** The eligible list in draw order: by expert id, each expert's specialties sorted. */
export function sortEligible(experts: readonly EligibleExpert[]): EligibleExpert[] {
  return experts
    .map((e) => ({ expertId: e.expertId, category: e.category, specialties: [...e.specialties].sort() }))
    .sort((a, b) => (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0));
}

export function eligibleDigest(crypto: DrawCrypto, sorted: readonly EligibleExpert[]): string {
  return hexOf(crypto.digest(encoder.encode(canonicalJson(sorted))));
}

export function drawSeed(
  crypto: DrawCrypto,
  drawId: string,
  digest: string,
  reveals: readonly { party: DrawParty; value: string }[],
): string {
  const values = DRAW_PARTIES.flatMap((party) =>
    reveals.filter((r) => r.party === party).map((r) => r.value),
  );
  return hexOf(crypto.digest(joinFields([drawId, digest, ...values])));
}

const TWO_32 = 2 ** 32;

/**
 * A uniform index in [0, n): 32-bit draws at or above the largest multiple of n are rejected, so
 * no index is favoured (no modulo bias).
 */
export function uniformIndex(random: DrawRandom, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`uniformIndex: bad range ${n}`);
  const limit = TWO_32 - (TWO_32 % n);
  for (;;) {
    const x = random.nextUint32();
    if (x < limit) return x % n;
  }
}

function fits(expert: EligibleExpert, need: CommitteeRequirement): boolean {
  return expert.category === need.category && expert.specialties.includes(need.specialty);
}

function pick(
  sorted: readonly EligibleExpert[],
  need: CommitteeRequirement,
  excluded: ReadonlySet<string>,
  random: DrawRandom,
): string {
  const candidates = sorted.filter((e) => fits(e, need) && !excluded.has(e.expertId));
  const shortfall = eligibleShortfallViolation(1, candidates.length);
  if (shortfall) throw shortfall;
  return candidates[uniformIndex(random, candidates.length)]!.expertId;
}

/** C6 before drawing: each requirement alone must find enough eligible experts. */
export function assertEnoughEligible(
  sorted: readonly EligibleExpert[],
  requirements: readonly CommitteeRequirement[],
): void {
  for (const need of requirements) {
    const shortfall = eligibleShortfallViolation(need.count, sorted.filter((e) => fits(e, need)).length);
    if (shortfall) throw shortfall;
  }
}

/**
 * The draw: requirement by requirement, in the stated order, each seat picks uniformly among the
 * fitting experts not yet drawn, in the order of the sorted eligible list.
 */
export function drawSeats(
  sorted: readonly EligibleExpert[],
  requirements: readonly CommitteeRequirement[],
  random: DrawRandom,
): { seats: DrawnSeat[]; position: number } {
  const taken = new Set<string>();
  const seats: DrawnSeat[] = [];
  requirements.forEach((need, index) => {
    for (let i = 0; i < need.count; i += 1) {
      const expertId = pick(sorted, need, taken, random);
      taken.add(expertId);
      seats.push({ seat: seats.length + 1, requirement: index, expertId });
    }
  });
  return { seats, position: random.position };
}

/** Who may no longer be drawn: everyone drawn so far (vacated seats included) and everyone excluded. */
function everDrawn(log: Pick<DrawLog, 'result' | 'replacements'>): Set<string> {
  const ids = new Set(log.result.seats.map((s) => s.expertId));
  for (const step of log.replacements) {
    ids.add(step.expertId);
    for (const id of step.excludedExpertIds) ids.add(id);
  }
  return ids;
}

/** The committee as it stands: the initial seats with each replacement applied in order. */
export function currentSeats(log: Pick<DrawLog, 'result' | 'replacements'>): DrawnSeat[] {
  const seats = log.result.seats.map((s) => ({ ...s }));
  for (const step of log.replacements) {
    const seat = seats.find((s) => s.seat === step.seat);
    if (seat) seat.expertId = step.expertId;
  }
  return seats;
}

/** Where the stream stands after the initial draw and every replacement. */
export function streamPosition(log: Pick<DrawLog, 'result' | 'replacements'>): number {
  return log.replacements.at(-1)?.toPosition ?? log.result.position;
}

/**
 * A replacement draw for one seat (a recusal found later, a no-show): the same stream continues
 * where it stopped, among the frozen eligible list minus everyone drawn before and `excluded`.
 */
export function drawReplacement(
  crypto: DrawCrypto,
  log: DrawLog,
  seatNumber: number,
  reason: ReplacementStep['reason'],
  excludedExpertIds: readonly string[],
): ReplacementStep {
  const seat = currentSeats(log).find((s) => s.seat === seatNumber);
  const need = seat ? log.requirements[seat.requirement] : undefined;
  if (!seat || !need) throw new AppError('NOT_FOUND');
  const fromPosition = streamPosition(log);
  const random = crypto.stream(log.seed, fromPosition);
  const excluded = everDrawn(log);
  for (const id of excludedExpertIds) excluded.add(id);
  const expertId = pick(log.eligible.experts, need, excluded, random);
  return {
    step: log.replacements.length + 1,
    seat: seatNumber,
    vacatedExpertId: seat.expertId,
    reason,
    excludedExpertIds: [...new Set(excludedExpertIds)].sort(),
    fromPosition,
    toPosition: random.position,
    expertId,
  };
}

export type DrawReplay =
  { readonly ok: true; readonly committee: DrawnSeat[] } | { readonly ok: false; readonly problem: string };

function sameSeats(a: readonly DrawnSeat[], b: readonly DrawnSeat[]): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Replays a DrawLog from scratch: the eligible list and its digest, every reveal against its
 * commitment, the seed, the initial draw and each replacement step. Any difference is a problem.
 */
export function replayDrawLog(crypto: DrawCrypto, log: DrawLog): DrawReplay {
  if (crypto.algorithm !== log.algorithm) return { ok: false, problem: `algorithm is ${log.algorithm}` };
  const sorted = sortEligible(log.eligible.experts);
  if (canonicalJson(sorted) !== canonicalJson(log.eligible.experts)) {
    return { ok: false, problem: 'the eligible list is not in draw order' };
  }
  if (new Set(sorted.map((e) => e.expertId)).size !== sorted.length) {
    return { ok: false, problem: 'the eligible list repeats an expert' };
  }
  if (eligibleDigest(crypto, sorted) !== log.eligible.digest) {
    return { ok: false, problem: 'the eligible list does not match its digest' };
  }
  for (const party of DRAW_PARTIES) {
    const committed = log.commitments.filter((c) => c.party === party);
    const revealed = log.reveals.filter((r) => r.party === party);
    if (committed.length !== 1 || revealed.length !== 1) {
      return { ok: false, problem: `party ${party} needs exactly one commitment and one reveal` };
    }
    if (drawCommitment(crypto, party, revealed[0]!.value) !== committed[0]!.commitment) {
      return { ok: false, problem: `the value revealed by ${party} does not match its commitment` };
    }
  }
  if (drawSeed(crypto, log.drawId, log.eligible.digest, log.reveals) !== log.seed) {
    return { ok: false, problem: 'the seed does not follow from the reveals' };
  }
  let replay: DrawLog;
  try {
    const initial = drawSeats(sorted, log.requirements, crypto.stream(log.seed, 0));
    if (!sameSeats(initial.seats, log.result.seats) || initial.position !== log.result.position) {
      return { ok: false, problem: 'the drawn committee differs from the logged one' };
    }
    replay = { ...log, replacements: [] };
    for (const step of log.replacements) {
      const again = drawReplacement(crypto, replay, step.seat, step.reason, step.excludedExpertIds);
      if (canonicalJson(again) !== canonicalJson(step)) {
        return { ok: false, problem: `replacement step ${step.step} differs from the logged one` };
      }
      replay = { ...replay, replacements: [...replay.replacements, again] };
    }
  } catch (error) {
    return { ok: false, problem: `the draw cannot be replayed: ${(error as Error).message}` };
  }
  return { ok: true, committee: currentSeats(replay) };
}
