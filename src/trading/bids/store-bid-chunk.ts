import { AppError } from '../../domain/errors.ts';
import { assertBeforeBidDeadline, expectedChunkSize } from '../../domain/tender/bid-rules.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { findUpload } from './bid-repository.ts';
import { bidderOrganisationOf, sectionOpenForBids } from './bid-guards.ts';
import type { BidUploadFiles } from './chunk-files.ts';

export interface StoreBidChunkOptions {
  readonly files: BidUploadFiles;
  readonly sectionId: string;
  readonly uploadId: string;
  readonly index: number;
  readonly sha256: string;
  /** The Content-Length the client declared, when it did. */
  readonly contentLength?: number | undefined;
  readonly content: AsyncIterable<Uint8Array>;
}

export interface StoredBidChunk {
  readonly index: number;
  readonly size: number;
  readonly sha256: string;
  readonly storedAt: string;
}

/** Own open upload of this section, or NOT_FOUND (another bidder's upload is not even confirmed). */
export async function ownOpenUpload(ctx: UseCaseContext, sectionId: string, uploadId: string) {
  const organisationId = bidderOrganisationOf(ctx);
  const upload = await findUpload(ctx.db, uploadId);
  if (!upload || upload.bidderOrganisationId !== organisationId || upload.sectionId !== sectionId) {
    throw new AppError('NOT_FOUND');
  }
  if (upload.status !== 'open')
    throw new AppError('INVALID_STATE', { state: upload.status, action: 'upload' });
  return upload;
}

/**
 * Stores one chunk of an open upload: streamed to disk, checked against the SHA-256 the client sent
 * (a mismatch stores nothing), fsynced, and only then acknowledged. Chunks are upload plumbing,
 * not audited state changes: the audited changes are opening the upload and recording the bid.
 */
export async function storeBidChunk(
  ctx: UseCaseContext,
  options: StoreBidChunkOptions,
): Promise<StoredBidChunk> {
  const upload = await ownOpenUpload(ctx, options.sectionId, options.uploadId);
  const section = await sectionOpenForBids(ctx.db, options.sectionId, ctx.clock.now());
  const size = expectedChunkSize(upload, options.index);
  if (options.contentLength !== undefined && options.contentLength !== size) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'body' },
      {
        details: [
          { path: 'body', code: 'chunk_size', params: { expected: size, actual: options.contentLength } },
        ],
      },
    );
  }
  const sha256 = options.sha256.toLowerCase();
  return options.files.withChunkLock(upload.id, options.index, async () => {
    // An acknowledged chunk is never rewritten: a resend of the same bytes is acknowledged again.
    const stored = (await options.files.acknowledged(upload.id)).get(options.index);
    if (stored) {
      if (stored.sha256 !== sha256) {
        throw new AppError('INVALID_STATE', {
          state: `chunk ${options.index} stored`,
          action: 'replace chunk',
        });
      }
      return { index: options.index, ...stored };
    }
    await options.files.writeChunk(upload.id, options.index * upload.chunkSize, options.content, {
      size,
      sha256,
    });
    // Look at the clock again once the bytes are down: a chunk finishing at or after the deadline
    // is not acknowledged (E2). (A pause in between is caught by the completion's transaction.)
    const now = ctx.clock.now();
    assertBeforeBidDeadline(now, section.bidDeadline);
    const ack = { size, sha256, storedAt: now.toISOString() };
    await options.files.acknowledge(upload.id, options.index, options.index * upload.chunkSize, ack);
    return { index: options.index, ...ack };
  });
}
