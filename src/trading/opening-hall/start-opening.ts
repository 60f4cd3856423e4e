import { AppError } from '../../domain/errors.ts';
import { ruleViolation } from '../../domain/rules/rule-violation.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { failSectionsBelowC1, type SectionAtOpening } from '../exceptions/fail-sections-below-c1.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { progressOf } from './decryption-events.ts';
import { assertManager, hallParticipant, type HallParticipant } from './hall-access.ts';
import { hallBroadcasterOf } from './hall-broadcaster.ts';
import { appendHallEvents, ensureHall, findHall, type HallEventInput } from './hall-events.ts';
import { hallBidsOf, signInsOf, windowOf } from './hall-state.ts';

export interface OpeningStarted {
  readonly opened: boolean;
  readonly openedAt: string | null;
  readonly sections: { code: string; bids: number; opened: boolean }[];
}

/**
 * 开标: the host opens the hall at the announced time, never before (E5, 办法 29; T6). A section
 * with fewer than three bids is not opened and fails (C1); when none is left the opening does not
 * take place. Otherwise the roster of signed-in bidders is announced and decryption proceeds in
 * the window that opened at the deadline (E6).
 */
export async function startOpening(
  ctx: UseCaseContext,
  options: { projectId: string },
): Promise<OpeningStarted> {
  const participant = await hallParticipant(ctx, tradingDb(ctx.db), options.projectId, ctx.clock.now());
  assertManager(participant);
  return openHall(ctx, participant);
}

/**
 * The opening itself, by the host or, at the announced time, by the platform's scheduler
 * (open-due-halls.ts) when nobody from the tenderer's side has opened it.
 */
export async function openHall(
  ctx: UseCaseContext,
  participant: Pick<HallParticipant, 'project' | 'announcement'>,
): Promise<OpeningStarted> {
  const now = ctx.clock.now();
  const { project, announcement } = participant;
  if (now.getTime() < Date.parse(announcement.openingAt)) {
    throw ruleViolation('E5', { kind: 'forbidden', earliest: announcement.openingAt });
  }
  if (project.status !== 'published' || project.pausedAt) {
    throw new AppError('INVALID_STATE', {
      state: project.pausedAt ? 'paused' : project.status,
      action: 'open bids',
    });
  }
  const window = windowOf(participant);
  const started = await runAudited(ctx, async (commonTrx, at) => {
    const trx = tradingTrx(commonTrx);
    await ensureHall(trx, project.id);
    if ((await findHall(trx, project.id))?.openedAt) {
      throw new AppError('INVALID_STATE', { state: 'opened', action: 'open bids' });
    }
    const bids = await hallBidsOf(trx, project.id, window, at);
    const sections: SectionAtOpening[] = (
      await trx
        .selectFrom('tenderSection')
        .select(['id', 'code'])
        .where('projectId', '=', project.id)
        .orderBy('code')
        .execute()
    ).map((s) => ({
      ...s,
      bidders: bids.filter((b) => b.sectionId === s.id).map((b) => b.bidderOrganisationId),
    }));
    const c1 = await failSectionsBelowC1(ctx, trx, project, sections, at);
    const opened = c1.opening.length > 0;
    const openingIds = new Set(c1.opening.map((s) => s.id));
    const summary = sections.map((s) => ({
      code: s.code,
      bids: s.bidders.length,
      opened: openingIds.has(s.id),
    }));
    const events: HallEventInput[] = c1.failed.map((s) => ({
      type: 'opening.failed',
      audience: 'public',
      payload: { sectionCode: s.code, rule: 'C1', bids: s.bidders.length },
    }));
    if (opened) {
      await trx
        .updateTable('openingHall')
        .set({ openedAt: at.toISOString(), openedByUserId: ctx.actor.userId })
        .where('projectId', '=', project.id)
        .execute();
      const roster = (await signInsOf(trx, project.id)).map((s) => ({
        organisationName: s.organisationName,
        capacity: s.capacity,
        signedInAt: s.signedInAt,
      }));
      const live = bids.filter((b) => openingIds.has(b.sectionId));
      events.push(
        {
          type: 'opening.opened',
          audience: 'public',
          payload: { openedAt: at.toISOString(), window, sections: summary },
        },
        { type: 'hall.roster', audience: 'public', payload: { signedIn: roster } },
        { type: 'decryption.progress', audience: 'public', payload: progressOf(live, window, at) },
      );
    }
    await appendHallEvents(trx, project.id, events, at);
    const result: OpeningStarted = { opened, openedAt: opened ? at.toISOString() : null, sections: summary };
    return {
      result,
      audit: [
        {
          action: 'opening.opened',
          objectType: 'tender_project',
          objectId: project.id,
          state: result,
          detail: { window },
        },
        ...c1.audit,
      ],
    };
  });
  await hallBroadcasterOf(ctx.db).feed(project.id);
  return started;
}
