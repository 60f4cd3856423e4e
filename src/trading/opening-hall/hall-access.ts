import { AppError } from '../../domain/errors.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { announcementInForce, type AnnouncementRow } from '../announcement-in-force.ts';
import { manageableProject } from '../projects/project-access.ts';
import { findProject, type ProjectWithNames } from '../projects/project-repository.ts';
import type { TradingDb } from '../schema.ts';
import type { HallViewer } from './hall-events.ts';

export interface HallParticipant {
  readonly project: ProjectWithNames;
  readonly announcement: AnnouncementRow;
  readonly viewer: HallViewer & { readonly organisationId: string };
}

/**
 * Who may enter a project's opening hall: the tenderer or the agency running the tender (they
 * host it), and each bidder with a current bid (it sees the public hall and its own bid only).
 * Anyone else is told the project is not found, so the hall reveals no bidder.
 */
export async function hallParticipant(
  ctx: UseCaseContext,
  db: TradingDb,
  projectId: string,
  now: Date,
): Promise<HallParticipant> {
  const organisationId = ctx.actor.organisationId;
  if (!organisationId) throw new AppError('NOT_FOUND');
  const roles = ctx.actor.roles;
  let project: ProjectWithNames | undefined;
  let isManager = false;
  if (roles.includes('tenderer') || roles.includes('agency')) {
    project = await manageableProject(ctx, db, projectId, now).catch(() => undefined);
    isManager = project !== undefined;
  }
  if (!project && roles.includes('bidder')) {
    const bid = await db
      .selectFrom('bid')
      .select('id')
      .where('projectId', '=', projectId)
      .where('bidderOrganisationId', '=', organisationId)
      .where('status', '=', 'current')
      .executeTakeFirst();
    if (bid) project = await findProject(db, projectId);
  }
  if (!project) throw new AppError('NOT_FOUND');
  const announcement = await announcementInForce(db, projectId);
  if (!announcement)
    throw new AppError('INVALID_STATE', { state: 'no_announcement', action: 'enter opening hall' });
  return { project, announcement, viewer: { organisationId, isManager } };
}

/** Hosting acts (opening, read-out, answers) belong to the tenderer's side. */
export function assertManager(participant: HallParticipant): void {
  if (!participant.viewer.isManager) throw new AppError('FORBIDDEN', { required: 'tenderer, agency' });
}
