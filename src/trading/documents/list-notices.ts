import { sql } from 'kysely';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { requireOrganisation } from './project-access.ts';

export interface ListNoticesOptions {
  readonly unread?: boolean | undefined;
  readonly kind?: string | undefined;
  readonly projectId?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export interface NoticeItem {
  readonly id: string;
  readonly projectId: string | null;
  readonly kind: string;
  readonly title: string;
  readonly body: string;
  readonly objectId: string | null;
  readonly createdAt: string;
  readonly readAt: string | null;
}

/** The notices delivered to the caller's own organisation, newest first. */
export async function listNotices(
  ctx: UseCaseContext,
  options: ListNoticesOptions,
): Promise<Page<NoticeItem>> {
  const organisationId = requireOrganisation(ctx.actor);
  let base = tradingDb(ctx.db).selectFrom('notice').where('recipientOrganisationId', '=', organisationId);
  if (options.unread !== undefined) base = base.where('readAt', options.unread ? 'is' : 'is not', null);
  if (options.kind) base = base.where('kind', '=', options.kind);
  if (options.projectId) base = base.where('projectId', '=', options.projectId);
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const items = await base
    .select(['id', 'projectId', 'kind', 'title', 'body', 'objectId', 'createdAt', 'readAt'])
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  return { items, total: Number(total), page: options.page, pageSize: options.pageSize };
}
