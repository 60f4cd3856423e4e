import { AppError } from '../../domain/errors.ts';
import type { ProjectBid } from '../../domain/schemas/bid-schemas.ts';
import { assertBidsDisclosable } from '../../domain/tender/bid-rules.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { manageableProject } from '../projects/project-access.ts';
import { findProjectForBids } from './bid-repository.ts';

export interface ListProjectBidsOptions {
  readonly projectId: string;
  readonly page: number;
  readonly pageSize: number;
  readonly sectionId?: string | undefined;
  readonly status?: ProjectBid['status'] | undefined;
}

/**
 * The bids of a project for its tenderer or entrusted agency — only once the bid deadline has
 * passed (E4); before it the refusal is the same whether there are bids or not. Names, hashes,
 * sizes and times only: reading contents is the opening.
 */
export async function listProjectBids(
  ctx: UseCaseContext,
  options: ListProjectBidsOptions,
): Promise<Page<ProjectBid>> {
  // Its tenderer, or the agency running it under a live entrustment; nobody else (E4).
  await manageableProject(ctx, tradingDb(ctx.db), options.projectId, ctx.clock.now());
  const project = await findProjectForBids(ctx.db, options.projectId);
  if (!project) throw new AppError('NOT_FOUND');
  if (!project.bidDeadline)
    throw new AppError('INVALID_STATE', { state: 'no_announcement', action: 'list bids' });
  assertBidsDisclosable(ctx.clock.now(), project.bidDeadline);

  let query = tradingDb(ctx.db)
    .selectFrom('bid as b')
    .innerJoin('tenderSection as s', 's.id', 'b.sectionId')
    .innerJoin('organisation as o', 'o.id', 'b.bidderOrganisationId')
    .where('b.projectId', '=', options.projectId);
  if (options.sectionId) query = query.where('b.sectionId', '=', options.sectionId);
  if (options.status) query = query.where('b.status', '=', options.status);
  const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      'b.id',
      'b.sectionId',
      's.code as sectionCode',
      'b.bidderOrganisationId',
      'o.name as bidderName',
      'b.fileSha256',
      'b.fileSize',
      'b.status',
      'b.submittedAt',
    ])
    .orderBy('s.code')
    .orderBy('b.submittedAt')
    .orderBy('b.id')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      ...r,
      fileSize: Number(r.fileSize),
      status: r.status as ProjectBid['status'],
    })),
    total: Number(total.n),
    page: options.page,
    pageSize: options.pageSize,
  };
}
