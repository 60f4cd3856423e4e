import { randomUUID } from 'node:crypto';
import { tenderSeal } from '../tender-seal.ts';
import { hashHex } from '../../crypto/hash.ts';
import type { AuditChange } from '../../domain/audit.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { AppError } from '../../domain/errors.ts';
import { ruleViolation } from '../../domain/rules/rule-violation.ts';
import type { BidReceipt, BidReceiptContent } from '../../domain/schemas/bid-schemas.ts';
import { assertBeforeBidDeadline, assertBidBond, yuanToFen } from '../../domain/tender/bid-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { BlobStore } from '../../store/blob-store.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Trx } from '../../store/schema.ts';
import { tradingTrx } from '../schema.ts';
import { anyCurrentBidBy, findCurrentBid, findUpload } from './bid-repository.ts';
import { type SectionOpenForBids, sectionOpenForBids } from './bid-guards.ts';
import { relatedOrganisationIds } from '../projects/organisation-relations.ts';
import type { BidUploadFiles } from './chunk-files.ts';
import { checkBidEnvelope } from '../sealing/check-bid-envelope.ts';
import { envelopeExpectations } from '../sealing/envelope-expectations.ts';
import type { BidSealing } from '../sealing/bid-sealing.ts';
import { signReceipt } from '../sealing/receipt-signature.ts';
import { bidLedgerEvidence } from './bid-ledger-evidence.ts';
import type { LedgerService } from '../../server/ledger-service.ts';
import { ownOpenUpload } from './store-bid-chunk.ts';

export interface CompleteBidUploadOptions {
  readonly files: BidUploadFiles;
  readonly blobs: BlobStore;
  readonly sealing: BidSealing;
  /** The platform's ledger: the receipt carries the bid's leaf, a signed tree head and the proof. */
  readonly ledger: LedgerService;
  readonly sectionId: string;
  readonly uploadId: string;
  readonly bidBond: { readonly amount: number; readonly payerAccount: string; readonly paidAt: string };
}

async function assertNoRelatedBid(db: Trx | UseCaseContext['db'], section: SectionOpenForBids, org: string) {
  if (await anyCurrentBidBy(db, section.sectionId, await relatedOrganisationIds(db, org))) {
    // C9, without saying which organisation bid (E4).
    throw ruleViolation('C9', { kind: 'forbidden' });
  }
}

/**
 * Completes an upload into a bid: the uploaded file is hashed once more, checked against the
 * declared SHA-256 and moved into the blob store; then one transaction re-checks the deadline, pause, bond (C3) and relations
 * (C9), replaces the bidder's previous bid, records the bid and its receipt, and checks the clock
 * once more just before commit. The receipt is returned only after that commit (E3); a
 * completion racing the deadline either gets a receipt timed before it or an E2 refusal.
 */
