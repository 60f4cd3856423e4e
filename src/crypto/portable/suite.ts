/**
 * The cipher-suite seam. Everything above it (envelopes, threshold keys, certificates, receipts) is
 * written once against `CryptoSuite`; two providers implement it: `../node/node-suites.ts`
 * (OpenSSL through node:crypto, fast, server and CLI) and `./web-suites.ts` (WebCrypto and
 * sm-crypto-v2, for the browser). Both must produce byte-for-byte interoperable output.
 *
 * This folder is browser-safe: it imports no node: module (a dependency rule enforces it).
 */

/** `gm`: SM2 / SM3 / SM4 (GM/T 0003, 0004, 0002). `intl`: ECDSA P-256 or Ed25519, ECDH P-256 + HKDF, AES-256-GCM, SHA-256. */
export type SuiteId = 'gm' | 'intl';
export const SUITE_IDS = ['gm', 'intl'] as const satisfies readonly SuiteId[];

export type HashAlgorithm = 'sm3' | 'sha256';

/** Signature algorithms. SM2 always signs SM3(Z ‖ M) with the default ID 1234567812345678 (GM/T 0009). */
export type SignatureAlgorithm = 'sm2-sm3' | 'ecdsa-p256-sha256' | 'ed25519';

/** A key pair as PEM text: PKCS#8 private key, SPKI public key. */
export interface PemKeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

export interface CryptoSuite {
  readonly id: SuiteId;
  readonly hashAlgorithm: HashAlgorithm;
  /** Length in bytes of the content key `segmentCipher` takes. */
  readonly contentKeyLength: number;

  hash(data: Uint8Array): Promise<Uint8Array>;
  randomBytes(length: number): Uint8Array;

  /** Signing key: SM2 (gm); ECDSA P-256 by default or Ed25519 (intl). */
  generateSigningKeyPair(algorithm?: SignatureAlgorithm): Promise<PemKeyPair>;
  /** Encryption (key-agreement) key: SM2 (gm), ECDH P-256 (intl). */
  generateEncryptionKeyPair(): Promise<PemKeyPair>;

  /** DER-encoded signature (SM2, ECDSA) or the raw 64 bytes (Ed25519). The algorithm follows from the key. */
  sign(privateKeyPem: string, message: Uint8Array): Promise<Uint8Array>;
  verify(publicKeyPem: string, message: Uint8Array, signature: Uint8Array): Promise<boolean>;

  /** Encrypts a short secret (a content key, a key share) to a recipient's encryption public key. */
  wrapKey(recipientPublicKeyPem: string, secret: Uint8Array): Promise<Uint8Array>;
  /** Inverse of `wrapKey`; throws if the wrapped bytes were not made for this key or were altered. */
  unwrapKey(recipientPrivateKeyPem: string, wrapped: Uint8Array): Promise<Uint8Array>;

  /** Authenticated encryption of one envelope segment under a content key. */
  segmentCipher(contentKey: Uint8Array, nonce: Uint8Array): Promise<SegmentCipher>;
}

/**
 * Seals and opens the segments of one envelope. `index` and `final` are bound into each segment's
 * authentication, so reordering, dropping or truncating segments fails to open.
 */
export interface SegmentCipher {
  seal(index: number, final: boolean, plaintext: Uint8Array, associatedData: Uint8Array): Promise<Uint8Array>;
  /**
   * `seal` that also returns the suite hash of the sealed bytes, computed in the pass the cipher makes
   * anyway (gm hashes the ciphertext for its MAC), and hands the sealed bytes over in pieces
   * (ciphertext, tag) to be written one after the other, which saves copying each segment once more.
   */
  sealWithDigest?(
    index: number,
    final: boolean,
    plaintext: Uint8Array,
    associatedData: Uint8Array,
  ): Promise<{ sealed: readonly Uint8Array[]; digest: Uint8Array }>;
  /** `open` that also returns the suite hash of `sealed`, computed in the same pass. */
  openWithDigest?(
    index: number,
    final: boolean,
    sealed: Uint8Array,
    associatedData: Uint8Array,
  ): Promise<{ plaintext: Uint8Array; digest: Uint8Array }>;
  /** Throws `SegmentAuthenticationError` when the segment does not authenticate. */
  open(index: number, final: boolean, sealed: Uint8Array, associatedData: Uint8Array): Promise<Uint8Array>;
}

export class SegmentAuthenticationError extends Error {
  constructor(readonly index: number) {
    super(`segment ${index} does not authenticate`);
    this.name = 'SegmentAuthenticationError';
  }
}
