import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { fromBase64, toBase64 } from '../../crypto/portable/envelope/binary.ts';
import { combineOpeningKey, decryptShare } from '../../crypto/portable/opening-key.ts';
import { shareCommitment } from '../../crypto/portable/share-commitment.ts';
import type { SuiteId } from '../../crypto/portable/suite.ts';
import type { AuditChange } from '../../domain/audit.ts';
import { AppError } from '../../domain/errors.ts';
import type { DecryptionOverviewDto } from '../../domain/schemas/sealing-schemas.ts';
import { decryptionStatusAt, decryptionWindow } from '../../domain/tender/decryption-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { BlobStore } from '../../store/blob-store.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { bidDeadlineOf } from '../bids/bid-repository.ts';
import { bidsOfEndedSections } from '../exceptions/section-failure.ts';
import { appendDecryptionEvents, type DecryptionChange } from '../opening-hall/decryption-events.ts';
import { bidFormColumnsOf } from '../opening-hall/extract-bid-form.ts';
import { hallBroadcasterOf } from '../opening-hall/hall-broadcaster.ts';
import { findProject } from '../projects/project-repository.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import type { PlatformKeys } from '../sealing/platform-keys.ts';
import { currentBidsOf } from './bid-decryption-repository.ts';
import { openStoredEnvelope } from './open-bid-envelope.ts';

export interface SubmitKeyShareOptions {
  readonly blobs: BlobStore;
  readonly projectId: string;
  readonly holderId: string;
  /** base64 of the decrypted share; absent when the platform contributes its own share. */
  readonly share?: string;
  readonly platformKeys: PlatformKeys;
}

function sharesProblem(detail: string): AppError {
  return new AppError('OPENING_KEY_INVALID', { problem: 'shares', detail });
}

/**
 * The reassembly ceremony (issue 4 item 9, 办法 31). After the decryption window has closed, each
 * keyholder hands in its decrypted share; the platform accepts only the share that matches the
 * commitment published with the key. With k shares the opening private key is reassembled in
 * memory, never stored, and — where the tender documents provide that remedy — opens every bid
 * its bidder failed to decrypt; without the remedy those bids stay failed (E7). Each share and the
 * reassembly are audit events.
 */
export async function submitKeyShare(
  ctx: UseCaseContext,
  options: SubmitKeyShareOptions,
): Promise<DecryptionOverviewDto['openingKey']> {
  const db = tradingDb(ctx.db);
  const project = await findProject(db, options.projectId);
  const key = await db
    .selectFrom('openingKey')
    .selectAll()
    .where('projectId', '=', options.projectId)
    .executeTakeFirst();
  if (!project || !key) throw new AppError('NOT_FOUND');
  const deadline = await bidDeadlineOf(ctx.db, project.id);
  const window = decryptionWindow(deadline!, project.decryptionWindowMinutes);
  if (ctx.clock.now().getTime() < Date.parse(window.closesAt)) {
    throw new AppError('INVALID_STATE', { state: 'decryption_window_open', action: 'submit key share' });
  }
  const holder = await db
    .selectFrom('openingKeyShare')
    .selectAll()
    .where('projectId', '=', project.id)
    .where('holderId', '=', options.holderId)
    .executeTakeFirst();
  if (!holder) throw new AppError('NOT_FOUND');
  const suite = nodeSuite(key.suite as SuiteId);
  const x = Number(holder.x);
  const y = options.share
    ? fromBase64(options.share)
    : (
        await decryptShare(
          suite,
          {
            holderId: holder.holderId,
            holderName: holder.holderName,
            holderKeyId: holder.holderKeyId,
            x,
            encryptedShare: holder.encryptedShare,
            commitment: holder.commitment,
          },
          options.platformKeys.keyholderEncryption[key.suite as SuiteId].privateKeyPem,
        ).catch(() => {
          throw sharesProblem(`the platform does not hold the share of ${holder.holderId}`);
        })
      ).y;
  if ((await shareCommitment(suite, { x, y })) !== holder.commitment) {
    throw sharesProblem(`this is not the share of ${holder.holderId}`);
  }

  await runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const submittedAt = now.toISOString();
    await trx
      .updateTable('openingKeyShare')
      .set({ submittedShare: toBase64(y), submittedAt, submittedByUserId: ctx.actor.userId })
      .where('projectId', '=', project.id)
      .where('holderId', '=', holder.holderId)
      .execute();
    return {
      result: null,
      audit: {
        action: 'opening_key.share_submitted',
        objectType: 'project',
        objectId: project.id,
        state: { holderId: holder.holderId, x, submittedAt },
        detail: { holderId: holder.holderId, holderName: holder.holderName },
      },
    };
  });

  const submitted = await db
    .selectFrom('openingKeyShare')
    .select(['x', 'submittedShare'])
    .where('projectId', '=', project.id)
    .where('submittedShare', 'is not', null)
    .execute();
  if (!key.reassembledAt && submitted.length >= Number(key.threshold)) {
    const privateKeyPem = await combineOpeningKey(
      suite,
      { publicKeyPem: key.publicKeyPem, threshold: Number(key.threshold) },
      submitted.map((s) => ({ x: Number(s.x), y: fromBase64(s.submittedShare!) })),
    ).catch((error: Error) => {
      throw sharesProblem(error.message);
    });
    await openFailedBids(ctx, options.blobs, project, window, privateKeyPem);
    await hallBroadcasterOf(ctx.db).feed(project.id);
  }
  const reassembled = await db
    .selectFrom('openingKey')
    .select('reassembledAt')
    .where('projectId', '=', project.id)
    .executeTakeFirstOrThrow();
  return {
    threshold: Number(key.threshold),
    sharesSubmitted: submitted.length,
    reassembledAt: reassembled.reassembledAt,
  };
}

