import { derToPem, pemToDer } from '../x509/pem.ts';
import { constantTimeEqual } from './bytes.ts';
import { toBase64, fromBase64 } from './envelope/binary.ts';
import { keyIdOf } from './envelope/key-id.ts';
import { combineShares, type Share, splitSecret } from './shamir.ts';
import { shareCommitment } from './share-commitment.ts';
import type { CryptoSuite, SuiteId } from './suite.ts';

/**
 * The tender's threshold opening key (issue 4 item 3). The key pair is generated on the tenderer's
 * side; the PKCS#8 DER of its private key is split k-of-n with Shamir over GF(256), each share is
 * wrapped to its holder's encryption key, and the private key is dropped. Sharing the whole PKCS#8
 * rather than the bare scalar means the reassembled bytes are a key both providers load as they are.
 */
export interface OpeningKeyPackage {
  readonly format: 'zhaocai-opening-key';
  readonly version: 1;
  readonly suite: SuiteId;
  readonly publicKeyPem: string;
  /** Hex suite hash of the opening public key's SPKI DER, as envelopes name it. */
  readonly keyId: string;
  readonly threshold: number;
  readonly shares: readonly EncryptedShare[];
}

export interface EncryptedShare {
  readonly holderId: string;
  /** Who the holder is, for people: 招标人, 交易平台, 行政监督部门 … */
  readonly holderName: string;
  /** Key id of the holder's encryption key the share is wrapped to. */
  readonly holderKeyId: string;
  /** Shamir x coordinate, 1..255. */
  readonly x: number;
  /** base64 of `wrapKey(holder key, y)`. */
  readonly encryptedShare: string;
  /** `shareCommitment(x, y)`: lets the platform recognise the genuine share after the deadline. */
  readonly commitment: string;
}

export interface OpeningKeyHolder {
  readonly holderId: string;
  /** Defaults to the holder id. */
  readonly holderName?: string;
  readonly encryptionPublicKeyPem: string;
}

export async function createOpeningKey(
  suite: CryptoSuite,
  options: { readonly threshold: number; readonly holders: readonly OpeningKeyHolder[] },
): Promise<OpeningKeyPackage> {
  const { threshold, holders } = options;
  if (new Set(holders.map((h) => h.holderId)).size !== holders.length) {
    throw new Error('each opening-key holder must appear once');
  }
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > holders.length) {
    throw new Error(
      `the threshold must be between 2 and the number of holders (${holders.length}), not ${threshold}`,
    );
  }
  const keyPair = await suite.generateEncryptionKeyPair();
  const shares = splitSecret(pemToDer(keyPair.privateKeyPem, 'PRIVATE KEY'), threshold, holders.length);
  return {
    format: 'zhaocai-opening-key',
    version: 1,
    suite: suite.id,
    publicKeyPem: keyPair.publicKeyPem,
    keyId: await keyIdOf(suite, keyPair.publicKeyPem),
    threshold,
    shares: await Promise.all(
      holders.map(async (holder, i) => ({
        holderId: holder.holderId,
        holderName: holder.holderName ?? holder.holderId,
        holderKeyId: await keyIdOf(suite, holder.encryptionPublicKeyPem),
        x: shares[i]!.x,
        encryptedShare: toBase64(await suite.wrapKey(holder.encryptionPublicKeyPem, shares[i]!.y)),
        commitment: await shareCommitment(suite, shares[i]!),
      })),
    ),
  };
}

/** A holder decrypts their share with their encryption private key. */
export async function decryptShare(
  suite: CryptoSuite,
  share: EncryptedShare,
  holderPrivateKeyPem: string,
): Promise<Share> {
  try {
    return { x: share.x, y: await suite.unwrapKey(holderPrivateKeyPem, fromBase64(share.encryptedShare)) };
  } catch {
    throw new Error(`this key does not decrypt the share of ${share.holderId}`);
  }
}

/**
 * Reassembles the opening private key from decrypted shares and proves it matches the public key
 * by a wrap/unwrap round trip, since fewer than k shares give a wrong key, not an error.
 */
export async function combineOpeningKey(
  suite: CryptoSuite,
  openingKey: Pick<OpeningKeyPackage, 'publicKeyPem' | 'threshold'>,
  shares: readonly Share[],
): Promise<string> {
  if (new Set(shares.map((s) => s.x)).size !== shares.length)
    throw new Error('the same share was given twice');
  const shortfall = `the shares do not reassemble the opening key (${shares.length} given, ${openingKey.threshold} needed, all from this tender)`;
  if (shares.length === 0) throw new Error(shortfall);
  const privateKeyPem = derToPem(combineShares(shares), 'PRIVATE KEY');
  const probe = suite.randomBytes(32);
  const roundTrip = await suite
    .wrapKey(openingKey.publicKeyPem, probe)
    .then((wrapped) => suite.unwrapKey(privateKeyPem, wrapped))
    .catch(() => undefined);
  if (!roundTrip || !constantTimeEqual(roundTrip, probe)) throw new Error(shortfall);
  return privateKeyPem;
}
