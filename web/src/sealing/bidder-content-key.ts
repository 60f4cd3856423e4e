import { unwrapContentKey } from '../../../src/crypto/portable/envelope/content-key.ts';
import { toBase64 } from '../../../src/crypto/portable/envelope/binary.ts';
import type { EnvelopeHeader } from '../../../src/crypto/portable/envelope/envelope-header.ts';
import { webSuite } from '../../../src/crypto/portable/web-suites.ts';

/**
 * The bid's content key, unwrapped in the browser with the bidder's encryption private key, as the
 * base64 the platform takes to decrypt the bid. The private key never leaves the page; a wrong key
 * fails here (the key wrap is authenticated) with an `EnvelopeError` of problem `wrong-key`.
 */
export async function bidderContentKey(header: EnvelopeHeader, encryptionKeyPem: string): Promise<string> {
  const contentKey = await unwrapContentKey(webSuite(header.suite), header, 'bidder', encryptionKeyPem);
  return toBase64(contentKey);
}
