import type { CommitteeRequirement } from '../../domain/evaluation/committee-rules.ts';
import {
  DRAW_PARTIES,
  type DrawLog,
  type DrawParty,
  drawSeats,
  drawSeed,
  type EligibleExpert,
} from '../../domain/evaluation/expert-draw.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingTrx } from '../schema.ts';
import { assertStatus, committeeRequestOf, partiesOf, requirementsOf } from './committee-repository.ts';
import { cryptoOf } from './draw-values.ts';
import { assertPoolOperator } from './expert-access.ts';
import type { CommitteeView } from './expert-schemas.ts';
import { getCommittee } from './get-committee.ts';

/**
 * Runs the draw once every outside party has revealed: the platform reveals the values it holds
 * (its own, an absent supervisor's), derives the seed, draws the seats and stores the DrawLog that
 * lets anyone replay it. The audit event carries the seed and the log's digest, never names.
 */
export async function drawCommittee(
  ctx: UseCaseContext,
  options: { sectionId: string },
): Promise<CommitteeView> {
  assertPoolOperator(ctx);
  await runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const request = await committeeRequestOf(trx, options.sectionId);
    assertStatus(request, 'frozen', 'draw');
    const at = now.toISOString();
    const parties = await partiesOf(trx, request.id);
    const missing = parties.filter((p) => !p.value && !p.heldValue).map((p) => p.party);
    if (missing.length || parties.length !== DRAW_PARTIES.length) {
      throw new AppError('INVALID_STATE', { state: `awaiting_reveal:${missing.join(',')}`, action: 'draw' });
    }
    for (const p of parties.filter((p) => !p.value)) {
      await trx
        .updateTable('drawParty')
        .set({ value: p.heldValue, revealedAt: at })
        .where('requestId', '=', request.id)
        .where('party', '=', p.party)
        .execute();
    }
    const reveals = DRAW_PARTIES.map((party) => {
      const row = parties.find((p) => p.party === party)!;
      return { party, value: (row.value ?? row.heldValue)! };
    });
    const crypto = cryptoOf(request);
    const eligible = JSON.parse(request.eligible!) as EligibleExpert[];
    const requirements: CommitteeRequirement[] = requirementsOf(request);
    const seed = drawSeed(crypto, request.id, request.eligibleDigest!, reveals);
    const result = drawSeats(eligible, requirements, crypto.stream(seed, 0));
    const log: DrawLog = {
      version: 1,
      drawId: request.id,
      sectionId: request.sectionId,
      algorithm: crypto.algorithm,
      requirements,
      eligible: { experts: eligible, digest: request.eligibleDigest! },
      commitments: DRAW_PARTIES.map((party: DrawParty) => {
        const row = parties.find((p) => p.party === party)!;
        return {
          party,
          commitment: row.commitment,
          committedAt: row.committedAt,
          substituted: row.substituted === 1,
        };
      }),
      reveals,
      seed,
      result,
      replacements: [],
    };
    for (const seat of result.seats) {
      await trx
        .insertInto('committeeSeat')
        .values({
          requestId: request.id,
          seat: seat.seat,
          requirementIndex: seat.requirement,
          expertId: seat.expertId,
          status: 'seated',
          vacatedReason: null,
          step: 0,
          createdAt: at,
        })
        .execute();
    }
    await trx
      .updateTable('committeeRequest')
      .set({ status: 'drawn', seed, drawLog: JSON.stringify(log), drawnAt: at })
      .where('id', '=', request.id)
      .execute();
    return {
      result: null,
      audit: {
        action: 'committee.drawn',
        objectType: 'section',
        objectId: request.sectionId,
        state: {
          requestId: request.id,
          seed,
          position: result.position,
          seats: result.seats.length,
          drawnAt: at,
        },
        detail: { reveals: reveals.map((r) => r.party), eligible: eligible.length },
      },
    };
  });
  return getCommittee(ctx, options);
}
