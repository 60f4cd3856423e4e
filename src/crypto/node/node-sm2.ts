/**
 * SM2 encryption, decryption and verification for the Node gm suite, with OpenSSL doing the scalar
 * multiplications by a variable point (about four times faster than sm-crypto-v2's BigInt ones). Node's
 * only door to them is ECDH, which returns x(k·Q) alone; where y is needed it is recovered exactly, never
 * guessed (see `recoverY`). The bytes are those of src/crypto/portable/sm2.ts: GM/T 0003.4 C1C3C2
 * ciphertexts and DER GM/T 0003.2 signatures. That module stays the browser's implementation, the reference
 * the tests compare against, and the fallback for the degenerate cases the native route cannot take.
 */
import { createECDH, createHash, timingSafeEqual, type ECDH } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { bytesToHex, concatBytes, hexToBytes, uint32BigEndian } from '../portable/bytes.ts';
import { derChildren, DER_TAG, expectTag, readDer } from '../portable/der.ts';
import { sm2Decrypt, sm2Encrypt } from '../portable/sm2.ts';
import { keyMultiples } from './sm2-key-cache.ts';

// The SM2 curve y² = x³ + ax + b over GF(p), of prime order n (GM/T 0003.5).
const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const A = P - 3n;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const G: AffinePoint = {
  x: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  y: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

interface AffinePoint {
  readonly x: bigint;
  readonly y: bigint;
}

function mod(value: bigint, modulus: bigint): bigint {
  const remainder = value % modulus;
  return remainder < 0n ? remainder + modulus : remainder;
}

/** 1/value mod a prime, by the extended Euclidean algorithm (faster in BigInt than Fermat's power). */
function invert(value: bigint, modulus: bigint): bigint {
  let [r0, r1] = [mod(value, modulus), modulus];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const quotient = r0 / r1;
    [r0, r1] = [r1, r0 - quotient * r1];
    [s0, s1] = [s1, s0 - quotient * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return mod(s0, modulus);
}

function powMod(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  for (let square = mod(base, modulus), e = exponent; e > 0n; e >>= 1n, square = (square * square) % modulus)
    if (e & 1n) result = (result * square) % modulus;
  return result;
}

/** x³ + ax + b, the y² of the points with this x. */
function curveRhs(x: bigint): bigint {
  return mod((x * x + A) * x + B, P);
}

function isOnCurve(point: AffinePoint): boolean {
  return point.x < P && point.y < P && mod(point.y * point.y, P) === curveRhs(point.x);
}

/** A square root mod p when there is one; p ≡ 3 (mod 4), so it is v^((p+1)/4). */
function sqrtModP(value: bigint): bigint | undefined {
  const root = powMod(value, (P + 1n) / 4n, P);
  return (root * root) % P === value ? root : undefined;
}

/** a + b in affine coordinates; undefined is the point at infinity. */
function addPoints(a: AffinePoint, b: AffinePoint): AffinePoint | undefined {
  if (a.x === b.x && mod(a.y + b.y, P) === 0n) return undefined;
  const slope =
    a.x === b.x
      ? mod((3n * a.x * a.x + A) * invert(2n * a.y, P), P)
      : mod((b.y - a.y) * invert(b.x - a.x, P), P);
  const x = mod(slope * slope - a.x - b.x, P);
  return { x, y: mod(slope * (a.x - x) - a.y, P) };
}

function bytesToBigint(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytesToHex(bytes)}`);
}

function bigintToBytes32(value: bigint): Uint8Array {
  return hexToBytes(value.toString(16).padStart(64, '0'));
}

/** A SEC 1 point (uncompressed 0x04 ‖ x ‖ y, or compressed 0x02/0x03 ‖ x), checked to lie on the curve. */
function decodePoint(bytes: Uint8Array): AffinePoint {
  const x = bytesToBigint(bytes.subarray(1, 33));
  if (bytes.length === 65 && bytes[0] === 0x04) {
    const point = { x, y: bytesToBigint(bytes.subarray(33)) };
    if (isOnCurve(point)) return point;
  } else if (bytes.length === 33 && (bytes[0] === 0x02 || bytes[0] === 0x03) && x < P) {
    const y = sqrtModP(curveRhs(x));
    if (y !== undefined) return { x, y: (y & 1n) === BigInt(bytes[0] & 1) ? y : P - y };
  }
  throw new Error('not a point on the SM2 curve');
}

function encodePoint(point: AffinePoint): Uint8Array {
  return concatBytes(Uint8Array.of(0x04), bigintToBytes32(point.x), bigintToBytes32(point.y));
}

/** k·G through sm-crypto-v2, whose precomputed tables for G beat OpenSSL's generic SM2 code. */
function baseMultiply(scalar: bigint): AffinePoint {
  const hex = sm2.getPublicKeyFromPrivateKey(scalar.toString(16).padStart(64, '0'));
  return { x: BigInt(`0x${hex.slice(2, 66)}`), y: BigInt(`0x${hex.slice(66)}`) };
}

/** x(k·Q) from OpenSSL, for the private scalar the ECDH object holds. */
function nativeX(ecdh: ECDH, point: Uint8Array): bigint {
  return bytesToBigint(ecdh.computeSecret(point));
}

/**
 * y of a point Q known by x alone, given x' = x(Q + R) for a known point R: the chord through Q and R has
 * slope λ = (yQ − yR)/(xQ − xR) and x' = λ² − xQ − xR, so (yQ − yR)² = (x' + xQ + xR)(xQ − xR)², whose one
 * unknown cross term gives yQ = (yQ² + yR² − (x' + xQ + xR)(xQ − xR)²) / (2·yR) with yQ² = xQ³ + a·xQ + b.
 * Undefined when R = ±Q (no chord), or when the result is not on the curve (an x that was not what we took).
 */
export function recoverY(x: bigint, xOfSum: bigint, known: AffinePoint): bigint | undefined {
  if (x === known.x) return undefined;
  const run = x - known.x;
  const numerator = curveRhs(x) + known.y * known.y - (xOfSum + x + known.x) * run * run;
  const y = mod(numerator * invert(2n * known.y, P), P);
  return isOnCurve({ x, y }) ? y : undefined;
}

/** KDF of GM/T 0003.4 §5.4.3: SM3(Z ‖ ct) for ct = 1, 2, …, concatenated and cut to `length` bytes. */
function sm2Kdf(z: Uint8Array, length: number): Uint8Array {
  const stream = new Uint8Array(length);
  for (let counter = 1, offset = 0; offset < length; counter++, offset += 32)
    stream.set(
      createHash('sm3')
        .update(z)
        .update(uint32BigEndian(counter))
        .digest()
        .subarray(0, length - offset),
      offset,
    );
  return stream;
}

function xorBytes(data: Uint8Array, stream: Uint8Array): Uint8Array {
  return data.map((byte, i) => byte ^ stream[i]!);
}

/** C3 = SM3(x2 ‖ M ‖ y2). */
function sm2Tag(x2: Uint8Array, message: Uint8Array, y2: Uint8Array): Uint8Array {
  return createHash('sm3').update(x2).update(message).update(y2).digest();
}

/**
 * C1 = k·G and (x2, y2) = k·P for a fresh k: OpenSSL's key generation draws k in [1, n − 1] and gives C1
 * whole, computeSecret gives x2 = x(k·P) and x(k·(P + G)) = x(k·P + C1), and y2 follows with C1 as the
 * known point. Undefined when no chord joins k·P and C1, that is when P = G.
 */
function ephemeralShare(recipient: AffinePoint, recipientPlusG: AffinePoint) {
  const ecdh = createECDH('SM2');
  const c1 = ecdh.generateKeys();
  const x2 = nativeX(ecdh, encodePoint(recipient));
  const y2 = recoverY(x2, nativeX(ecdh, encodePoint(recipientPlusG)), decodePoint(c1));
  return y2 === undefined ? undefined : { c1, x2: bigintToBytes32(x2), y2: bigintToBytes32(y2) };
}

/** GM/T 0003.4 encryption, C1C3C2: 0x04 ‖ C1.x ‖ C1.y ‖ C3 (SM3, 32) ‖ C2 (as long as the secret). */
export function nodeSm2Encrypt(publicPoint: Uint8Array, secret: Uint8Array): Uint8Array {
  if (secret.length === 0) throw new Error('nothing to encrypt: the secret is empty');
  const recipient = decodePoint(publicPoint);
  const recipientPlusG = addPoints(recipient, G);
  for (;;) {
    const share = recipientPlusG && ephemeralShare(recipient, recipientPlusG);
    // Only the keys P = ±G (private key 1 or n − 1) get here; sm-crypto-v2 multiplies in full for them.
    if (!share) return sm2Encrypt(publicPoint, secret);
    const stream = sm2Kdf(concatBytes(share.x2, share.y2), secret.length);
    // An all-zero KDF output would leave M in clear; GM/T 0003.4 then draws another k.
    if (stream.some((byte) => byte !== 0))
      return concatBytes(share.c1, sm2Tag(share.x2, secret, share.y2), xorBytes(secret, stream));
  }
}

const C1_LENGTH = 65;
const C3_LENGTH = 32;

function unwrapError(): Error {
  // Word for word the portable sm2Decrypt's error, so that callers see one message whichever code ran.
  return new Error('wrapped key does not open with this SM2 private key (altered, or made for another key)');
}

/**
 * GM/T 0003.4 decryption: x2 = x(d·C1) from OpenSSL (which also refuses a C1 off the curve), and y2 from
 * x(d·(C1 + G)) = x(d·C1 + P) with P as the known point, which setting d gives whole. The cheaper square
 * root of x2³ + a·x2 + b will not do: both roots are tried against C3 there, so a ciphertext with C1
 * negated (−C1 ‖ C3 ‖ C2, which sm-crypto-v2 and OpenSSL refuse) would open too.
 */
export function nodeSm2Decrypt(scalar: Uint8Array, wrapped: Uint8Array): Uint8Array {
  if (wrapped.length <= C1_LENGTH + C3_LENGTH || wrapped[0] !== 0x04) throw unwrapError();
  const c1 = wrapped.subarray(0, C1_LENGTH);
  const c3 = wrapped.subarray(C1_LENGTH, C1_LENGTH + C3_LENGTH);
  const c2 = wrapped.subarray(C1_LENGTH + C3_LENGTH);
  const ecdh = createECDH('SM2');
  let x2: bigint;
  try {
    ecdh.setPrivateKey(scalar);
    x2 = nativeX(ecdh, c1);
  } catch {
    throw unwrapError();
  }
  const c1PlusG = addPoints(decodePoint(c1), G);
  const y2 = c1PlusG && recoverY(x2, nativeX(ecdh, encodePoint(c1PlusG)), decodePoint(ecdh.getPublicKey()));
  // Only C1 = ±G (so that d·C1 = ±P) gets here; sm-crypto-v2 multiplies in full for it.
  if (y2 === undefined) return sm2Decrypt(scalar, wrapped);
  const [x2Bytes, y2Bytes] = [bigintToBytes32(x2), bigintToBytes32(y2)];
  const secret = xorBytes(c2, sm2Kdf(concatBytes(x2Bytes, y2Bytes), c2.length));
  if (!timingSafeEqual(sm2Tag(x2Bytes, secret, y2Bytes), c3)) throw unwrapError();
  return secret;
}

function derInteger(value: bigint): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  // A leading 0x00 keeps a value with its top bit set positive.
  if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  return concatBytes(Uint8Array.of(DER_TAG.integer, hex.length / 2), hexToBytes(hex));
}

/**
 * r and s of a DER `SEQUENCE { r INTEGER, s INTEGER }`, or undefined unless the encoding is the canonical
 * one: OpenSSL refuses any other (it re-encodes and compares), and so do we, so that a signature has one form.
 */
function readSignature(signature: Uint8Array): { r: bigint; s: bigint } | undefined {
  let r: bigint, s: bigint;
  try {
    const parts = derChildren(readDer(signature, DER_TAG.sequence));
    if (parts.length !== 2) return undefined;
    [r, s] = parts.map((part) => bytesToBigint(expectTag(part, DER_TAG.integer).contents)) as [
      bigint,
      bigint,
    ];
  } catch {
    return undefined;
  }
  // Both integers are below 2²⁵⁷, so every length fits the one-byte short form.
  const body = concatBytes(derInteger(r), derInteger(s));
  const canonical = concatBytes(Uint8Array.of(DER_TAG.sequence, body.length), body);
  return bytesToHex(canonical) === bytesToHex(signature) ? { r, s } : undefined;
}

/**
 * GM/T 0003.2 verification of the digest e = SM3(Z ‖ M): with t = r + s mod n, valid iff
 * r = e + x(s·G + t·P) mod n. As s·G + t·P = t·(P + (s/t)·G), one base multiplication in JS, an affine
 * addition and one native multiplication give that x, and y (which the check never reads) is not needed.
 */
export function nodeSm2VerifyDigest(
  publicPoint: Uint8Array,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  const parsed = readSignature(signature);
  if (!parsed) return false;
  const { r, s } = parsed;
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const t = (r + s) % N;
  if (t === 0n) return false;
  let signer: AffinePoint;
  try {
    signer = decodePoint(publicPoint);
  } catch {
    // A public key off the curve verifies nothing.
    return false;
  }
  // A key that keeps verifying has a table of its multiples: s·G + t·P in JS beats the native route then.
  const multiples = keyMultiples(publicPoint);
  if (multiples) {
    const sum = addPoints(baseMultiply(s), multiples(t));
    return sum !== undefined && (bytesToBigint(digest) + sum.x) % N === r;
  }
  const shifted = addPoints(signer, baseMultiply((s * invert(t, N)) % N));
  // s·G + t·P is the point at infinity, which has no x: not a valid signature.
  if (!shifted) return false;
  const ecdh = createECDH('SM2');
  ecdh.setPrivateKey(bigintToBytes32(t));
  return (bytesToBigint(digest) + nativeX(ecdh, encodePoint(shifted))) % N === r;
}
