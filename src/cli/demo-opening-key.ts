import { nodeSuite } from '../crypto/node/node-suites.ts';
import { createOpeningKey, decryptShare } from '../crypto/portable/opening-key.ts';
import { shareCommitment } from '../crypto/portable/share-commitment.ts';
import type { PemKeyPair } from '../crypto/portable/suite.ts';
import type { OpeningKeyInput } from '../domain/schemas/sealing-schemas.ts';
import type { PlatformKeys } from '../trading/sealing/platform-keys.ts';
import { DEMO_SUITE, type DemoSealingKeys } from './demo-sealing-keys.ts';

interface Holder extends PemKeyPair {
  readonly holderId: string;
  readonly holderName: string;
}

/**
 * A tender's opening key as the tenderer's tool makes it: split 2-of-3 among the transaction
 * platform, the tenderer and the supervision platform, each share with its commitment. The demo
 * holds every holder's key, so it computes the commitments from the shares themselves.
 */
export async function demoOpeningKey(
  keys: DemoSealingKeys,
  platformKeys: PlatformKeys,
): Promise<OpeningKeyInput> {
  const suite = nodeSuite(DEMO_SUITE);
  const holders: Holder[] = [
    { holderId: 'trading', holderName: '交易平台', ...platformKeys.keyholderEncryption[DEMO_SUITE] },
    { holderId: 'tenderer', holderName: '招标人', ...keys.holders.tenderer },
    { holderId: 'supervision', holderName: '行政监督平台', ...keys.holders.supervision },
  ];
  const pkg = await createOpeningKey(suite, {
    threshold: 2,
    holders: holders.map((h) => ({ holderId: h.holderId, encryptionPublicKeyPem: h.publicKeyPem })),
  });
  const shares = await Promise.all(
    pkg.shares.map(async (share, i) => {
      const holder = holders[i]!;
      const decrypted = await decryptShare(suite, share, holder.privateKeyPem);
      return { ...share, holderName: holder.holderName, commitment: await shareCommitment(suite, decrypted) };
    }),
  );
  return { ...pkg, shares };
}
