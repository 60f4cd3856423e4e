import { drawReplacement, type ReplacementStep } from '../../domain/evaluation/expert-draw.ts';
import { recusalsOf } from '../../domain/evaluation/expert-recusal.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingTrx } from '../schema.ts';
import {
  assertStatus,
  committeeRequestOf,
  drawLogOf,
  interestedPartiesOf,
  sectionWithProject,
  seatsOf,
} from './committee-repository.ts';
import { cryptoOf } from './draw-values.ts';
import { assertPoolOperator } from './expert-access.ts';
import { expertsByIds } from './expert-repository.ts';
import type { CommitteeView } from './expert-schemas.ts';
import { getCommittee } from './get-committee.ts';

/**
 * Fills a seat again after a recusal found later, a declared conflict or a no-show. Recusal is
 * checked anew over the frozen eligible list (relations or bids may be known now that were not at
 * the freeze); the draw continues the same stream where it stopped, and the step joins the log.
 */
export async function replaceExpert(
  ctx: UseCaseContext,
  options: { sectionId: string; seat: number; reason: ReplacementStep['reason'] },
): Promise<CommitteeView> {
  assertPoolOperator(ctx);
  await runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const request = await committeeRequestOf(trx, options.sectionId);
    assertStatus(request, 'drawn', 'replace expert');
    const seated = (await seatsOf(trx, request.id)).find(
      (s) => s.seat === options.seat && s.status === 'seated',
    );
    if (!seated) throw new AppError('NOT_FOUND');
    const at = now.toISOString();
    await trx
      .updateTable('committeeSeat')
      .set({ status: 'vacated', vacatedReason: options.reason })
      .where('requestId', '=', request.id)
      .where('seat', '=', seated.seat)
      .where('step', '=', seated.step)
      .execute();

    const log = drawLogOf(request);
    const section = await sectionWithProject(trx, request.sectionId);
    const interested = await interestedPartiesOf(trx, section, request.id);
    const eligible = await expertsByIds(
      trx,
      log.eligible.experts.map((e) => e.expertId),
    );
    // Anyone drawn before or excluded by an earlier step is out already; record only new recusals.
    const earlier = new Set([
      ...log.result.seats.map((s) => s.expertId),
      ...log.replacements.flatMap((s) => [s.expertId, ...s.excludedExpertIds]),
    ]);
    const recusals = recusalsOf(
      eligible.map((e) => ({
        expertId: e.id,
        employerOrganisationId: e.employerOrganisationId,
        idNumberHash: e.idNumberHash,
        declaredConflictOrganisationIds: JSON.parse(e.conflictOrganisationIds) as string[],
      })),
      interested,
    ).filter((r) => !earlier.has(r.expertId));
    const step = drawReplacement(
      cryptoOf(request),
      log,
      seated.seat,
      options.reason,
      recusals.map((r) => r.expertId),
    );
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
      .insertInto('committeeSeat')
      .values({
        requestId: request.id,
        seat: seated.seat,
        requirementIndex: seated.requirementIndex,
        expertId: step.expertId,
        status: 'seated',
        vacatedReason: null,
        step: step.step,
        createdAt: at,
      })
      .execute();
    await trx
      .updateTable('committeeRequest')
      .set({ drawLog: JSON.stringify({ ...log, replacements: [...log.replacements, step] }) })
      .where('id', '=', request.id)
      .execute();
    return {
      result: null,
      audit: {
        action: 'committee.expert_replaced',
        objectType: 'section',
        objectId: request.sectionId,
        state: {
          requestId: request.id,
          step: step.step,
          seat: step.seat,
          reason: step.reason,
          fromPosition: step.fromPosition,
          toPosition: step.toPosition,
        },
        detail: { newlyRecused: recusals.length },
      },
    };
  });
  return getCommittee(ctx, { sectionId: options.sectionId });
}
