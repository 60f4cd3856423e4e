import { toBase64 } from '../../../src/crypto/portable/envelope/binary.ts';
import { decryptShare, type EncryptedShare } from '../../../src/crypto/portable/opening-key.ts';
import type { SuiteId } from '../../../src/crypto/portable/suite.ts';
import { webSuite } from '../../../src/crypto/portable/web-suites.ts';
import { findPemProblem, type PemProblem } from './pem-files.ts';

/**
 * GET /api/projects/:projectId/opening-key/shares/:holderId: one keyholder's share of the opening
 * key as recorded at publication, still wrapped to that holder's encryption key.
 */
export type HolderEncryptedShare = EncryptedShare;

export type KeyShareProblem = Extract<PemProblem, 'notPem' | 'notPrivateKey'> | 'wrongKey';

/**
 * Decrypts a keyholder's share in this browser with the holder's private key file (the one the
 * tenderer downloaded at publication) and returns the share as the platform takes it (base64 y).
 * The private key is used here only; nothing but the decrypted share leaves the page.
 */
export async function decryptHolderShare(options: {
  readonly suite: SuiteId;
  readonly share: HolderEncryptedShare;
  readonly holderPrivateKeyPem: string;
}): Promise<{ share: string } | { problem: KeyShareProblem }> {
  const pemProblem = findPemProblem(options.holderPrivateKeyPem, 'encryptionKey');
  if (pemProblem === 'notPem' || pemProblem === 'notPrivateKey') return { problem: pemProblem };
  try {
    const { y } = await decryptShare(webSuite(options.suite), options.share, options.holderPrivateKeyPem);
    return { share: toBase64(y) };
  } catch {
    return { problem: 'wrongKey' };
  }
}
