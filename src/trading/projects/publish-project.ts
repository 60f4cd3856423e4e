import { AppError } from '../../domain/errors.ts';
import { moveTenderSeal } from '../tender-seal.ts';
import type { ProjectDto } from '../../domain/schemas/project-schemas.ts';
import { refuseAll, type Violation } from '../../domain/tender/refusal.ts';
import { scheduleViolations, type Qualification } from '../../domain/tender/schedule-rules.ts';
import { sectionViolations } from '../../domain/tender/section-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { findOpeningKey } from '../opening/opening-key-repository.ts';
import { appendOutbox } from '../outbox.ts';
import { tradingTrx } from '../schema.ts';
import { assertDraft, manageableProject } from './project-access.ts';
import { announcementKindOf, announcementShapeProblems } from './save-announcement.ts';
import {
  announcementsOf,
  findProject,
  sectionsOf,
  updateAnnouncementRow,
  updateProjectRow,
} from './project-repository.ts';
import { announcementView, projectView, sectionView } from './project-views.ts';

export interface PublishProjectOptions {
  readonly projectId: string;
}

/** Which field each schedule rule is about, so a form can mark it. */
const RULE_FIELD: Record<string, string> = {
  T1: 'announcement.bidDeadline',
  T2: 'announcement.documentIssueEnd',
  T3: 'announcement.prequalificationDeadline',
  T6: 'announcement.openingAt',
};

/** National data-set codes (mission.md): 503 tender/pre-qualification announcement, 505 invitation. */
const ANNOUNCEMENT_DATA_SET: Record<string, string> = {
  tender: '503',
  prequalification: '503',
  invitation: '505',
};

/**
 * Publishes a draft project's announcement. Checks T1, T2, T3, T6 (schedule), C3 and C10
 * (sections) and that issue starts no earlier than now; any breach refuses the whole publication
 * with every violation in `details`. Publishing fixes the project and its sections, and writes the
 * outbox events 501 (project), 502 (each section) and 503/505 (announcement) in the same
 * audited transaction.
 */
export async function publishProject(
  ctx: UseCaseContext,
  options: PublishProjectOptions,
): Promise<ProjectDto> {
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const project = await manageableProject(ctx, trx, options.projectId, now);
    assertDraft(project, 'publish');
    const openingKey = await findOpeningKey(trx, project.id);
    if (openingKey?.suite !== project.cipherSuite) {
      throw new AppError('OPENING_KEY_INVALID', { problem: 'missing', detail: 'no opening key' });
    }
    const [announcement] = await announcementsOf(trx, [project.id]);
    if (!announcement) {
      throw new AppError(
        'VALIDATION_FAILED',
        { fields: 'announcement' },
        { details: [{ path: 'announcement', code: 'required' }] },
      );
    }
    const sections = await sectionsOf(trx, [project.id]);

    // The project may have changed since the announcement was saved.
    const shape = announcementShapeProblems(
      project,
      {
        ...announcement,
        invitedOrganisationIds: JSON.parse(announcement.invitedOrganisationIds) as string[],
      },
      'announcement.',
    );
    if (announcement.kind !== announcementKindOf(project)) {
      const path = 'announcement.kind';
      shape.unshift({
        path,
        error: new AppError('VALIDATION_FAILED', { fields: path }, { details: [{ path, code: 'outdated' }] }),
      });
    }
    if (shape.length) throw refuseAll(shape);

    const violations: Violation[] = scheduleViolations(
      {
        documentIssueStart: new Date(announcement.documentIssueStart),
        documentIssueEnd: new Date(announcement.documentIssueEnd),
        bidDeadline: new Date(announcement.bidDeadline),
        openingAt: new Date(announcement.openingAt),
        prequalificationDeadline: announcement.prequalificationDeadline
          ? new Date(announcement.prequalificationDeadline)
          : null,
      },
      { mustTender: project.mustTender === 1, qualification: project.qualification as Qualification },
    ).map((error) => ({ path: RULE_FIELD[String(error.params.rule)] ?? 'announcement', error }));
    if (new Date(announcement.documentIssueStart).getTime() < now.getTime()) {
      const path = 'announcement.documentIssueStart';
      violations.push({
        path,
        error: new AppError(
          'VALIDATION_FAILED',
          { fields: path },
          { details: [{ path, code: 'in_the_past', params: { now: now.toISOString() } }] },
        ),
      });
    }
    const amounts = sections.map((s) => ({
      estimatedPriceFen: s.estimatedPriceFen,
      bidBondFen: s.bidBondFen,
      referencePricesFen: s.referencePriceFen === null ? [] : [s.referencePriceFen],
    }));
    for (const { index, error } of sectionViolations(amounts)) {
      violations.push({
        path: `sections.${index}.${error.params.rule === 'C3' ? 'bidBond' : 'referencePrices'}`,
        error,
      });
    }
    if (violations.length) throw refuseAll(violations);

    const at = now.toISOString();
    await updateProjectRow(trx, project.id, { status: 'published', publishedAt: at, updatedAt: at });
    await moveTenderSeal(trx, project.id, announcement.bidDeadline, now);
    await updateAnnouncementRow(trx, announcement.id, { publishedAt: at });
    const published = (await findProject(trx, project.id))!;
    const [publishedAnnouncement] = await announcementsOf(trx, [project.id]);

    await appendOutbox(
      trx,
      {
        eventType: 'project.published',
        dataSetCode: '501',
        aggregateType: 'tender_project',
        aggregateId: project.id,
        payload: {
          id: project.id,
          dealCode: project.dealCode,
          name: project.name,
          tendererName: project.tendererName,
          agencyName: project.agencyName,
          procedure: project.procedure,
          qualification: project.qualification,
          mustTender: project.mustTender === 1,
          stateFunded: project.stateFunded === 1,
          region: project.region,
          industry: project.industry,
          publishedAt: at,
        },
      },
      now,
    );
    for (const section of sections) {
      // The reference price (标底) stays secret (法 22): it never leaves the platform.
      const { referencePrice: _secret, ...publicSection } = sectionView(section);
      await appendOutbox(
        trx,
        {
          eventType: 'section.published',
          dataSetCode: '502',
          aggregateType: 'tender_section',
          aggregateId: section.id,
          payload: { projectId: project.id, dealCode: project.dealCode, ...publicSection },
        },
        now,
      );
    }
    const { invitedOrganisationIds: _invited, ...announcementPayload } = announcementView(
      publishedAnnouncement!,
    );
    await appendOutbox(
      trx,
      {
        eventType: 'announcement.published',
        dataSetCode: ANNOUNCEMENT_DATA_SET[announcement.kind] ?? '503',
        aggregateType: 'announcement',
        aggregateId: announcement.id,
        payload: { projectId: project.id, dealCode: project.dealCode, ...announcementPayload },
      },
      now,
    );

    return {
      result: projectView(published, sections, publishedAnnouncement),
      audit: {
        action: 'project.published',
        objectType: 'tender_project',
        objectId: project.id,
        state: { project: published, sections, announcement: publishedAnnouncement },
        detail: { dealCode: project.dealCode, announcementId: announcement.id, kind: announcement.kind },
      },
    };
  });
}
