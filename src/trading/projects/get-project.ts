import type { ProjectDto } from '../../domain/schemas/project-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb } from '../schema.ts';
import { readableProject } from './project-access.ts';
import { announcementsOf, sectionsOf } from './project-repository.ts';
import { projectView } from './project-views.ts';

/** One project with its sections and announcement, for its tenderer, its agency or the operator. */
export async function getProject(ctx: UseCaseContext, projectId: string): Promise<ProjectDto> {
  const project = await readableProject(ctx, projectId);
  const db = tradingDb(ctx.db);
  const [sections, [announcement]] = await Promise.all([
    sectionsOf(db, [project.id]),
    announcementsOf(db, [project.id]),
  ]);
  return projectView(project, sections, announcement);
}
