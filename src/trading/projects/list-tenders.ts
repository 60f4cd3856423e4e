import type { TenderDto } from '../../domain/schemas/project-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page, PageRequest } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { announcementsOf, listVisibleTenders, sectionsOf } from './project-repository.ts';
import { tenderView } from './project-views.ts';

export interface ListTendersOptions extends PageRequest {
  readonly region?: string | undefined;
  readonly industry?: string | undefined;
  readonly q?: string | undefined;
}

/**
 * Published tenders: every open tender for anyone, and invitations (投标邀请书) only for the
 * invited organisations and the tenderer or its agency. Shows no obtainers and no bid counts (E4)
 * and no reference prices (标底).
 */
export async function listTenders(
  ctx: UseCaseContext,
  options: ListTendersOptions,
): Promise<Page<TenderDto>> {
  const db = tradingDb(ctx.db);
  const page = await listVisibleTenders(db, { ...options, viewerOrganisationId: ctx.actor.organisationId });
  const ids = page.items.map((p) => p.id);
  const [sections, announcements] = await Promise.all([sectionsOf(db, ids), announcementsOf(db, ids)]);
  return {
    ...page,
    items: page.items.map((project) =>
      tenderView(
        project,
        sections.filter((s) => s.projectId === project.id),
        announcements.find((a) => a.projectId === project.id)!,
        null,
      ),
    ),
  };
}
