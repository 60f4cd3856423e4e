import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { announcementInForce } from '../announcement-in-force.ts';
import { findProject } from '../projects/project-repository.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { closeWindowIn } from './close-decryption-window.ts';
import { hallBroadcasterOf } from './hall-broadcaster.ts';
import { windowOf } from './hall-state.ts';
import { openHall } from './start-opening.ts';

export interface DueOpenings {
  readonly opened: readonly string[];
  readonly windowsClosed: readonly string[];
}

/**
 * The platform keeps the announced times (E5, E6): a hall nobody from the tenderer's side has
 * opened is opened at the announced opening time, and a decryption window is closed when its time
 * is up, so that a tender moves on even when its host is not at the keyboard. Run by the
 * scheduler (opening-scheduler.ts) with the platform as the actor; each project is its own
 * transaction, and one project's failure does not hold up the others.
 */
export async function openDueHalls(
  ctx: UseCaseContext,
  onError: (projectId: string, error: unknown) => void,
): Promise<DueOpenings> {
  const db = tradingDb(ctx.db);
  const now = ctx.clock.now();
  const opened: string[] = [];
  const windowsClosed: string[] = [];

  // Only projects whose latest announcement's opening time has passed, and whose hall is not open.
  const dueToOpen = await db
    .selectFrom('tenderProject as p')
    .innerJoin('announcement as a', 'a.projectId', 'p.id')
    .leftJoin('openingHall as h', 'h.projectId', 'p.id')
    .select('p.id')
    .distinct()
    .where('p.status', '=', 'published')
    .where('p.pausedAt', 'is', null)
    .where('a.publishedAt', 'is not', null)
    .where('a.openingAt', '<=', now.toISOString())
    .where('h.openedAt', 'is', null)
    .execute();
  for (const { id } of dueToOpen) {
    try {
      const project = await findProject(db, id);
      const announcement = await announcementInForce(db, id);
      // An amendment may have moved the opening later than the older announcement the query matched.
      if (!project || !announcement || Date.parse(announcement.openingAt) > now.getTime()) continue;
      await openHall(ctx, { project, announcement });
      opened.push(id);
    } catch (error) {
      // The host opened it a moment ago: nothing left to do.
      if (!(error instanceof AppError && error.code === 'INVALID_STATE')) onError(id, error);
    }
  }

  const openWindows = await db
    .selectFrom('openingHall')
    .select('projectId')
    .where('openedAt', 'is not', null)
    .where('windowClosedAt', 'is', null)
    .execute();
  for (const { projectId } of openWindows) {
    try {
      const project = await findProject(db, projectId);
      const announcement = await announcementInForce(db, projectId);
      if (!project || !announcement) continue;
      const window = windowOf({ project, announcement });
      if (now.getTime() < Date.parse(window.closesAt)) continue;
      await runAudited(ctx, async (commonTrx, at) => {
        const outcome = await closeWindowIn(tradingTrx(commonTrx), projectId, window, at);
        // The host closed it a moment ago: nothing to record twice.
        if (outcome.audit.length === 0) throw new AppError('INVALID_STATE', { state: 'window_closed' });
        return { result: outcome.closedAt, audit: outcome.audit };
      });
      windowsClosed.push(projectId);
      await hallBroadcasterOf(ctx.db).feed(projectId);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'INVALID_STATE')) onError(projectId, error);
    }
  }
  return { opened, windowsClosed };
}
