import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import type { AnnouncementBody, ProjectDto } from '../../domain/schemas/project-schemas.ts';
import { refuseAll, type Violation } from '../../domain/tender/refusal.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { findOrganisationById } from '../../store/organisation-repository.ts';
import { tradingTrx } from '../schema.ts';
import { assertDraft, manageableProject } from './project-access.ts';
import {
  announcementsOf,
  insertAnnouncement,
  sectionsOf,
  updateAnnouncementRow,
  type ProjectWithNames,
} from './project-repository.ts';
import { projectView } from './project-views.ts';

export interface SaveAnnouncementOptions {
  readonly projectId: string;
  readonly announcement: AnnouncementBody;
}

/** 招标公告 for open post-qualification, 资格预审公告 for pre-qualification, 投标邀请书 for invitations. */
export function announcementKindOf(project: Pick<ProjectWithNames, 'procedure' | 'qualification'>): string {
  if (project.procedure === 'invited') return 'invitation';
  return project.qualification === 'pre' ? 'prequalification' : 'tender';
}

const iso = (text: string) => new Date(text).toISOString();

function invalid(path: string, code: string): Violation {
  return {
    path,
    error: new AppError('VALIDATION_FAILED', { fields: path }, { details: [{ path, code }] }),
  };
}

/** The dates and invitees of an announcement, as stored (ISO 8601 UTC text). */
export interface AnnouncementShape {
  readonly documentIssueStart: string;
  readonly documentIssueEnd: string;
  readonly bidDeadline: string;
  readonly prequalificationDeadline: string | null;
  readonly invitedOrganisationIds: readonly string[];
}

/**
 * What must hold whatever the time limits: dates in order, a pre-qualification deadline exactly
 * for pre-qualification, invitees exactly for an invitation. Checked on saving and again on
 * publishing (the project may have changed since). Paths are prefixed with `prefix`.
 */
export function announcementShapeProblems(
  project: Pick<ProjectWithNames, 'procedure' | 'qualification' | 'tendererOrganisationId'>,
  a: AnnouncementShape,
  prefix: string,
): Violation[] {
  const problems: Violation[] = [];
  const at = (field: string, code: string) => problems.push(invalid(prefix + field, code));
  if (a.documentIssueEnd <= a.documentIssueStart) at('documentIssueEnd', 'after_issue_start');
  if (a.bidDeadline < a.documentIssueEnd) at('bidDeadline', 'not_before_issue_end');
  if (project.qualification === 'pre') {
    const pq = a.prequalificationDeadline;
    if (!pq) at('prequalificationDeadline', 'required');
    else if (pq < a.documentIssueEnd || pq > a.bidDeadline) {
      at('prequalificationDeadline', 'between_issue_end_and_bid_deadline');
    }
  } else if (a.prequalificationDeadline) {
    at('prequalificationDeadline', 'not_allowed');
  }
  if (announcementKindOf(project) === 'invitation') {
    if (a.invitedOrganisationIds.length === 0) at('invitedOrganisationIds', 'required');
    if (a.invitedOrganisationIds.includes(project.tendererOrganisationId)) {
      at('invitedOrganisationIds', 'tenderer_invited');
    }
  } else if (a.invitedOrganisationIds.length) {
    at('invitedOrganisationIds', 'not_allowed');
  }
  return problems;
}

/**
 * Saves (creates or replaces) the draft announcement of a draft project. Checks the order of the
 * dates and who is invited; the legal time limits are checked when publishing.
 */
export async function saveAnnouncement(
  ctx: UseCaseContext,
  options: SaveAnnouncementOptions,
): Promise<ProjectDto> {
  const input = options.announcement;
  const schedule = {
    documentIssueStart: iso(input.documentIssueStart),
    documentIssueEnd: iso(input.documentIssueEnd),
    bidDeadline: iso(input.bidDeadline),
    openingAt: iso(input.openingAt),
    prequalificationDeadline: input.prequalificationDeadline ? iso(input.prequalificationDeadline) : null,
  };
  const invited = [...new Set(input.invitedOrganisationIds)];

  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const project = await manageableProject(ctx, trx, options.projectId, now);
    assertDraft(project, 'edit announcement');
    const kind = announcementKindOf(project);

    const problems = announcementShapeProblems(project, { ...schedule, invitedOrganisationIds: invited }, '');
    if (problems.length) throw refuseAll(problems);
    for (const id of invited) {
      if (!(await findOrganisationById(commonTrx, id))) {
        throw new AppError(
          'ORGANISATION_NOT_FOUND',
          {},
          {
            details: [{ path: 'invitedOrganisationIds', code: 'ORGANISATION_NOT_FOUND', params: { id } }],
          },
        );
      }
    }

    const fields = {
      kind,
      title: input.title.trim(),
      body: input.body,
      ...schedule,
      objectionContact: input.objectionContact.trim(),
      invitedOrganisationIds: JSON.stringify(invited),
      publishedAt: null,
    };
    const [existing] = await announcementsOf(trx, [project.id]);
    const id = existing?.id ?? randomUUID();
    if (existing) await updateAnnouncementRow(trx, id, fields);
    else
      await insertAnnouncement(trx, { id, projectId: project.id, createdAt: now.toISOString(), ...fields });
    const [announcement] = await announcementsOf(trx, [project.id]);
    const sections = await sectionsOf(trx, [project.id]);
    return {
      result: projectView(project, sections, announcement),
      audit: {
        action: 'announcement.drafted',
        objectType: 'announcement',
        objectId: id,
        state: announcement,
        detail: { projectId: project.id, kind },
      },
    };
  });
}
