import { createPublicKey } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { keyIdOf } from '../../crypto/portable/envelope/key-id.ts';
import type { PemKeyPair, SuiteId } from '../../crypto/portable/suite.ts';
import type { Config } from '../../server/config.ts';

/** The platform's keys are national-suite keys: receipts are signed SM2 with SM3. */
export const PLATFORM_SUITE = 'gm' as const;

export interface PlatformKey extends PemKeyPair {
  /** Hex suite hash of the public key's SPKI DER. */
  readonly keyId: string;
}

/**
 * The transaction platform's own keys: one signs bid receipts, one receives the platform's share
 * of each tender's opening key (the platform is one of the keyholders). They live as PEM files in
 * `<dataDir>/trading-keys` (readable by the service account only) and are made on first start.
 */
export interface PlatformKeys {
  readonly receiptSigning: PlatformKey;
  /** Per suite, since a share is wrapped under the tender's suite. */
  readonly keyholderEncryption: Record<SuiteId, PlatformKey>;
}

export function platformKeysDir(config: Config): string {
  return join(config.dataDir, 'trading-keys');
}

export async function loadPlatformKeys(config: Config): Promise<PlatformKeys> {
  const dir = platformKeysDir(config);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keyholder = (id: SuiteId) =>
    loadOrCreate(dir, `keyholder-encryption-${id}`, id, () => nodeSuite(id).generateEncryptionKeyPair());
  return {
    receiptSigning: await loadOrCreate(dir, 'receipt-signing', PLATFORM_SUITE, () =>
      nodeSuite(PLATFORM_SUITE).generateSigningKeyPair(),
    ),
    keyholderEncryption: { gm: await keyholder('gm'), intl: await keyholder('intl') },
  };
}

async function loadOrCreate(
  dir: string,
  name: string,
  suite: SuiteId,
  generate: () => Promise<PemKeyPair>,
): Promise<PlatformKey> {
  const keyPath = join(dir, `${name}.key.pem`);
  let privateKeyPem: string;
  try {
    privateKeyPem = await readFile(keyPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const generated = await generate();
    // 'wx': of two services starting on one data directory, the first key written is the key.
    privateKeyPem = await writeFile(keyPath, generated.privateKeyPem, { flag: 'wx', mode: 0o600 }).then(
      () => generated.privateKeyPem,
      async (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
        return readFile(keyPath, 'utf8');
      },
    );
  }
  // The public key is derived, never stored apart from its private key; the .pub.pem file is for people.
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  await writeFile(join(dir, `${name}.pub.pem`), publicKeyPem, { mode: 0o644 });
  return { privateKeyPem, publicKeyPem, keyId: await keyIdOf(nodeSuite(suite), publicKeyPem) };
}
