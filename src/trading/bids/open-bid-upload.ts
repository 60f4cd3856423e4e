import { randomUUID } from 'node:crypto';
import { tenderSeal } from '../tender-seal.ts';
import { AppError } from '../../domain/errors.ts';
import { ruleViolation } from '../../domain/rules/rule-violation.ts';
import type { UploadState } from '../../domain/schemas/bid-schemas.ts';
import { type UploadShape, uploadShape } from '../../domain/tender/bid-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingTrx } from '../schema.ts';
import { anyCurrentBidBy } from './bid-repository.ts';
import { bidderOrganisationOf, sectionOpenForBids } from './bid-guards.ts';
import type { BidUploadFiles } from './chunk-files.ts';
import { relatedOrganisationIds } from '../projects/organisation-relations.ts';

export interface OpenBidUploadOptions {
  readonly files: BidUploadFiles;
  readonly sectionId: string;
  readonly totalSize: number;
  readonly fileSha256: string;
  readonly chunkSize: number;
  /** config.uploads.maxBytes */
  readonly maxBytes: number;
}

/** A bidder starts a resumable upload of its bid file for a section, before the deadline. */
export async function openBidUpload(
  ctx: UseCaseContext,
  options: OpenBidUploadOptions,
): Promise<UploadState> {
  const organisationId = bidderOrganisationOf(ctx);
  const shape = uploadShape(options.totalSize, options.chunkSize, options.maxBytes);
  // Refuse early (deadline, pause, unknown section) before touching the disk; the transaction
  // checks again.
  await sectionOpenForBids(ctx.db, options.sectionId, ctx.clock.now());
  const uploadId = randomUUID();
  await options.files.create(uploadId, shape.totalSize);
  try {
    return await record(ctx, options, organisationId, uploadId, shape);
  } catch (error) {
    await options.files.remove(uploadId);
    throw error;
  }
}

function record(
  ctx: UseCaseContext,
  options: OpenBidUploadOptions,
  organisationId: string,
  uploadId: string,
  shape: UploadShape,
): Promise<UploadState> {
  return runAudited(ctx, async (trx, now) => {
    const section = await sectionOpenForBids(trx, options.sectionId, now);
    // Only a bidder that obtained the documents (and so was invited or qualified where that
    // applies: obtaining checks it) can bid.
    const obtained = await tradingTrx(trx)
      .selectFrom('documentObtainment')
      .select('id')
      .where('projectId', '=', section.projectId)
      .where('organisationId', '=', organisationId)
      .executeTakeFirst();
    if (!obtained) throw new AppError('FORBIDDEN', { reason: 'not_obtained' });
    // C9 early, so a related bidder does not send 500 MB for nothing; checked again at completion.
    if (await anyCurrentBidBy(trx, section.sectionId, await relatedOrganisationIds(trx, organisationId))) {
      throw ruleViolation('C9', { kind: 'forbidden' });
    }
    const row = {
      id: uploadId,
      projectId: section.projectId,
      sectionId: section.sectionId,
      bidderOrganisationId: organisationId,
      openedByUserId: ctx.actor.userId,
      totalSize: shape.totalSize,
      chunkSize: shape.chunkSize,
      chunkCount: shape.chunkCount,
      fileSha256: options.fileSha256.toLowerCase(),
      status: 'open',
      bidId: null,
      createdAt: now.toISOString(),
      completedAt: null,
    };
    await tradingTrx(trx).insertInto('bidUpload').values(row).execute();
    const state: UploadState = {
      id: row.id,
      sectionId: row.sectionId,
      totalSize: row.totalSize,
      chunkSize: row.chunkSize,
      chunkCount: row.chunkCount,
      fileSha256: row.fileSha256,
      status: 'open',
      storedChunks: [],
      missingChunks: Array.from({ length: row.chunkCount }, (_, i) => i),
      bidId: null,
      bidDeadline: section.bidDeadline,
      createdAt: row.createdAt,
    };
    return {
      result: state,
      audit: {
        action: 'bid.upload_opened',
        objectType: 'bid_upload',
        objectId: row.id,
        state: row,
        detail: { sectionId: row.sectionId },
        seal: tenderSeal(section.projectId, section.bidDeadline),
      },
    };
  });
}