async function openFailedBids(
  ctx: UseCaseContext,
  blobs: BlobStore,
  project: { id: string; openingKeyRemedy: number },
  window: ReturnType<typeof decryptionWindow>,
  privateKeyPem: string,
): Promise<void> {
  const now = ctx.clock.now();
  const notOpened = await bidsOfEndedSections(tradingDb(ctx.db), project.id);
  const failed = (await currentBidsOf(tradingDb(ctx.db), project.id)).filter(
    (b) => decryptionStatusAt(b.decryptionStatus, now, window) === 'failed_bidder' && !notOpened.has(b.bidId),
  );
  const outcomes: { bidId: string; bidderOrganisationId: string; change: Record<string, unknown> }[] = [];
  for (const bid of failed) {
    const outcome = (change: Record<string, unknown>) =>
      outcomes.push({ bidId: bid.bidId, bidderOrganisationId: bid.bidderOrganisationId, change });
    if (!project.openingKeyRemedy) {
      outcome({ decryptionStatus: 'failed_bidder' });
      continue;
    }
    try {
      const plaintext = await openStoredEnvelope(blobs, bid.fileSha256, bid.envelopeSuite as SuiteId, {
        recipientPrivateKeyPem: privateKeyPem,
        role: 'opening',
      });
      outcome({
        decryptionStatus: 'decrypted',
        decryptedBy: 'opening_key',
        decryptedSha256: plaintext.hash,
        decryptedSize: plaintext.size,
        decryptedAt: now.toISOString(),
        // The bid form read from the package, as when the bidder decrypts (办法 31 remedy).
        ...(await bidFormColumnsOf(blobs, plaintext.hash)),
      });
    } catch (error) {
      outcome({
        decryptionStatus: 'failed_other',
        decryptionFailure: (error as Error).message.slice(0, 500),
      });
    }
  }
  await runAudited(ctx, async (commonTrx, at) => {
    const trx = tradingTrx(commonTrx);
    const audit: AuditChange[] = [
      {
        action: 'opening_key.reassembled',
        objectType: 'project',
        objectId: project.id,
        state: { reassembledAt: at.toISOString() },
        detail: { remedy: project.openingKeyRemedy === 1, bids: outcomes.length },
      },
    ];
    await trx
      .updateTable('openingKey')
      .set({ reassembledAt: at.toISOString() })
      .where('projectId', '=', project.id)
      .execute();
    for (const { bidId, change } of outcomes) {
      await trx.updateTable('bid').set(change).where('id', '=', bidId).execute();
      audit.push({
        action: change.decryptionStatus === 'decrypted' ? 'bid.decrypted' : 'bid.decryption_failed',
        objectType: 'bid',
        objectId: bidId,
        state: change,
        detail: { by: 'opening_key' },
      });
    }
    const changes: DecryptionChange[] = outcomes.map(({ bidId, bidderOrganisationId, change }) => ({
      bidId,
      bidderOrganisationId,
      status: change.decryptionStatus as DecryptionChange['status'],
      decryptedBy: (change.decryptedBy as string | undefined) ?? null,
    }));
    await appendDecryptionEvents(trx, project.id, window, changes, at);
    return { result: null, audit };
  });
}
