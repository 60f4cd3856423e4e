import { AppError } from '../../domain/errors.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb } from '../schema.ts';
import { loadProject, requireOrganisation } from './project-access.ts';

/** Whether the caller's own organisation obtained the documents: it learns nothing about others. */
export async function getMyObtainment(
  ctx: UseCaseContext,
  options: { readonly projectId: string },
): Promise<{ projectId: string; obtained: boolean; obtainedAt: string | null }> {
  const organisationId = requireOrganisation(ctx.actor);
  const db = tradingDb(ctx.db);
  if ((await loadProject(db, options.projectId)).announcement === null) throw new AppError('NOT_FOUND');
  const row = await db
    .selectFrom('documentObtainment')
    .select('obtainedAt')
    .where('projectId', '=', options.projectId)
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
  return { projectId: options.projectId, obtained: !!row, obtainedAt: row?.obtainedAt ?? null };
}