export async function completeBidUpload(
  ctx: UseCaseContext,
  options: CompleteBidUploadOptions,
): Promise<BidReceipt> {
  const upload = await ownOpenUpload(ctx, options.sectionId, options.uploadId);
  const organisationId = upload.bidderOrganisationId;
  const bondFen = yuanToFen(options.bidBond.amount);
  const section = await sectionOpenForBids(ctx.db, options.sectionId, ctx.clock.now());
  assertBidBond({
    amountFen: bondFen,
    requiredFen: section.bidBondFen,
    estimatedPriceFen: section.estimatedPriceFen,
  });
  await assertNoRelatedBid(ctx.db, section, organisationId);
  const expectations = await envelopeExpectations(ctx.db, section, organisationId);
  const stored = await options.files.acknowledged(upload.id);
  const missing = Array.from({ length: upload.chunkCount }, (_, i) => i).filter((i) => !stored.has(i));
  if (missing.length) {
    throw new AppError('INVALID_STATE', {
      state: `missing chunks ${missing.slice(0, 20).join(',')}`,
      action: 'complete',
    });
  }

  const envelope = await checkBidEnvelope(
    options.files.pathOf(upload.id),
    expectations,
    options.sealing,
    ctx.clock.now(),
  );
  const blob = await options.files.moveToBlobStore(upload.id, options.blobs, {
    sha256: upload.fileSha256,
    size: upload.totalSize,
    chunkCount: upload.chunkCount,
  });

  const receipt = await runAudited(ctx, async (trx, now) => {
    const t = tradingTrx(trx);
    const open = await sectionOpenForBids(trx, options.sectionId, now, { lock: true });
    const again = await findUpload(trx, upload.id);
    if (again?.status !== 'open') {
      throw new AppError('INVALID_STATE', { state: again?.status ?? 'unknown', action: 'complete' });
    }
    assertBidBond({
      amountFen: bondFen,
      requiredFen: open.bidBondFen,
      estimatedPriceFen: open.estimatedPriceFen,
    });
    await assertNoRelatedBid(trx, open, organisationId);

    const previous = await findCurrentBid(trx, open.sectionId, organisationId);
    const bidId = randomUUID();
    const audit: AuditChange[] = [];
    // The last look at the clock before commit: what the receipt states and what E2 judges.
    const receivedAt = ctx.clock.now();
    assertBeforeBidDeadline(receivedAt, open.bidDeadline);
    const at = receivedAt.toISOString();
    if (previous) {
      await t
        .updateTable('bid')
        .set({ status: 'replaced', replacedAt: at, replacedByBidId: bidId })
        .where('id', '=', previous.id)
        .execute();
      audit.push({
        action: 'bid.replaced',
        objectType: 'bid',
        objectId: previous.id,
        state: { ...previous, status: 'replaced', replacedAt: at, replacedByBidId: bidId },
        detail: { sectionId: open.sectionId, replacedBy: bidId },
        seal: tenderSeal(open.projectId, open.bidDeadline),
      });
    }
    const bid = {
      id: bidId,
      projectId: open.projectId,
      sectionId: open.sectionId,
      bidderOrganisationId: organisationId,
      uploadId: upload.id,
      fileSha256: blob.hash,
      fileSize: blob.size,
      bondAmountFen: bondFen,
      bondPayerAccount: options.bidBond.payerAccount,
      bondPaidAt: new Date(options.bidBond.paidAt).toISOString(),
      status: 'current',
      submittedAt: at,
      submittedByUserId: ctx.actor.userId,
      replacedAt: null,
      replacedByBidId: null,
      withdrawnAt: null,
      withdrawnByUserId: null,
      envelopeSuite: envelope.header.suite,
      envelopeHeader: canonicalJson(envelope.header),
      signerCreditCode: expectations.bidderCreditCode,
      signerCertificateSerial: envelope.signerCertificateSerial,
    };
    await t.insertInto('bid').values(bid).execute();
    await t
      .updateTable('bidUpload')
      .set({ status: 'completed', bidId, completedAt: at })
      .where('id', '=', upload.id)
      .execute();
    const content: BidReceiptContent = {
      receiptId: randomUUID(),
      bidId,
      projectId: open.projectId,
      sectionId: open.sectionId,
      sectionCode: open.sectionCode,
      bidderOrganisationId: organisationId,
      fileSha256: blob.hash,
      fileSize: blob.size,
      receivedAt: at,
      replacesBidId: previous?.id ?? null,
      envelope: {
        suite: envelope.header.suite,
        headerDigest: envelope.headerDigest,
        ciphertextDigest: envelope.ciphertextDigest,
        signerCertificateSerial: envelope.signerCertificateSerial,
      },
    };
    const canonical = canonicalJson(content);
    const sha256 = hashHex(canonical);
    const signature = await signReceipt(canonical, (await options.sealing.keys).receiptSigning);
    await t
      .insertInto('bidReceipt')
      .values({
        id: content.receiptId,
        bidId,
        body: canonical,
        sha256,
        issuedAt: at,
        signature: signature.value,
        signerKeyId: signature.keyId,
      })
      .execute();
    audit.push({
      action: 'bid.submitted',
      objectType: 'bid',
      objectId: bidId,
      state: bid,
      detail: { sectionId: open.sectionId, receiptSha256: sha256 },
      seal: tenderSeal(open.projectId, open.bidDeadline),
    });
    return { result: { receipt: content, canonical, sha256, signature }, audit };
  });
  // Leftovers (the acknowledgement log) go after the receipt; a failure there is harmless.
  void options.files.remove(upload.id).catch(() => undefined);
  return { ...receipt, ledger: await bidLedgerEvidence(ctx.db, options.ledger, receipt.receipt.bidId) };
}
