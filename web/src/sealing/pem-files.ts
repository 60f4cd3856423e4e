import { certificatePublicKeyPem } from '../../../src/crypto/x509/certificate-public-key.ts';

/** The PEM files a bidder chooses to seal and decrypt its bids. */
export const KEY_FILE_KINDS = [
  'signingKey',
  'signingCertificate',
  'encryptionCertificate',
  'encryptionKey',
] as const;
export type KeyFileKind = (typeof KEY_FILE_KINDS)[number];

export type PemProblem = 'notPem' | 'notPrivateKey' | 'notCertificate' | 'badCertificate';

const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/;

/**
 * What is wrong with a chosen file for its role, or null. Private keys must be PKCS#8 ("PRIVATE KEY",
 * what `zhaocai crypto keygen` and the development CA write), which both suites load.
 */
export function findPemProblem(text: string, kind: KeyFileKind): PemProblem | null {
  const label = PEM_LABEL.exec(text)?.[1];
  if (!label) return 'notPem';
  if (kind === 'signingKey' || kind === 'encryptionKey') {
    return label === 'PRIVATE KEY' ? null : 'notPrivateKey';
  }
  if (label !== 'CERTIFICATE') return 'notCertificate';
  try {
    certificatePublicKeyPem(text);
    return null;
  } catch {
    return 'badCertificate';
  }
}
