import { createHash } from 'node:crypto';
import type { BlobStore } from '../store/blob-store.ts';
import type { UseCaseContext } from '../store/context.ts';
import type { Db } from '../store/schema.ts';
import type { BidUploadFiles } from '../trading/bids/chunk-files.ts';
import { completeBidUpload } from '../trading/bids/complete-bid-upload.ts';
import { openBidUpload } from '../trading/bids/open-bid-upload.ts';
import { storeBidChunk } from '../trading/bids/store-bid-chunk.ts';
import { tradingDb } from '../trading/schema.ts';

/**
 * A demo bid through the real upload protocol (open, one chunk, complete), so its receipt, audit
 * events and files are what a bidder's upload would leave. The bid file is a small text standing
 * in for a sealed envelope until the sealed-bid work makes envelopes mandatory.
 */
export async function submitDemoBid(
  db: Db,
  blobs: BlobStore,
  files: BidUploadFiles,
  ctx: UseCaseContext,
  sectionId: string,
  priceYuan: number,
): Promise<void> {
  const section = await tradingDb(db)
    .selectFrom('tenderSection')
    .select(['bidBondFen', 'code'])
    .where('id', '=', sectionId)
    .executeTakeFirstOrThrow();
  const content = Buffer.from(
    `招采演示投标文件\n标段 ${section.code}\n投标人 ${ctx.actor.username}\n投标报价 ${priceYuan.toFixed(2)} 元\n`,
  );
  const sha256 = createHash('sha256').update(content).digest('hex');
  const upload = await openBidUpload(ctx, {
    files,
    sectionId,
    totalSize: content.length,
    fileSha256: sha256,
    chunkSize: content.length,
    maxBytes: 500 * 1024 * 1024,
  });
  await storeBidChunk(ctx, {
    files,
    sectionId,
    uploadId: upload.id,
    index: 0,
    sha256,
    contentLength: content.length,
    content: (async function* () {
      yield content;
    })(),
  });
  await completeBidUpload(ctx, {
    files,
    blobs,
    sectionId,
    uploadId: upload.id,
    bidBond: {
      amount: Number(section.bidBondFen) / 100,
      payerAccount: `6222 0210 0100 ${String(priceYuan).slice(0, 4)}`,
      paidAt: ctx.clock.now().toISOString(),
    },
  });
}
