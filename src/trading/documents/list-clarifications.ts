import { sql } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import type { ClarificationDto } from '../../domain/schemas/document-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { clarificationDto } from './clarification-views.ts';
import { loadProject } from './project-access.ts';

export interface ListClarificationsOptions {
  readonly projectId: string;
  readonly kind?: ClarificationDto['kind'] | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/** The project's published clarifications, newest first; they name no recipient. */
export async function listClarifications(
  ctx: UseCaseContext,
  options: ListClarificationsOptions,
): Promise<Page<ClarificationDto>> {
  const db = tradingDb(ctx.db);
  const view = await loadProject(db, options.projectId);
  if (view.announcement === null) throw new AppError('NOT_FOUND');
  let base = db.selectFrom('clarification').where('projectId', '=', options.projectId);
  if (options.kind) base = base.where('kind', '=', options.kind);
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('publishedAt', 'desc')
    .orderBy('id')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  const versions = rows.length
    ? await db
        .selectFrom('documentVersion')
        .select(['id', 'clarificationId'])
        .where(
          'clarificationId',
          'in',
          rows.map((row) => row.id),
        )
        .execute()
    : [];
  return {
    items: rows.map((row) =>
      clarificationDto(
        row,
        versions.filter((v) => v.clarificationId === row.id).map((v) => v.id),
      ),
    ),
    total: Number(total),
    page: options.page,
    pageSize: options.pageSize,
  };
}
