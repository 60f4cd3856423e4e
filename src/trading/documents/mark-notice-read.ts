import { AppError } from '../../domain/errors.ts';
import { tenderSeal } from '../tender-seal.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import type { NoticeItem } from './list-notices.ts';
import { loadProject, requireOrganisation } from './project-access.ts';

/** Marks one of the organisation's notices read (once; later calls return it unchanged). */
export async function markNoticeRead(
  ctx: UseCaseContext,
  options: { readonly noticeId: string },
): Promise<NoticeItem> {
  const organisationId = requireOrganisation(ctx.actor);
  const notice = await tradingDb(ctx.db)
    .selectFrom('notice')
    .select(['id', 'projectId', 'kind', 'title', 'body', 'objectId', 'createdAt', 'readAt'])
    .where('id', '=', options.noticeId)
    .where('recipientOrganisationId', '=', organisationId)
    .executeTakeFirst();
  if (!notice) throw new AppError('NOT_FOUND');
  if (notice.readAt) return notice;
  return runAudited(ctx, async (rawTrx, now) => {
    const trx = tradingTrx(rawTrx);
    const readAt = now.toISOString();
    await trx.updateTable('notice').set({ readAt }).where('id', '=', notice.id).execute();
    const result = { ...notice, readAt };
    // Reading a clarification tells who obtained the documents: sealed like obtaining itself (E4).
    const announcement = notice.projectId ? (await loadProject(trx, notice.projectId)).announcement : null;
    const seal =
      notice.projectId && announcement ? tenderSeal(notice.projectId, announcement.bidDeadline) : undefined;
    return {
      result,
      audit: {
        action: 'notice.read',
        objectType: 'notice',
        objectId: notice.id,
        state: result,
        ...(seal ? { seal } : {}),
      },
    };
  });
}
