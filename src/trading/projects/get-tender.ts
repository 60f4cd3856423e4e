import { AppError } from '../../domain/errors.ts';
import type { TenderDto } from '../../domain/schemas/project-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb } from '../schema.ts';
import { announcementsOf, listVisibleTenders, sectionsOf } from './project-repository.ts';
import { findOpeningKey } from '../opening/opening-key-repository.ts';
import { tenderView } from './project-views.ts';

/** One published tender the caller may see; NOT_FOUND otherwise (an invitation's existence is not revealed). */
export async function getTender(ctx: UseCaseContext, projectId: string): Promise<TenderDto> {
  const db = tradingDb(ctx.db);
  const found = await listVisibleTenders(db, {
    page: 1,
    pageSize: 1,
    projectId,
    viewerOrganisationId: ctx.actor.organisationId,
  });
  const project = found.items[0];
  if (!project) throw new AppError('NOT_FOUND');
  const [sections, [announcement], openingKey] = await Promise.all([
    sectionsOf(db, [project.id]),
    announcementsOf(db, [project.id]),
    findOpeningKey(db, project.id),
  ]);
  return tenderView(project, sections, announcement!, openingKey);
}
