import { sm3 } from 'sm-crypto-v2';
import {
  expectKeyType,
  readPrivateKeyPem,
  readPublicKeyPem,
  sm2PrivateKeyPem,
  sm2PublicKeyPem,
} from './asymmetric-keys.ts';
import { concatBytes, hexToBytes } from './bytes.ts';
import { CONTENT_KEY_LENGTH } from './segment-layout.ts';
import {
  generateSm2KeyMaterial,
  sm2Decrypt,
  sm2Encrypt,
  sm2PublicPointOf,
  sm2SignDigest,
  sm2VerifyDigest,
  sm2Z,
} from './sm2.ts';
import type { CryptoSuite, PemKeyPair, SignatureAlgorithm } from './suite.ts';
import { secureRandomBytes } from './secure-random.ts';
import { webGmSegmentCipher } from './web-segment-ciphers.ts';

function sm3Bytes(data: Uint8Array): Uint8Array {
  return hexToBytes(sm3(data));
}

function generateSm2KeyPair(): PemKeyPair {
  const { scalar, point } = generateSm2KeyMaterial();
  return { privateKeyPem: sm2PrivateKeyPem(scalar, point), publicKeyPem: sm2PublicKeyPem(point) };
}

/** SM2 / SM3 / SM4 in JavaScript (sm-crypto-v2), byte-compatible with the OpenSSL provider. */
export const webGmSuite: CryptoSuite = {
  id: 'gm',
  hashAlgorithm: 'sm3',
  contentKeyLength: CONTENT_KEY_LENGTH,

  async hash(data) {
    return sm3Bytes(data);
  },
  randomBytes: secureRandomBytes,

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
    return sm2SignDigest(key.scalar, sm3Bytes(concatBytes(sm2Z(point), message)));
  },
  async verify(publicKeyPem, message, signature) {
    const key = expectKeyType(readPublicKeyPem(publicKeyPem), ['sm2'], 'gm');
    return sm2VerifyDigest(key.point, sm3Bytes(concatBytes(sm2Z(key.point), message)), signature);
  },

  async wrapKey(recipientPublicKeyPem, secret) {
    return sm2Encrypt(expectKeyType(readPublicKeyPem(recipientPublicKeyPem), ['sm2'], 'gm').point, secret);
  },
  async unwrapKey(recipientPrivateKeyPem, wrapped) {
    return sm2Decrypt(
      expectKeyType(readPrivateKeyPem(recipientPrivateKeyPem), ['sm2'], 'gm').scalar,
      wrapped,
    );
  },

  async segmentCipher(contentKey, nonce) {
    return webGmSegmentCipher(contentKey, nonce);
  },
};
