import { bitStringBytes, derChildren, DER_TAG, expectTag, readDer, type DerElement } from './der.ts';
import { bytesToHex, concatBytes, hexToBytes } from './bytes.ts';
import { derToPem, pemToDer } from '../x509/pem.ts';

/** The key types the suites use: SM2 (gm), P-256 and Ed25519 (intl). */
export type KeyType = 'sm2' | 'p256' | 'ed25519';

export type PublicKeyInfo =
  | { readonly type: 'sm2' | 'p256'; /** SEC 1 point, usually 0x04 ‖ x ‖ y */ readonly point: Uint8Array }
  | { readonly type: 'ed25519'; readonly raw: Uint8Array };

export type PrivateKeyInfo =
  | {
      readonly type: 'sm2' | 'p256';
      /** 32-byte big-endian scalar. */
      readonly scalar: Uint8Array;
      /** The public point when the PKCS#8 carries it (OpenSSL and WebCrypto always write it). */
      readonly point: Uint8Array | undefined;
    }
  | { readonly type: 'ed25519'; readonly seed: Uint8Array };

// Object identifiers as the hex of their DER contents.
const OID = {
  ecPublicKey: '2a8648ce3d0201', // 1.2.840.10045.2.1
  prime256v1: '2a8648ce3d030107', // 1.2.840.10045.3.1.7
  sm2: '2a811ccf5501822d', // 1.2.156.10197.1.301, also used by some tools as the algorithm itself
  ed25519: '2b6570', // 1.3.101.112
} as const;

function keyTypeOf(algorithm: DerElement): KeyType {
  const [oid, parameters] = derChildren(expectTag(algorithm, DER_TAG.sequence));
  const algorithmOid = bytesToHex(expectTag(oid, DER_TAG.objectIdentifier).contents);
  if (algorithmOid === OID.ed25519) return 'ed25519';
  if (algorithmOid === OID.sm2) return 'sm2';
  if (algorithmOid === OID.ecPublicKey && parameters?.tag === DER_TAG.objectIdentifier) {
    const curve = bytesToHex(parameters.contents);
    if (curve === OID.sm2) return 'sm2';
    if (curve === OID.prime256v1) return 'p256';
  }
  throw new Error('unsupported key: expected an SM2, P-256 or Ed25519 key');
}

/** Reads an SPKI (`-----BEGIN PUBLIC KEY-----`) PEM. */
export function readPublicKeyPem(pem: string): PublicKeyInfo {
  return readPublicKeyDer(pemToDer(pem, 'PUBLIC KEY'));
}

export function readPublicKeyDer(der: Uint8Array): PublicKeyInfo {
  const [algorithm, key] = derChildren(readDer(der, DER_TAG.sequence));
  const type = keyTypeOf(algorithm!);
  const bytes = bitStringBytes(expectTag(key, DER_TAG.bitString));
  return type === 'ed25519' ? { type, raw: bytes } : { type, point: bytes };
}

/** Reads a PKCS#8 (`-----BEGIN PRIVATE KEY-----`) PEM. */
export function readPrivateKeyPem(pem: string): PrivateKeyInfo {
  const [, algorithm, key] = derChildren(readDer(pemToDer(pem, 'PRIVATE KEY'), DER_TAG.sequence));
  const type = keyTypeOf(algorithm!);
  const inner = expectTag(key, DER_TAG.octetString).contents;
  if (type === 'ed25519') return { type, seed: readDer(inner, DER_TAG.octetString).contents };
  // ECPrivateKey (RFC 5915): version, privateKey, [0] parameters OPTIONAL, [1] publicKey OPTIONAL.
  const [, privateKey, ...optional] = derChildren(readDer(inner, DER_TAG.sequence));
  const scalar = leftPad32(expectTag(privateKey, DER_TAG.octetString).contents);
  const publicKey = optional.find((element) => element.tag === DER_TAG.contextConstructed1);
  const point = publicKey ? bitStringBytes(readDer(publicKey.contents, DER_TAG.bitString)) : undefined;
  return { type, scalar, point };
}

/**
 * Whether a private key belongs to a public key, judged by the public point its PKCS#8 carries (OpenSSL
 * and WebCrypto always write it); `undefined` when the file has none (Ed25519 usually), or the point is
 * in another form, and only a signature can tell. A quick check for the key holder's own files, not a
 * proof: a crafted file could carry any point.
 */
export function privateKeyClaimsPublicKey(privateKeyPem: string, publicKeyPem: string): boolean | undefined {
  const privateKey = readPrivateKeyPem(privateKeyPem);
  const publicKey = readPublicKeyPem(publicKeyPem);
  if (privateKey.type !== publicKey.type) return false;
  if (privateKey.type === 'ed25519' || publicKey.type === 'ed25519' || !privateKey.point) return undefined;
  if (privateKey.point[0] !== 0x04 || publicKey.point[0] !== 0x04) return undefined;
  return bytesToHex(privateKey.point) === bytesToHex(publicKey.point);
}

function leftPad32(scalar: Uint8Array): Uint8Array {
  if (scalar.length > 32) throw new Error('EC private key longer than 32 bytes');
  return scalar.length === 32 ? scalar : concatBytes(new Uint8Array(32 - scalar.length), scalar);
}

// The fixed DER around an SM2 key, byte for byte what `openssl genpkey -algorithm SM2` writes.
const SM2_ALGORITHM = '301306072a8648ce3d020106082a811ccf5501822d';
const SM2_SPKI_PREFIX = `3059${SM2_ALGORITHM}034200`;
const SM2_PKCS8_PREFIX = `308187020100${SM2_ALGORITHM}046d306b0201010420`;
const SM2_PKCS8_PUBLIC_KEY = 'a144034200';

export function sm2PublicKeyPem(point: Uint8Array): string {
  if (point.length !== 65 || point[0] !== 0x04)
    throw new Error('SM2 public key must be an uncompressed point');
  return derToPem(concatBytes(hexToBytes(SM2_SPKI_PREFIX), point), 'PUBLIC KEY');
}

export function sm2PrivateKeyPem(scalar: Uint8Array, point: Uint8Array): string {
  if (scalar.length !== 32) throw new Error('SM2 private key must be 32 bytes');
  if (point.length !== 65 || point[0] !== 0x04)
    throw new Error('SM2 public key must be an uncompressed point');
  return derToPem(
    concatBytes(hexToBytes(SM2_PKCS8_PREFIX), scalar, hexToBytes(SM2_PKCS8_PUBLIC_KEY), point),
    'PRIVATE KEY',
  );
}

const KEY_NAMES: Record<KeyType, string> = { sm2: 'SM2', p256: 'ECDSA/ECDH P-256', ed25519: 'Ed25519' };

/** Throws a message naming both key types when a suite is handed a key it does not use. */
export function expectKeyType<T extends { readonly type: KeyType }, K extends KeyType>(
  key: T,
  expected: readonly K[],
  suite: string,
): T & { readonly type: K } {
  if (!(expected as readonly KeyType[]).includes(key.type)) {
    const names = expected.map((type) => KEY_NAMES[type]).join(' or ');
    throw new Error(`the ${suite} suite needs an ${names} key, got ${KEY_NAMES[key.type]}`);
  }
  return key as T & { readonly type: K };
}
