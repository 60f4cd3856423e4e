/**
 * The Node gm suite's native-assisted SM2 (OpenSSL multiplies, y is recovered exactly) against sm-crypto-v2,
 * the reference and the browser's implementation: the same bytes must open, verify and fail on both sides.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kdf, sm2, sm3 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { sm2SigningHash } from '../../src/crypto/node/node-gm-suite.ts';
import {
  nodeSm2Decrypt,
  nodeSm2Encrypt,
  nodeSm2VerifyDigest,
  recoverY,
} from '../../src/crypto/node/node-sm2.ts';
import { readPublicKeyPem } from '../../src/crypto/portable/asymmetric-keys.ts';
import { bytesToHex, concatBytes, hexToBytes } from '../../src/crypto/portable/bytes.ts';
import { derChildren, readDer } from '../../src/crypto/portable/der.ts';
import {
  generateSm2KeyMaterial,
  sm2Decrypt,
  sm2Encrypt,
  sm2PublicPointOf,
  sm2SignDigest,
  sm2VerifyDigest,
} from '../../src/crypto/portable/sm2.ts';
import { openssl, scratchDirectory, SM2_OPENSSL } from './primitives/openssl-cli.ts';

const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const UNWRAP_ERROR = 'wrapped key does not open with this SM2 private key (altered, or made for another key)';

const toBigint = (bytes: Uint8Array) => BigInt(`0x${bytesToHex(bytes)}`);
const to32Bytes = (value: bigint) => hexToBytes(value.toString(16).padStart(64, '0'));
const uncompressed = (x: bigint, y: bigint) => concatBytes(Uint8Array.of(0x04), to32Bytes(x), to32Bytes(y));
const coordinates = (point: Uint8Array) => ({
  x: toBigint(point.subarray(1, 33)),
  y: toBigint(point.subarray(33)),
});

function flipByte(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index]! ^= 0x01;
  return copy;
}

function powMod(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  for (base %= modulus; exponent > 0n; exponent >>= 1n, base = (base * base) % modulus)
    if (exponent & 1n) result = (result * base) % modulus;
  return result;
}

/** A DER INTEGER's contents for a non-negative value, minimal unless told to pad. */
function integerContents(value: bigint, pad = false): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  if (pad) hex = `00${hex}`;
  return hexToBytes(hex);
}

function signatureDer(r: bigint, s: bigint, { padR = false } = {}): Uint8Array {
  const [rContents, sContents] = [integerContents(r, padR), integerContents(s)];
  const body = concatBytes(
    Uint8Array.of(0x02, rContents.length),
    rContents,
    Uint8Array.of(0x02, sContents.length),
    sContents,
  );
  return concatBytes(Uint8Array.of(0x30, body.length), body);
}

function readSignature(signature: Uint8Array): { r: bigint; s: bigint } {
  const [r, s] = derChildren(readDer(signature, 0x30)).map((part) => toBigint(part.contents));
  return { r: r!, s: s! };
}

describe('native-assisted SM2 against sm-crypto-v2', () => {
  it('each side opens what the other encrypts, and verifies what sm-crypto-v2 signs (200 random keys)', () => {
    for (let i = 0; i < 200; i++) {
      const { scalar, point } = generateSm2KeyMaterial();
      // 1 to 100 bytes: a KDF output of one to four SM3 blocks.
      const secret = new Uint8Array(randomBytes(1 + (i % 100)));

      const ours = nodeSm2Encrypt(point, secret);
      expect(ours).toHaveLength(1 + 64 + 32 + secret.length);
      expect(sm2Decrypt(scalar, ours)).toEqual(secret);
      expect(nodeSm2Decrypt(scalar, ours)).toEqual(secret);
      expect(nodeSm2Decrypt(scalar, sm2Encrypt(point, secret))).toEqual(secret);

      const digest = randomBytes(32);
      const signature = sm2SignDigest(scalar, digest);
      expect(nodeSm2VerifyDigest(point, digest, signature)).toBe(true);
      const otherDigest = flipByte(digest, i % 32);
      expect(nodeSm2VerifyDigest(point, otherDigest, signature)).toBe(false);
      expect(sm2VerifyDigest(point, otherDigest, signature)).toBe(false);
    }
  });

  it('takes compressed public points as well', () => {
    const { scalar, point } = generateSm2KeyMaterial();
    const compressed = hexToBytes(sm2.compressPublicKeyHex(bytesToHex(point)));
    const secret = new Uint8Array(randomBytes(32));
    expect(sm2Decrypt(scalar, nodeSm2Encrypt(compressed, secret))).toEqual(secret);
    const digest = randomBytes(32);
    expect(nodeSm2VerifyDigest(compressed, digest, sm2SignDigest(scalar, digest))).toBe(true);
  });
});

