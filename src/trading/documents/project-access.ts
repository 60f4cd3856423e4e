import type { Selectable } from 'kysely';
import type { Actor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import type { ProjectTables } from '../project-tables.ts';
import { announcementInForce, type AnnouncementRow } from '../announcement-in-force.ts';
import type { TradingDb } from '../schema.ts';

export type ProjectRow = Selectable<ProjectTables['tenderProject']>;
export type { AnnouncementRow };

/** A project with the announcement whose schedule is in force (the latest published one). */
export interface ProjectView {
  readonly project: ProjectRow;
  readonly announcement: AnnouncementRow | null;
}

export async function loadProject(db: TradingDb, projectId: string): Promise<ProjectView> {
  const project = await db
    .selectFrom('tenderProject')
    .selectAll()
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!project) throw new AppError('NOT_FOUND');
  return { project, announcement: await announcementInForce(db, projectId) };
}

/** Published: the project says so and its announcement is out. */
export function isPublished(view: ProjectView): view is ProjectView & { announcement: AnnouncementRow } {
  return view.project.status === 'published' && view.announcement !== null;
}

/** The published project, or NOT_FOUND for anyone who is not its tenderer or agency; failed → INVALID_STATE. */
export function assertPublished(
  view: ProjectView,
  action: string,
): asserts view is ProjectView & { announcement: AnnouncementRow } {
  if (view.announcement === null) throw new AppError('NOT_FOUND');
  if (view.project.status !== 'published') {
    throw new AppError('INVALID_STATE', { state: view.project.status, action });
  }
}

/** The tenderer itself, or an agency holding the tenderer's valid entrustment for this project. */
export async function actsForProject(
  db: TradingDb,
  actor: Actor,
  project: ProjectRow,
  now: Date,
): Promise<boolean> {
  if (!actor.organisationId) return false;
  if (actor.roles.includes('tenderer') && actor.organisationId === project.tendererOrganisationId)
    return true;
  if (!actor.roles.includes('agency') || actor.organisationId !== project.agencyOrganisationId) return false;
  if (!project.entrustmentId) return false;
  const entrustment = await db
    .selectFrom('entrustment')
    .selectAll()
    .where('id', '=', project.entrustmentId)
    .executeTakeFirst();
  return (
    !!entrustment &&
    entrustment.agencyOrganisationId === actor.organisationId &&
    entrustment.tendererOrganisationId === project.tendererOrganisationId &&
    entrustment.revokedAt === null &&
    (entrustment.validUntil === null || entrustment.validUntil > now.toISOString())
  );
}

export async function assertActsForProject(
  db: TradingDb,
  actor: Actor,
  project: ProjectRow,
  now: Date,
): Promise<void> {
  if (!(await actsForProject(db, actor, project, now))) {
    throw new AppError('FORBIDDEN', { required: 'organisation' });
  }
}

/** For 投标邀请书 only the invited organisations may take part. */
export function invitedOrganisations(view: ProjectView): string[] | null {
  const ids = view.announcement ? (JSON.parse(view.announcement.invitedOrganisationIds) as string[]) : [];
  if (view.project.procedure === 'invited' || ids.length > 0) return ids;
  return null;
}

export function assertInvited(view: ProjectView, organisationId: string): void {
  const invited = invitedOrganisations(view);
  if (invited && !invited.includes(organisationId))
    throw new AppError('FORBIDDEN', { reason: 'not_invited' });
}

export function requireOrganisation(actor: Actor): string {
  if (!actor.organisationId) throw new AppError('FORBIDDEN', { required: 'organisation' });
  return actor.organisationId;
}

export async function hasObtained(
  db: TradingDb,
  projectId: string,
  organisationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('documentObtainment')
    .select('id')
    .where('projectId', '=', projectId)
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
  return !!row;
}
