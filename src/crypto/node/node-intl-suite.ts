import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { expectKeyType, readPrivateKeyPem, readPublicKeyPem } from '../portable/asymmetric-keys.ts';
import { concatBytes } from '../portable/bytes.ts';
import {
  INTL_UNWRAP_ERROR,
  INTL_WRAP_INFO,
  INTL_WRAP_NONCE_LENGTH,
  INTL_WRAP_TAG_LENGTH,
  splitIntlWrapped,
} from '../portable/key-wrap-layout.ts';
import { CONTENT_KEY_LENGTH } from '../portable/segment-layout.ts';
import type { CryptoSuite, PemKeyPair, SignatureAlgorithm } from '../portable/suite.ts';
import { plainBytes } from './node-bytes.ts';
import { nodeIntlSegmentCipher } from './node-segment-ciphers.ts';

function pemPair(pair: { privateKey: KeyObject; publicKey: KeyObject }): PemKeyPair {
  return {
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** 0x04 ‖ x ‖ y of a P-256 key, whatever form its SPKI used. */
function uncompressedPoint(key: KeyObject): Uint8Array {
  const { x, y } = key.export({ format: 'jwk' });
  return concatBytes(Uint8Array.of(0x04), Buffer.from(x!, 'base64url'), Buffer.from(y!, 'base64url'));
}

function wrapKeyFor(
  ephemeralPoint: Uint8Array,
  recipientPoint: Uint8Array,
  sharedSecret: Uint8Array,
): Buffer {
  const salt = concatBytes(ephemeralPoint, recipientPoint);
  return Buffer.from(hkdfSync('sha256', sharedSecret, salt, INTL_WRAP_INFO, 32));
}

export const nodeIntlSuite: CryptoSuite = {
  id: 'intl',
  hashAlgorithm: 'sha256',
  contentKeyLength: CONTENT_KEY_LENGTH,

  async hash(data) {
    return plainBytes(createHash('sha256').update(data).digest());
  },
  randomBytes(length) {
    return plainBytes(randomBytes(length));
  },

  async generateSigningKeyPair(algorithm: SignatureAlgorithm = 'ecdsa-p256-sha256') {
    if (algorithm === 'ed25519') return pemPair(generateKeyPairSync('ed25519'));
    if (algorithm === 'ecdsa-p256-sha256') return pemPair(generateKeyPairSync('ec', { namedCurve: 'P-256' }));
    throw new Error(`the intl suite signs with ECDSA P-256 or Ed25519, not ${algorithm}`);
  },
  async generateEncryptionKeyPair() {
    return pemPair(generateKeyPairSync('ec', { namedCurve: 'P-256' }));
  },

  async sign(privateKeyPem, message) {
    const { type } = expectKeyType(readPrivateKeyPem(privateKeyPem), ['p256', 'ed25519'], 'intl');
    // ECDSA comes out DER-encoded (Node's default dsaEncoding); Ed25519 as its raw 64 bytes.
    return plainBytes(sign(type === 'ed25519' ? null : 'sha256', message, createPrivateKey(privateKeyPem)));
  },
  async verify(publicKeyPem, message, signature) {
    const { type } = expectKeyType(readPublicKeyPem(publicKeyPem), ['p256', 'ed25519'], 'intl');
    try {
      return verify(type === 'ed25519' ? null : 'sha256', message, createPublicKey(publicKeyPem), signature);
    } catch {
      return false;
    }
  },

  async wrapKey(recipientPublicKeyPem, secret) {
    expectKeyType(readPublicKeyPem(recipientPublicKeyPem), ['p256'], 'intl');
    const recipient = createPublicKey(recipientPublicKeyPem);
    const ephemeral = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ephemeralPoint = uncompressedPoint(ephemeral.publicKey);
    const sharedSecret = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
    const nonce = randomBytes(INTL_WRAP_NONCE_LENGTH);
    const cipher = createCipheriv(
      'aes-256-gcm',
      wrapKeyFor(ephemeralPoint, uncompressedPoint(recipient), sharedSecret),
      nonce,
      {
        authTagLength: INTL_WRAP_TAG_LENGTH,
      },
    );
    return concatBytes(ephemeralPoint, nonce, cipher.update(secret), cipher.final(), cipher.getAuthTag());
  },
  async unwrapKey(recipientPrivateKeyPem, wrapped) {
    expectKeyType(readPrivateKeyPem(recipientPrivateKeyPem), ['p256'], 'intl');
    const { ephemeralPoint, nonce, sealed } = splitIntlWrapped(wrapped);
    const privateKey = createPrivateKey(recipientPrivateKeyPem);
    try {
      const ephemeral = createPublicKey({
        key: {
          kty: 'EC',
          crv: 'P-256',
          x: Buffer.from(ephemeralPoint.subarray(1, 33)).toString('base64url'),
          y: Buffer.from(ephemeralPoint.subarray(33)).toString('base64url'),
        },
        format: 'jwk',
      });
      const sharedSecret = diffieHellman({ privateKey, publicKey: ephemeral });
      const key = wrapKeyFor(ephemeralPoint, uncompressedPoint(createPublicKey(privateKey)), sharedSecret);
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: INTL_WRAP_TAG_LENGTH });
      decipher.setAuthTag(sealed.subarray(sealed.length - INTL_WRAP_TAG_LENGTH));
      const secret = decipher.update(sealed.subarray(0, sealed.length - INTL_WRAP_TAG_LENGTH));
      return plainBytes(Buffer.concat([secret, decipher.final()]));
    } catch {
      throw new Error(INTL_UNWRAP_ERROR);
    }
  },

  async segmentCipher(contentKey, nonce) {
    return nodeIntlSegmentCipher(contentKey, nonce);
  },
};
