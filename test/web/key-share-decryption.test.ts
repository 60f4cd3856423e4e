import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../../src/crypto/portable/envelope/binary.ts';
import { createOpeningKey } from '../../src/crypto/portable/opening-key.ts';
import { shareCommitment } from '../../src/crypto/portable/share-commitment.ts';
import { SUITE_IDS } from '../../src/crypto/portable/suite.ts';
import { webSuite } from '../../src/crypto/portable/web-suites.ts';
import { decryptHolderShare } from '../../web/src/sealing/key-share-decryption.ts';

describe.each(SUITE_IDS)('a keyholder decrypts its opening-key share in the browser (%s)', (suiteId) => {
  async function aTenderWithKeyholders() {
    const suite = webSuite(suiteId);
    const [platform, tenderer, stranger] = await Promise.all([
      suite.generateEncryptionKeyPair(),
      suite.generateEncryptionKeyPair(),
      suite.generateEncryptionKeyPair(),
    ]);
    const openingKey = await createOpeningKey(suite, {
      threshold: 2,
      holders: [
        { holderId: 'trading', encryptionPublicKeyPem: platform.publicKeyPem },
        { holderId: 'tenderer', encryptionPublicKeyPem: tenderer.publicKeyPem },
      ],
    });
    const share = openingKey.shares.find((s) => s.holderId === 'tenderer')!;
    return { suite, tenderer, stranger, share };
  }

  it('yields the share the platform recognises by its commitment', async () => {
    const { suite, tenderer, share } = await aTenderWithKeyholders();
    const result = await decryptHolderShare({
      suite: suiteId,
      share,
      holderPrivateKeyPem: tenderer.privateKeyPem,
    });
    if (!('share' in result)) throw new Error(`expected a share, got ${result.problem}`);
    expect(await shareCommitment(suite, { x: share.x, y: fromBase64(result.share) })).toBe(share.commitment);
  });

  it('says which file is wrong: another key, a public key, not a PEM file', async () => {
    const { tenderer, stranger, share } = await aTenderWithKeyholders();
    const tryKey = (holderPrivateKeyPem: string) =>
      decryptHolderShare({ suite: suiteId, share, holderPrivateKeyPem });
    expect(await tryKey(stranger.privateKeyPem)).toEqual({ problem: 'wrongKey' });
    expect(await tryKey(tenderer.publicKeyPem)).toEqual({ problem: 'notPrivateKey' });
    expect(await tryKey('not a key')).toEqual({ problem: 'notPem' });
  });
});
