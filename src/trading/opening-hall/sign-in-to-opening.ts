import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tenderSeal } from '../tender-seal.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { hallParticipant } from './hall-access.ts';
import { hallBroadcasterOf } from './hall-broadcaster.ts';
import { appendHallEvents, findHall } from './hall-events.ts';

/** The hall admits sign-ins this long before the announced opening time. */
export const SIGN_IN_OPENS_BEFORE_MS = 30 * 60_000;

export interface SignInView {
  readonly organisationId: string;
  readonly capacity: 'bidder' | 'tenderer';
  readonly signedInAt: string;
}

/**
 * 签到: a bidder, or the tenderer's side hosting the opening, signs in to the hall (办法 29: all
 * bidders are invited to attend online). Before the deadline a bidder's sign-in is seen by itself
 * only — who bid stays secret until then (E4) — and the roster is announced at the opening.
 * Signing in twice changes nothing.
 */
export async function signInToOpening(
  ctx: UseCaseContext,
  options: { projectId: string },
): Promise<SignInView> {
  const now = ctx.clock.now();
  const participant = await hallParticipant(ctx, tradingDb(ctx.db), options.projectId, now);
  const { project, announcement, viewer } = participant;
  const opensAt = Date.parse(announcement.openingAt) - SIGN_IN_OPENS_BEFORE_MS;
  if (now.getTime() < opensAt) {
    throw new AppError('INVALID_STATE', { state: 'hall_not_open_yet', action: 'sign in' });
  }
  if ((await findHall(tradingDb(ctx.db), project.id))?.readOutAt) {
    throw new AppError('INVALID_STATE', { state: 'read_out', action: 'sign in' });
  }
  const capacity = viewer.isManager ? 'tenderer' : 'bidder';
  const view = await runAudited(ctx, async (commonTrx, at) => {
    const trx = tradingTrx(commonTrx);
    const existing = await trx
      .selectFrom('openingSignIn')
      .selectAll()
      .where('projectId', '=', project.id)
      .where('organisationId', '=', viewer.organisationId)
      .executeTakeFirst();
    const signedInAt = existing?.signedInAt ?? at.toISOString();
    if (!existing) {
      await trx
        .insertInto('openingSignIn')
        .values({
          projectId: project.id,
          organisationId: viewer.organisationId,
          capacity,
          userId: ctx.actor.userId,
          signedInAt,
        })
        .execute();
      const secret = capacity === 'bidder' && at.getTime() < Date.parse(announcement.bidDeadline);
      const organisation = await trx
        .selectFrom('organisation')
        .select('name')
        .where('id', '=', viewer.organisationId)
        .executeTakeFirstOrThrow();
      await appendHallEvents(
        trx,
        project.id,
        [
          {
            type: 'hall.signed_in',
            audience: secret ? `org:${viewer.organisationId}` : 'public',
            payload: { organisationName: organisation.name, capacity, signedInAt },
          },
        ],
        at,
      );
    }
    const result: SignInView = { organisationId: viewer.organisationId, capacity, signedInAt };
    return {
      result,
      audit: {
        action: 'opening.signed_in',
        objectType: 'tender_project',
        objectId: project.id,
        state: result,
        detail: { again: existing !== undefined },
        ...(capacity === 'bidder' ? { seal: tenderSeal(project.id, announcement.bidDeadline) } : {}),
      },
    };
  });
  await hallBroadcasterOf(ctx.db).feed(project.id);
  return view;
}
