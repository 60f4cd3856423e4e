import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../../src/crypto/node/node-suites.ts';
import { openEnvelope } from '../../../src/crypto/portable/envelope/open-envelope.ts';
import { sealEnvelope } from '../../../src/crypto/portable/envelope/seal-envelope.ts';
import {
  type OpeningKeyPackage,
  combineOpeningKey,
  createOpeningKey,
  decryptShare,
} from '../../../src/crypto/portable/opening-key.ts';
import { pemToDer } from '../../../src/crypto/x509/pem.ts';
import { type Share, combineShares } from '../../../src/crypto/portable/shamir.ts';
import { type PemKeyPair, SUITE_IDS } from '../../../src/crypto/portable/suite.ts';
import { webSuite } from '../../../src/crypto/portable/web-suites.ts';
import { aTender, chunked, collect, sealOptions } from './envelope-fixtures.ts';

const HOLDERS = ['tenderer', 'trading-platform', 'supervision-platform', 'hub'];

describe.each(SUITE_IDS)(
  'threshold opening key, suite %s (created by node, shares decrypted by web)',
  (suiteId) => {
    let holderKeys: PemKeyPair[];
    let created: OpeningKeyPackage;
    let shares: Share[];
    beforeAll(async () => {
      holderKeys = await Promise.all(HOLDERS.map(() => nodeSuite(suiteId).generateEncryptionKeyPair()));
      created = await createOpeningKey(nodeSuite(suiteId), {
        threshold: 3,
        holders: HOLDERS.map((holderId, i) => ({
          holderId,
          encryptionPublicKeyPem: holderKeys[i]!.publicKeyPem,
        })),
      });
      shares = await Promise.all(
        created.shares.map((share, i) =>
          decryptShare(webSuite(suiteId), share, holderKeys[i]!.privateKeyPem),
        ),
      );
    });

    it('packages the public key and one encrypted share per holder, and no private key', () => {
      expect(created).toMatchObject({ format: 'zhaocai-opening-key', suite: suiteId, threshold: 3 });
      expect(created.shares.map((s) => s.holderId)).toEqual(HOLDERS);
      expect(JSON.stringify(created)).not.toMatch(/PRIVATE KEY/);
    });

    it('any k shares reassemble a key that opens the bids; k − 1 cannot', async () => {
      const tender = await aTender(suiteId);
      const plaintext = crypto.getRandomValues(new Uint8Array(9000));
      const options = sealOptions(tender, plaintext, { openingPublicKeyPem: created.publicKeyPem });
      const envelope = await collect(sealEnvelope(nodeSuite(suiteId), options));

      for (const chosen of [
        [0, 1, 2],
        [1, 2, 3],
        [3, 0, 2],
      ]) {
        const privateKeyPem = await combineOpeningKey(
          nodeSuite(suiteId),
          created,
          chosen.map((i) => shares[i]!),
        );
        const key = { recipientPrivateKeyPem: privateKeyPem, role: 'opening' as const };
        expect(await collect(openEnvelope(webSuite(suiteId), chunked(envelope, 4096), key))).toEqual(
          plaintext,
        );
      }

      for (const chosen of [[0, 1], [2, 3], [1]]) {
        await expect(
          combineOpeningKey(
            nodeSuite(suiteId),
            created,
            chosen.map((i) => shares[i]!),
          ),
        ).rejects.toThrow(
          `the shares do not reassemble the opening key (${chosen.length} given, 3 needed, all from this tender)`,
        );
      }
    });

    it('k − 1 shares yield bytes unrelated to the key', async () => {
      const full = combineShares(shares.slice(0, 3));
      const short = combineShares(shares.slice(0, 2));
      expect(short).not.toEqual(full);
      expect(full.length).toBe(
        pemToDer(await combineOpeningKey(nodeSuite(suiteId), created, shares), 'PRIVATE KEY').length,
      );
    });

    it("refuses another holder's key, a repeated share and a bad threshold", async () => {
      await expect(
        decryptShare(nodeSuite(suiteId), created.shares[0]!, holderKeys[1]!.privateKeyPem),
      ).rejects.toThrow('this key does not decrypt the share of tenderer');
      await expect(
        combineOpeningKey(nodeSuite(suiteId), created, [shares[0]!, shares[0]!, shares[1]!]),
      ).rejects.toThrow('the same share was given twice');
      const holders = [{ holderId: 'a', encryptionPublicKeyPem: holderKeys[0]!.publicKeyPem }];
      await expect(createOpeningKey(nodeSuite(suiteId), { threshold: 2, holders })).rejects.toThrow(
        'the threshold must be between 2 and the number of holders (1), not 2',
      );
    });
  },
);
