import { expectKeyType, readPrivateKeyPem, readPublicKeyPem } from './asymmetric-keys.ts';
import { base64UrlToBytes, bufferSource, concatBytes } from './bytes.ts';
import { derToP1363, p1363ToDer } from './ecdsa-signature-encoding.ts';
import {
  INTL_UNWRAP_ERROR,
  INTL_WRAP_INFO,
  INTL_WRAP_NONCE_LENGTH,
  INTL_WRAP_TAG_LENGTH,
  splitIntlWrapped,
} from './key-wrap-layout.ts';
import { CONTENT_KEY_LENGTH } from './segment-layout.ts';
import type { CryptoSuite, PemKeyPair, SignatureAlgorithm } from './suite.ts';
import { derToPem, pemToDer } from '../x509/pem.ts';
import { secureRandomBytes } from './secure-random.ts';
import { webIntlSegmentCipher } from './web-segment-ciphers.ts';

const subtle = () => globalThis.crypto.subtle;
type Subtle = ReturnType<typeof subtle>;
type WebKey = Awaited<ReturnType<Subtle['importKey']>>;
type KeyUsages = Parameters<Subtle['importKey']>[4];
type WebKeyPair = { privateKey: WebKey; publicKey: WebKey };

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const ED25519 = { name: 'Ed25519' } as const;

async function exportPemPair(pair: WebKeyPair): Promise<PemKeyPair> {
  const [pkcs8, spki] = await Promise.all([
    subtle().exportKey('pkcs8', pair.privateKey),
    subtle().exportKey('spki', pair.publicKey),
  ]);
  return {
    privateKeyPem: derToPem(new Uint8Array(pkcs8), 'PRIVATE KEY'),
    publicKeyPem: derToPem(new Uint8Array(spki), 'PUBLIC KEY'),
  };
}

async function generatePair(algorithm: typeof ECDSA | typeof ECDH | typeof ED25519, usages: KeyUsages) {
  const pair = (await subtle().generateKey(algorithm, true, usages)) as WebKeyPair;
  return exportPemPair(pair);
}

function importPublic(
  pem: string,
  algorithm: typeof ECDSA | typeof ECDH | typeof ED25519,
  usages: KeyUsages,
) {
  return subtle().importKey('spki', bufferSource(pemToDer(pem, 'PUBLIC KEY')), algorithm, true, usages);
}

function importPrivate(
  pem: string,
  algorithm: typeof ECDSA | typeof ECDH | typeof ED25519,
  usages: KeyUsages,
) {
  return subtle().importKey('pkcs8', bufferSource(pemToDer(pem, 'PRIVATE KEY')), algorithm, true, usages);
}

