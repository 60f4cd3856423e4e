import { createHash } from 'node:crypto';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import { buildBidPackage } from '../crypto/portable/bid-package.ts';
import { sealEnvelope } from '../crypto/portable/envelope/seal-envelope.ts';
import type { SuiteId } from '../crypto/portable/suite.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { UseCaseContext } from '../store/context.ts';
import type { Db } from '../store/schema.ts';
import type { BidUploadFiles } from '../trading/bids/chunk-files.ts';
import { completeBidUpload } from '../trading/bids/complete-bid-upload.ts';
import { openBidUpload } from '../trading/bids/open-bid-upload.ts';
import { storeBidChunk } from '../trading/bids/store-bid-chunk.ts';
import type { BidSealing } from '../trading/sealing/bid-sealing.ts';
import { tradingDb } from '../trading/schema.ts';
import type { LedgerService } from '../server/ledger-service.ts';
import type { DemoBidderKeys } from './demo-sealing-keys.ts';

export interface DemoBidDeps {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly files: BidUploadFiles;
  readonly sealing: BidSealing;
  readonly ledger: LedgerService;
}

/**
 * A demo bid package sealed as the bidder's tool seals it (to the bidder's encryption certificate and the
 * tender's opening key, signed with the bidder's signing key) and sent through the real upload
 * protocol (open, one chunk, complete), so its receipt, audit events and files are what a bidder's
 * upload would leave.
 */
export async function submitDemoBid(
  deps: DemoBidDeps,
  ctx: UseCaseContext,
  keys: DemoBidderKeys,
  sectionId: string,
  priceYuan: number,
): Promise<void> {
  const t = tradingDb(deps.db);
  const section = await t
    .selectFrom('tenderSection as s')
    .innerJoin('tenderProject as p', 'p.id', 's.projectId')
    .innerJoin('openingKey as k', 'k.projectId', 'p.id')
    .select(['s.bidBondFen', 's.code', 'p.id as projectId', 'p.dealCode', 'p.cipherSuite', 'k.publicKeyPem'])
    .where('s.id', '=', sectionId)
    .executeTakeFirstOrThrow();
  const bidder = await t
    .selectFrom('organisation')
    .select(['id', 'creditCode', 'name'])
    .where('id', '=', ctx.actor.organisationId!)
    .executeTakeFirstOrThrow();
  // A bid package: the bid form the opening reads out (price, duration, bond) and the bid file.
  const plaintext = buildBidPackage(
    {
      version: 1,
      priceFen: Math.round(priceYuan * 100),
      durationDays: 300,
      qualityCommitment: '合格',
      bidBondFen: Number(section.bidBondFen),
      items: {},
    },
    {
      '投标文件.txt': new TextEncoder().encode(
        `招采演示投标文件\n标段 ${section.code}\n投标人 ${bidder.name}\n投标报价 ${priceYuan.toFixed(2)} 元\n`,
      ),
    },
  );
  const parts: Uint8Array[] = [];
  for await (const part of sealEnvelope(nodeSuite(section.cipherSuite as SuiteId), {
    tender: { projectId: section.projectId, dealCode: section.dealCode },
    section: { id: sectionId, code: section.code },
    bidder: { organisationId: bidder.id, creditCode: bidder.creditCode, name: bidder.name },
    createdAt: ctx.clock.now().toISOString(),
    tool: { name: 'zhaocai-demo', version: '1' },
    machine: { cpu: 'demo', macs: [], diskSerial: '', tenderFileId: '' },
    plaintextLength: plaintext.byteLength,
    plaintext: (async function* () {
      yield plaintext;
    })(),
    signingKeyPem: keys.signing.privateKeyPem,
    signingCertificatePem: keys.signing.certificatePem,
    encryptionCertificatePem: keys.encryption.certificatePem,
    openingPublicKeyPem: section.publicKeyPem,
  })) {
    parts.push(part);
  }
  const content = Buffer.concat(parts);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const upload = await openBidUpload(ctx, {
    files: deps.files,
    sectionId,
    totalSize: content.length,
    fileSha256: sha256,
    chunkSize: content.length,
    maxBytes: 500 * 1024 * 1024,
  });
  await storeBidChunk(ctx, {
    files: deps.files,
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
    files: deps.files,
    blobs: deps.blobs,
    sealing: deps.sealing,
    ledger: deps.ledger,
    sectionId,
    uploadId: upload.id,
    bidBond: {
      amount: Number(section.bidBondFen) / 100,
      payerAccount: `6222 0210 0100 ${String(priceYuan).slice(0, 4)}`,
      paidAt: ctx.clock.now().toISOString(),
    },
  });
}