describe('the degenerate keys P = G and P = −G, where no chord recovers y', () => {
  it.each([
    ['d = 1', 1n],
    ['d = n − 1', N - 1n],
  ])('%s: both sides still open what the other encrypts', (_name, d) => {
    const scalar = to32Bytes(d);
    const point = sm2PublicPointOf(scalar);
    const secret = new Uint8Array(randomBytes(48));
    const ours = nodeSm2Encrypt(point, secret);
    expect(sm2Decrypt(scalar, ours)).toEqual(secret);
    expect(nodeSm2Decrypt(scalar, ours)).toEqual(secret);
  });

  it.each([
    ['C1 = G (k = 1)', 1n],
    ['C1 = −G (k = n − 1)', N - 1n],
  ])('%s: decryption falls back to sm-crypto-v2 and opens it', (_name, k) => {
    const { scalar, point } = generateSm2KeyMaterial();
    const secret = new Uint8Array(randomBytes(40));
    // GM/T 0003.4 by hand: (x2, y2) = k·P, the public point itself or its negation.
    const shared = coordinates(point);
    const [x2, y2] = [to32Bytes(shared.x), to32Bytes(k === 1n ? shared.y : P - shared.y)];
    const stream = kdf(concatBytes(x2, y2), secret.length);
    const wrapped = concatBytes(
      sm2PublicPointOf(to32Bytes(k)),
      hexToBytes(sm3(concatBytes(x2, secret, y2))),
      secret.map((byte, i) => byte ^ stream[i]!),
    );
    expect(sm2Decrypt(scalar, wrapped)).toEqual(secret);
    expect(nodeSm2Decrypt(scalar, wrapped)).toEqual(secret);
  });

  it('recoverY gives y from x(Q) and x(Q + R), and nothing when R = ±Q or x(Q + R) is wrong', () => {
    // Q = a·G and R = b·G, so that Q + R = (a + b)·G comes from sm-crypto-v2 independently.
    const [a, b] = [toBigint(randomBytes(31)) + 1n, toBigint(randomBytes(31)) + 1n];
    const q = coordinates(sm2PublicPointOf(to32Bytes(a)));
    const r = coordinates(sm2PublicPointOf(to32Bytes(b)));
    const xOfSum = coordinates(sm2PublicPointOf(to32Bytes(a + b))).x;
    expect(recoverY(q.x, xOfSum, r)).toBe(q.y);
    expect(recoverY(q.x, xOfSum, q)).toBeUndefined();
    expect(recoverY(q.x, xOfSum, { x: q.x, y: P - q.y })).toBeUndefined();
    expect(recoverY(q.x, (xOfSum + 1n) % P, r)).toBeUndefined();
  });
});

describe('native-assisted SM2 decryption refuses what sm-crypto-v2 refuses, with the same error', () => {
  const { scalar, point } = generateSm2KeyMaterial();
  const secret = new Uint8Array(randomBytes(32));
  const wrapped = sm2Encrypt(point, secret);
  const { x, y } = coordinates(wrapped.subarray(0, 65));
  const withC1 = (x1: bigint, y1: bigint) => concatBytes(uncompressed(x1, y1), wrapped.subarray(65));

  it.each([
    ['a C1 off the curve', withC1(x, (y + 1n) % P)],
    ['C1 negated (on the curve, the wrong point)', withC1(x, P - y)],
    ['an altered C1 byte', flipByte(wrapped, 40)],
    ['an altered C3', flipByte(wrapped, 65 + 7)],
    ['an altered C2', flipByte(wrapped, wrapped.length - 1)],
    ['a compressed C1 prefix', Uint8Array.from([0x02, ...wrapped.subarray(1)])],
    ['no C2', wrapped.subarray(0, 97)],
    ['nothing', new Uint8Array()],
  ])('%s', (_what, altered) => {
    expect(() => sm2Decrypt(scalar, altered)).toThrow(UNWRAP_ERROR);
    expect(() => nodeSm2Decrypt(scalar, altered)).toThrow(UNWRAP_ERROR);
  });

  it('the wrong private key', () => {
    const other = generateSm2KeyMaterial().scalar;
    expect(() => sm2Decrypt(other, wrapped)).toThrow(UNWRAP_ERROR);
    expect(() => nodeSm2Decrypt(other, wrapped)).toThrow(UNWRAP_ERROR);
  });

  it('refuses to encrypt nothing, or to a point off the curve', () => {
    expect(() => nodeSm2Encrypt(point, new Uint8Array())).toThrow('the secret is empty');
    const { x: px, y: py } = coordinates(point);
    expect(() => nodeSm2Encrypt(uncompressed(px, (py + 1n) % P), secret)).toThrow(
      'not a point on the SM2 curve',
    );
  });
});

