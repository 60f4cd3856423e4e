import { createHash, generateKeyPairSync, randomBytes, type Hash } from 'node:crypto';
import { expectKeyType, readPrivateKeyPem, readPublicKeyPem } from '../portable/asymmetric-keys.ts';
import { CONTENT_KEY_LENGTH } from '../portable/segment-layout.ts';
import { sm2PublicPointOf, sm2SignDigest } from '../portable/sm2.ts';
import type { CryptoSuite, PemKeyPair, SignatureAlgorithm } from '../portable/suite.ts';
import { plainBytes } from './node-bytes.ts';
import { nodeGmSegmentCipher } from './node-segment-ciphers.ts';
import { nodeSm2Decrypt, nodeSm2Encrypt, nodeSm2VerifyDigest } from './node-sm2.ts';
import { cachedSm2Z } from './sm2-key-cache.ts';

/** An SM3 hash already fed with Z, so that the caller can stream M into it and get e = SM3(Z ‖ M). */
export function sm2SigningHash(publicPoint: Uint8Array): Hash {
  return createHash('sm3').update(cachedSm2Z(publicPoint));
}

function generateSm2KeyPair(): PemKeyPair {
  // OpenSSL writes the same PKCS#8 and SPKI as `openssl genpkey -algorithm SM2`: id-ecPublicKey + curve SM2.
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export const nodeGmSuite: CryptoSuite = {
  id: 'gm',
  hashAlgorithm: 'sm3',
  contentKeyLength: CONTENT_KEY_LENGTH,

  async hash(data) {
    return plainBytes(createHash('sm3').update(data).digest());
  },
  randomBytes(length) {
    return plainBytes(randomBytes(length));
  },

  async generateSigningKeyPair(algorithm?: SignatureAlgorithm) {
    if (algorithm && algorithm !== 'sm2-sm3')
      throw new Error(`the gm suite signs with SM2, not ${algorithm}`);
    return generateSm2KeyPair();
  },
  async generateEncryptionKeyPair() {
    return generateSm2KeyPair();
  },

  async sign(privateKeyPem, message) {
    const key = expectKeyType(readPrivateKeyPem(privateKeyPem), ['sm2'], 'gm');
    const point = key.point ?? sm2PublicPointOf(key.scalar);
    return sm2SignDigest(key.scalar, sm2SigningHash(point).update(message).digest());
  },
  async verify(publicKeyPem, message, signature) {
    const key = expectKeyType(readPublicKeyPem(publicKeyPem), ['sm2'], 'gm');
    return nodeSm2VerifyDigest(key.point, sm2SigningHash(key.point).update(message).digest(), signature);
  },

  async wrapKey(recipientPublicKeyPem, secret) {
    return nodeSm2Encrypt(
      expectKeyType(readPublicKeyPem(recipientPublicKeyPem), ['sm2'], 'gm').point,
      secret,
    );
  },
  async unwrapKey(recipientPrivateKeyPem, wrapped) {
    return nodeSm2Decrypt(
      expectKeyType(readPrivateKeyPem(recipientPrivateKeyPem), ['sm2'], 'gm').scalar,
      wrapped,
    );
  },

  async segmentCipher(contentKey, nonce) {
    return nodeGmSegmentCipher(contentKey, nonce);
  },
};