async function aesKeyFor(ephemeralPoint: Uint8Array, recipientPoint: Uint8Array, sharedSecret: ArrayBuffer) {
  const secret = await subtle().importKey('raw', sharedSecret, 'HKDF', false, ['deriveBits']);
  const keyBytes = await subtle().deriveBits(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: bufferSource(concatBytes(ephemeralPoint, recipientPoint)),
      info: bufferSource(INTL_WRAP_INFO),
    },
    secret,
    256,
  );
  return subtle().importKey('raw', keyBytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** ECDSA P-256 / Ed25519, ECDH P-256 + HKDF, AES-256-GCM, SHA-256 through WebCrypto. */
export const webIntlSuite: CryptoSuite = {
  id: 'intl',
  hashAlgorithm: 'sha256',
  contentKeyLength: CONTENT_KEY_LENGTH,

  async hash(data) {
    return new Uint8Array(await subtle().digest('SHA-256', bufferSource(data)));
  },
  randomBytes: secureRandomBytes,

  async generateSigningKeyPair(algorithm: SignatureAlgorithm = 'ecdsa-p256-sha256') {
    if (algorithm === 'ed25519') return generatePair(ED25519, ['sign', 'verify']);
    if (algorithm === 'ecdsa-p256-sha256') return generatePair(ECDSA, ['sign', 'verify']);
    throw new Error(`the intl suite signs with ECDSA P-256 or Ed25519, not ${algorithm}`);
  },
  async generateEncryptionKeyPair() {
    return generatePair(ECDH, ['deriveBits']);
  },

  async sign(privateKeyPem, message) {
    const { type } = expectKeyType(readPrivateKeyPem(privateKeyPem), ['p256', 'ed25519'], 'intl');
    if (type === 'ed25519') {
      const key = await importPrivate(privateKeyPem, ED25519, ['sign']);
      return new Uint8Array(await subtle().sign(ED25519, key, bufferSource(message)));
    }
    const key = await importPrivate(privateKeyPem, ECDSA, ['sign']);
    const signature = await subtle().sign({ name: 'ECDSA', hash: 'SHA-256' }, key, bufferSource(message));
    return p1363ToDer(new Uint8Array(signature));
  },
  async verify(publicKeyPem, message, signature) {
    const { type } = expectKeyType(readPublicKeyPem(publicKeyPem), ['p256', 'ed25519'], 'intl');
    if (type === 'ed25519') {
      const key = await importPublic(publicKeyPem, ED25519, ['verify']);
      return subtle().verify(ED25519, key, bufferSource(signature), bufferSource(message));
    }
    const rawSignature = derToP1363(signature);
    if (!rawSignature) return false;
    const key = await importPublic(publicKeyPem, ECDSA, ['verify']);
    return subtle().verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      bufferSource(rawSignature),
      bufferSource(message),
    );
  },

  async wrapKey(recipientPublicKeyPem, secret) {
    expectKeyType(readPublicKeyPem(recipientPublicKeyPem), ['p256'], 'intl');
    const recipient = await importPublic(recipientPublicKeyPem, ECDH, []);
    const ephemeral = (await subtle().generateKey(ECDH, true, ['deriveBits'])) as {
      privateKey: WebKey;
      publicKey: WebKey;
    };
    const ephemeralPoint = new Uint8Array(await subtle().exportKey('raw', ephemeral.publicKey));
    const recipientPoint = new Uint8Array(await subtle().exportKey('raw', recipient));
    const sharedSecret = await subtle().deriveBits(
      { name: 'ECDH', public: recipient },
      ephemeral.privateKey,
      256,
    );
    const key = await aesKeyFor(ephemeralPoint, recipientPoint, sharedSecret);
    const nonce = secureRandomBytes(INTL_WRAP_NONCE_LENGTH);
    const sealed = await subtle().encrypt(
      { name: 'AES-GCM', iv: bufferSource(nonce), tagLength: INTL_WRAP_TAG_LENGTH * 8 },
      key,
      bufferSource(secret),
    );
    return concatBytes(ephemeralPoint, nonce, new Uint8Array(sealed));
  },
  async unwrapKey(recipientPrivateKeyPem, wrapped) {
    expectKeyType(readPrivateKeyPem(recipientPrivateKeyPem), ['p256'], 'intl');
    const { ephemeralPoint, nonce, sealed } = splitIntlWrapped(wrapped);
    const privateKey = await importPrivate(recipientPrivateKeyPem, ECDH, ['deriveBits']);
    // The recipient's own point enters the HKDF salt; the private JWK carries it.
    const { x, y } = await subtle().exportKey('jwk', privateKey);
    const recipientPoint = concatBytes(Uint8Array.of(0x04), base64UrlToBytes(x!), base64UrlToBytes(y!));
    try {
      const ephemeral = await subtle().importKey('raw', bufferSource(ephemeralPoint), ECDH, false, []);
      const sharedSecret = await subtle().deriveBits({ name: 'ECDH', public: ephemeral }, privateKey, 256);
      const key = await aesKeyFor(ephemeralPoint, recipientPoint, sharedSecret);
      const secret = await subtle().decrypt(
        { name: 'AES-GCM', iv: bufferSource(nonce), tagLength: INTL_WRAP_TAG_LENGTH * 8 },
        key,
        bufferSource(sealed),
      );
      return new Uint8Array(secret);
    } catch {
      throw new Error(INTL_UNWRAP_ERROR);
    }
  },

  async segmentCipher(contentKey, nonce) {
    return webIntlSegmentCipher(contentKey, nonce);
  },
};