describe('native-assisted SM2 verification', () => {
  const { scalar, point } = generateSm2KeyMaterial();
  const digest = randomBytes(32);
  const signature = sm2SignDigest(scalar, digest);
  const { r, s } = readSignature(signature);

  it('reads the signature back into the r and s it was made of', () => {
    expect(signatureDer(r, s)).toEqual(signature);
  });

  it.each([
    ['r altered', signatureDer(r ^ 1n, s)],
    ['s altered', signatureDer(r, s ^ 1n)],
    ['r = 0', signatureDer(0n, s)],
    ['s = 0', signatureDer(r, 0n)],
    ['r + n', signatureDer(r + N, s)],
    ['s + n', signatureDer(r, s + N)],
    ['r + s = n', signatureDer(r, N - r)],
    ['the last byte altered', flipByte(signature, signature.length - 1)],
  ])('refuses %s, as sm-crypto-v2 does', (_what, altered) => {
    expect(nodeSm2VerifyDigest(point, digest, altered)).toBe(false);
    expect(sm2VerifyDigest(point, digest, altered)).toBe(false);
  });

  // sm-crypto-v2 skips tags and trailing bytes; OpenSSL re-encodes and compares, and so do we.
  it.each([
    ['a long-form length', Uint8Array.from([0x30, 0x81, ...signature.subarray(1)])],
    ['a trailing byte', Uint8Array.from([...signature, 0])],
    ['a SET tag', Uint8Array.from([0x31, ...signature.subarray(1)])],
    ['r padded with a superfluous zero', signatureDer(r, s, { padR: true })],
    ['nothing', new Uint8Array()],
  ])('refuses the right r and s in %s, as OpenSSL does', (_what, altered) => {
    expect(nodeSm2VerifyDigest(point, digest, altered)).toBe(false);
  });

  it('refuses a public point off the curve', () => {
    const { x, y } = coordinates(point);
    expect(nodeSm2VerifyDigest(uncompressed(x, y ^ 1n), digest, signature)).toBe(false);
  });

  it('refuses a signature whose s·G + t·P is the point at infinity', () => {
    // s·G + (r + s)·d·G = O when s = −r·d / (1 + d) mod n: only the key holder can aim at it.
    const d = toBigint(scalar);
    const sAtInfinity = ((((N - r) * d) % N) * powMod(1n + d, N - 2n, N)) % N;
    expect(nodeSm2VerifyDigest(point, digest, signatureDer(r, sAtInfinity))).toBe(false);
  });

  it('verifies signatures made by openssl pkeyutl with the GM/T 0009 ID', () => {
    const dir = scratchDirectory();
    expect(openssl(dir, 'genpkey', '-algorithm', 'SM2', '-out', 'key.pem').code).toBe(0);
    expect(openssl(dir, 'pkey', '-in', 'key.pem', '-pubout', '-out', 'pub.pem').code).toBe(0);
    const key = readPublicKeyPem(readFileSync(join(dir, 'pub.pem'), 'utf8'));
    if (key.type !== 'sm2') throw new Error('openssl made no SM2 key');
    for (let i = 0; i < 5; i++) {
      const message = randomBytes(1000 + i);
      writeFileSync(join(dir, 'message'), message);
      expect(openssl(dir, ...SM2_OPENSSL.sign('key.pem', 'message', 'theirs.sig')).code).toBe(0);
      const theirs = new Uint8Array(readFileSync(join(dir, 'theirs.sig')));
      const messageDigest = sm2SigningHash(key.point).update(message).digest();
      expect(nodeSm2VerifyDigest(key.point, messageDigest, theirs)).toBe(true);
      expect(nodeSm2VerifyDigest(key.point, flipByte(messageDigest, 0), theirs)).toBe(false);
    }
  });
});
