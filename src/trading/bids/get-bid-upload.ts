import { AppError } from '../../domain/errors.ts';
import type { UploadState } from '../../domain/schemas/bid-schemas.ts';
import { isAfterBidDeadline } from '../../domain/tender/bid-rules.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { bidDeadlineOf, findUpload } from './bid-repository.ts';
import { bidderOrganisationOf } from './bid-guards.ts';
import type { BidUploadFiles } from './chunk-files.ts';

type UploadRow = NonNullable<Awaited<ReturnType<typeof findUpload>>>;

async function stateOf(
  ctx: UseCaseContext,
  files: BidUploadFiles,
  upload: UploadRow,
  deadline: string,
): Promise<UploadState> {
  const all = Array.from({ length: upload.chunkCount }, (_, i) => i);
  const stored =
    upload.status === 'completed'
      ? all
      : [...(await files.acknowledged(upload.id)).keys()].sort((a, b) => a - b);
  const have = new Set(stored);
  const expired = upload.status === 'open' && isAfterBidDeadline(ctx.clock.now(), deadline);
  return {
    id: upload.id,
    sectionId: upload.sectionId,
    totalSize: upload.totalSize,
    chunkSize: upload.chunkSize,
    chunkCount: upload.chunkCount,
    fileSha256: upload.fileSha256,
    status: expired ? 'expired' : (upload.status as 'open' | 'completed'),
    storedChunks: stored,
    missingChunks: all.filter((i) => !have.has(i)),
    bidId: upload.bidId,
    bidDeadline: deadline,
    createdAt: upload.createdAt,
  };
}

/** The state of one of the bidder's own uploads: which chunks are stored, so a client can resume. */
export async function getBidUpload(
  ctx: UseCaseContext,
  options: { files: BidUploadFiles; sectionId: string; uploadId: string },
): Promise<UploadState> {
  const organisationId = bidderOrganisationOf(ctx);
  const upload = await findUpload(ctx.db, options.uploadId);
  if (!upload || upload.bidderOrganisationId !== organisationId || upload.sectionId !== options.sectionId) {
    throw new AppError('NOT_FOUND');
  }
  return stateOf(ctx, options.files, upload, (await bidDeadlineOf(ctx.db, upload.projectId)) ?? '');
}

/** The bidder's own uploads for a section, newest first. */
export async function listBidUploads(
  ctx: UseCaseContext,
  options: {
    files: BidUploadFiles;
    sectionId: string;
    page: number;
    pageSize: number;
    status?: 'open' | 'completed' | undefined;
  },
): Promise<Page<UploadState>> {
  const organisationId = bidderOrganisationOf(ctx);
  let query = tradingDb(ctx.db)
    .selectFrom('bidUpload')
    .where('sectionId', '=', options.sectionId)
    .where('bidderOrganisationId', '=', organisationId);
  if (options.status) query = query.where('status', '=', options.status);
  const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  const items: UploadState[] = [];
  for (const row of rows) {
    const deadline = (await bidDeadlineOf(ctx.db, row.projectId)) ?? '';
    items.push(await stateOf(ctx, options.files, { ...row, totalSize: Number(row.totalSize) }, deadline));
  }
  return { items, total: Number(total.n), page: options.page, pageSize: options.pageSize };
}
