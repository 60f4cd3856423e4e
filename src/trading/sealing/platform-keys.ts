import { join } from 'node:path';
import { loadOrCreateKeyFile } from '../../crypto/node/key-files.ts';
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
  const pair = await loadOrCreateKeyFile(dir, name, generate);
  return { ...pair, keyId: await keyIdOf(nodeSuite(suite), pair.publicKeyPem) };
}
