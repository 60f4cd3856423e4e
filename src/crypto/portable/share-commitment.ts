import { bytesToHex } from './bytes.ts';
import type { CryptoSuite } from './suite.ts';

/**
 * A commitment to one opening-key share: the suite hash of x ‖ y. Published with the encrypted
 * share, it lets the platform recognise the genuine share when its holder hands it in after the
 * deadline, without being able to learn anything about it before.
 */
export async function shareCommitment(
  suite: CryptoSuite,
  share: { x: number; y: Uint8Array },
): Promise<string> {
  const bytes = new Uint8Array(1 + share.y.length);
  bytes[0] = share.x;
  bytes.set(share.y, 1);
  return bytesToHex(await suite.hash(bytes));
}
