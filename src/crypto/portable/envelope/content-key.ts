import type { CryptoSuite } from '../suite.ts';
import { fromBase64 } from './binary.ts';
import { EnvelopeError } from './envelope-error.ts';
import type { EnvelopeHeader, RecipientRole } from './envelope-header.ts';

/** The content key, unwrapped from the header with the bidder's or the (reassembled) opening private key. */
export async function unwrapContentKey(
  suite: CryptoSuite,
  header: EnvelopeHeader,
  role: RecipientRole,
  privateKeyPem: string,
): Promise<Uint8Array> {
  const recipient = header.recipients.find((r) => r.role === role)!;
  let contentKey: Uint8Array;
  try {
    contentKey = await suite.unwrapKey(privateKeyPem, fromBase64(recipient.wrappedKey));
  } catch {
    throw new EnvelopeError(
      'wrong-key',
      `this key does not open the envelope's ${role} key (key id ${recipient.keyId.slice(0, 16)}…)`,
    );
  }
  if (contentKey.length !== suite.contentKeyLength) {
    throw new EnvelopeError(
      'wrong-key',
      `the ${role} key unwraps to ${contentKey.length} bytes, not a content key`,
    );
  }
  return contentKey;
}
