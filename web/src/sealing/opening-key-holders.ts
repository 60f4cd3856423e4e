import type { z } from 'zod';
import { createOpeningKey, type OpeningKeyPackage } from '../../../src/crypto/portable/opening-key.ts';
import type { PemKeyPair, SuiteId } from '../../../src/crypto/portable/suite.ts';
import { webSuite } from '../../../src/crypto/portable/web-suites.ts';
import { certificatePublicKeyPem } from '../../../src/crypto/x509/certificate-public-key.ts';
import type { platformKeysView } from '../../../src/domain/schemas/sealing-schemas.ts';

/** GET /api/platform/keys: the platform's receipt-signing key and its keyholder key per suite. */
export type PlatformKeys = z.infer<typeof platformKeysView>;

/** A keyholder besides the platform and the tenderer, e.g. 行政监督部门, with the public key it gave us. */
export interface FurtherHolder {
  readonly name: string;
  readonly encryptionPublicKeyPem: string;
}

export type HolderKeyProblem = 'notPem' | 'notPublicKey' | 'badCertificate';

const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/;

/**
 * The encryption public key in a holder's file: an SPKI PEM as `zhaocai crypto keygen` writes it,
 * or the holder's encryption certificate, whose subject key is taken.
 */
export function holderPublicKeyPem(text: string): { pem: string } | { problem: HolderKeyProblem } {
  const label = PEM_LABEL.exec(text)?.[1];
  if (!label) return { problem: 'notPem' };
  if (label === 'PUBLIC KEY') return { pem: text.trim() };
  if (label !== 'CERTIFICATE') return { problem: 'notPublicKey' };
  try {
    return { pem: certificatePublicKeyPem(text) };
  } catch {
    return { problem: 'badCertificate' };
  }
}

/** The tenderer's own holder key pair; its private key is the file the tenderer must keep. */
export function generateTendererHolderKey(suite: SuiteId): Promise<PemKeyPair> {
  return webSuite(suite).generateEncryptionKeyPair();
}

/**
 * Makes the opening key in this browser and splits it among 交易平台, 招标人 and the further holders.
 * The opening private key exists only inside `createOpeningKey` and is gone when it returns.
 */
export function makeOpeningKey(options: {
  readonly suite: SuiteId;
  readonly platformKeys: PlatformKeys;
  readonly tendererPublicKeyPem: string;
  readonly furtherHolders: readonly FurtherHolder[];
  readonly threshold: number;
  readonly names: { readonly platform: string; readonly tenderer: string };
}): Promise<OpeningKeyPackage> {
  const { suite, platformKeys, names } = options;
  return createOpeningKey(webSuite(suite), {
    threshold: options.threshold,
    holders: [
      {
        holderId: 'trading',
        holderName: names.platform,
        encryptionPublicKeyPem: platformKeys.keyholderEncryption[suite].publicKeyPem,
      },
      {
        holderId: 'tenderer',
        holderName: names.tenderer,
        encryptionPublicKeyPem: options.tendererPublicKeyPem,
      },
      ...options.furtherHolders.map((holder, i) => ({
        holderId: `holder-${i + 3}`,
        holderName: holder.name.trim(),
        encryptionPublicKeyPem: holder.encryptionPublicKeyPem,
      })),
    ],
  });
}

/** Hands a PEM text to the user as a downloaded file. */
export function downloadPemFile(fileName: string, pem: string): void {
  const url = URL.createObjectURL(new Blob([pem], { type: 'application/x-pem-file' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Let the browser start the download before the address is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
