import { createReadStream } from 'node:fs';
import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { EnvelopeError } from '../../crypto/portable/envelope/envelope-error.ts';
import { openEnvelope, type OpeningKey } from '../../crypto/portable/envelope/open-envelope.ts';
import type { SuiteId } from '../../crypto/portable/suite.ts';
import { AppError } from '../../domain/errors.ts';
import type { BlobStore, StoredBlob } from '../../store/blob-store.ts';

/**
 * Decrypts a stored bid envelope into the blob store. The plaintext blob appears only if every
 * segment authenticates and the trailer and signature check out; otherwise nothing is stored and
 * the envelope problem is reported (ENVELOPE_INVALID, e.g. `wrong-key`).
 */
export async function openStoredEnvelope(
  blobs: BlobStore,
  envelopeSha256: string,
  suite: SuiteId,
  key: OpeningKey,
): Promise<StoredBlob> {
  const envelope = createReadStream(blobs.pathOf(envelopeSha256), { highWaterMark: 1024 * 1024 });
  try {
    return await blobs.put(openEnvelope(nodeSuite(suite), envelope, key));
  } catch (error) {
    if (error instanceof EnvelopeError) {
      throw new AppError('ENVELOPE_INVALID', { problem: error.problem, detail: error.message });
    }
    throw error;
  } finally {
    envelope.destroy();
  }
}
