import { type ExpertCategory } from '../../domain/evaluation/committee-rules.ts';
import {
  assertEnoughEligible,
  drawCommitment,
  eligibleDigest,
  sortEligible,
  type EligibleExpert,
} from '../../domain/evaluation/expert-draw.ts';
import { recusalsOf } from '../../domain/evaluation/expert-recusal.ts';
import { AppError } from '../../domain/errors.ts';
import type { AuditChange } from '../../domain/audit.ts';
import { assertBidsDisclosable } from '../../domain/tender/bid-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { bidDeadlineOf } from '../bids/bid-repository.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import {
  assertStatus,
  committeeRequestOf,
  interestedPartiesOf,
  partiesOf,
  requirementsOf,
  sectionWithProject,
} from './committee-repository.ts';
import { cryptoOf, platformDrawValue } from './draw-values.ts';
import { assertPoolOperator } from './expert-access.ts';
import { type PoolExpert, wholePool } from './expert-repository.ts';
import type { CommitteeView } from './expert-schemas.ts';
import { getCommittee } from './get-committee.ts';

function availableAt(expert: PoolExpert, at: string): boolean {
  return !expert.unavailable.some((r) => r.startsAt <= at && at < r.endsAt);
}

/**
 * Freezes who can be drawn: the pool minus experts unavailable at the evaluation time, minus every
 * expert with an interest in the section (C6). Only after the bid deadline, when the bidders are
 * known (E4). Commitments close here: an absent supervisor's value is drawn by the platform now,
 * before any reveal, so nobody can choose it knowing the others.
 */
export async function freezeEligibleExperts(
  ctx: UseCaseContext,
  options: { sectionId: string },
): Promise<CommitteeView> {
  assertPoolOperator(ctx);
  const db = tradingDb(ctx.db);
  const section = await sectionWithProject(db, options.sectionId);
  const deadline = await bidDeadlineOf(ctx.db, section.projectId);
  if (!deadline) throw new AppError('INVALID_STATE', { state: 'no_deadline', action: 'freeze' });
  assertBidsDisclosable(ctx.clock.now(), deadline);
  await runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const request = await committeeRequestOf(trx, section.sectionId);
    assertStatus(request, 'committing', 'freeze');
    const crypto = cryptoOf(request);
    const parties = await partiesOf(trx, request.id);
    if (!parties.some((p) => p.party === 'tenderer')) {
      throw new AppError('INVALID_STATE', { state: 'tenderer_not_committed', action: 'freeze' });
    }
    const at = now.toISOString();
    const audit: AuditChange[] = [];
    if (!parties.some((p) => p.party === 'supervisor')) {
      const value = platformDrawValue();
      const commitment = drawCommitment(crypto, 'supervisor', value);
      await trx
        .insertInto('drawParty')
        .values({
          requestId: request.id,
          party: 'supervisor',
          commitment,
          committedAt: at,
          committedByUserId: null,
          heldValue: value,
          value: null,
          revealedAt: null,
          substituted: 1,
        })
        .execute();
      audit.push({
        action: 'committee.draw_substituted',
        objectType: 'section',
        objectId: section.sectionId,
        state: { requestId: request.id, party: 'supervisor', commitment, committedAt: at },
      });
    }

    const pool = await wholePool(trx);
    const interested = await interestedPartiesOf(trx, section, request.id);
    const recusals = recusalsOf(
      pool.map((e) => ({
        expertId: e.id,
        employerOrganisationId: e.employerOrganisationId,
        idNumberHash: e.idNumberHash,
        declaredConflictOrganisationIds: JSON.parse(e.conflictOrganisationIds) as string[],
      })),
      interested,
    );
    const recused = new Set(recusals.map((r) => r.expertId));
    const eligible: EligibleExpert[] = sortEligible(
      pool
        .filter((e) => availableAt(e, request.evaluationAt) && !recused.has(e.id))
        .map((e) => ({ expertId: e.id, category: e.category as ExpertCategory, specialties: e.specialties })),
    );
    assertEnoughEligible(eligible, requirementsOf(request));
    const digest = eligibleDigest(crypto, eligible);
    for (const r of recusals) {
      await trx
        .insertInto('expertRecusal')
        .values({
          requestId: request.id,
          expertId: r.expertId,
          ground: r.ground,
          organisationId: r.organisationId,
          recordedAt: at,
        })
        .execute();
    }
    await trx
      .updateTable('committeeRequest')
      .set({ status: 'frozen', eligible: JSON.stringify(eligible), eligibleDigest: digest, frozenAt: at })
      .where('id', '=', request.id)
      .execute();
    audit.push({
      action: 'committee.frozen',
      objectType: 'section',
      objectId: section.sectionId,
      state: { requestId: request.id, eligibleDigest: digest, frozenAt: at },
      detail: {
        pool: pool.length,
        eligible: eligible.length,
        recused: recusals.length,
        grounds: recusals.map((r) => r.ground),
      },
    });
    return { result: null, audit };
  });
  return getCommittee(ctx, { sectionId: section.sectionId });
}
