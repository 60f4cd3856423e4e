import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createECDH,
  createPublicKey,
  ECDH,
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

/*
 * Keys are read from PEM by the DER walker and handed to OpenSSL as JWK or raw points: OpenSSL 3's
 * PEM/DER decoders take 110–360 µs a key, five times the JWK import, and an envelope needs several
 * keys. The P-256 key agreement runs on `ECDH` objects over raw points, which skips key objects
 * altogether; `computeSecret` still rejects a point that is not on the curve.
 */
const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** 0x04 ‖ x ‖ y, whatever form the key's SPKI used. */
function uncompressedP256(point: Uint8Array): Uint8Array {
  return point[0] === 0x04
    ? point
    : plainBytes(ECDH.convertKey(point, 'prime256v1', undefined, undefined, 'uncompressed') as Buffer);
}

function publicKeyObject(publicKeyPem: string): { key: KeyObject; type: 'p256' | 'ed25519' } {
  const info = expectKeyType(readPublicKeyPem(publicKeyPem), ['p256', 'ed25519'], 'intl');
  if (info.type === 'ed25519') return { key: createPublicKey(publicKeyPem), type: info.type };
  const point = uncompressedP256(info.point);
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: base64url(point.subarray(1, 33)),
    y: base64url(point.subarray(33)),
  };
  return { key: createPublicKey({ key: jwk, format: 'jwk' }), type: info.type };
}

function privateKeyObject(privateKeyPem: string): { key: KeyObject; type: 'p256' | 'ed25519' } {
  const info = expectKeyType(readPrivateKeyPem(privateKeyPem), ['p256', 'ed25519'], 'intl');
  if (info.type === 'ed25519') return { key: createPrivateKey(privateKeyPem), type: info.type };
  // The public point is recomputed from the scalar, never taken from the file.
  const point = p256Agreement(info.scalar).getPublicKey();
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    d: base64url(info.scalar),
    x: base64url(point.subarray(1, 33)),
    y: base64url(point.subarray(33)),
  };
  return { key: createPrivateKey({ key: jwk, format: 'jwk' }), type: info.type };
}

function p256Agreement(scalar?: Uint8Array): ECDH {
  const ecdh = createECDH('prime256v1');
  if (scalar) ecdh.setPrivateKey(scalar);
  else ecdh.generateKeys();
  return ecdh;
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
    const { key, type } = privateKeyObject(privateKeyPem);
    // ECDSA comes out DER-encoded (Node's default dsaEncoding); Ed25519 as its raw 64 bytes.
    return plainBytes(sign(type === 'ed25519' ? null : 'sha256', message, key));
  },
  async verify(publicKeyPem, message, signature) {
    const { key, type } = publicKeyObject(publicKeyPem);
    try {
      return verify(type === 'ed25519' ? null : 'sha256', message, key, signature);
    } catch {
      return false;
    }
  },

  async wrapKey(recipientPublicKeyPem, secret) {
    const recipientPoint = uncompressedP256(
      expectKeyType(readPublicKeyPem(recipientPublicKeyPem), ['p256'], 'intl').point,
    );
    const ephemeral = p256Agreement();
    const ephemeralPoint = plainBytes(ephemeral.getPublicKey());
    const sharedSecret = ephemeral.computeSecret(recipientPoint);
    const nonce = randomBytes(INTL_WRAP_NONCE_LENGTH);
    const cipher = createCipheriv(
      'aes-256-gcm',
      wrapKeyFor(ephemeralPoint, recipientPoint, sharedSecret),
      nonce,
      {
        authTagLength: INTL_WRAP_TAG_LENGTH,
      },
    );
    return concatBytes(ephemeralPoint, nonce, cipher.update(secret), cipher.final(), cipher.getAuthTag());
  },
  async unwrapKey(recipientPrivateKeyPem, wrapped) {
    const { scalar } = expectKeyType(readPrivateKeyPem(recipientPrivateKeyPem), ['p256'], 'intl');
    const { ephemeralPoint, nonce, sealed } = splitIntlWrapped(wrapped);
    try {
      const recipient = p256Agreement(scalar);
      const sharedSecret = recipient.computeSecret(ephemeralPoint);
      const key = wrapKeyFor(ephemeralPoint, recipient.getPublicKey(), sharedSecret);
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
