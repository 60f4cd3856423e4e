/**
 * Shamir secret sharing over GF(2⁸) (the AES field, x⁸ + x⁴ + x³ + x + 1), byte by byte: each byte of the
 * secret is the constant term of its own random polynomial of degree threshold − 1, and share x holds the
 * value of every polynomial at x. Any `threshold` shares give the secret back by Lagrange interpolation at 0;
 * fewer are consistent with every possible secret, so they reveal nothing about it.
 *
 * Field arithmetic is branch-free and table-free, so timing does not depend on the secret.
 */
import { secureRandomBytes } from './secure-random.ts';

export interface Share {
  /** 1…255: the point at which the polynomials were evaluated. */
  readonly x: number;
  readonly y: Uint8Array;
}

function multiply(a: number, b: number): number {
  let product = 0;
  for (let bit = 0; bit < 8; bit++) {
    product ^= -(b & 1) & a;
    const carry = -((a >> 7) & 1);
    a = ((a << 1) ^ (carry & 0x1b)) & 0xff;
    b >>= 1;
  }
  return product;
}

/** a⁻¹ = a²⁵⁴ in GF(2⁸). */
function invert(a: number): number {
  let result = 1;
  let power = a;
  for (let exponent = 254; exponent > 0; exponent >>= 1) {
    if (exponent & 1) result = multiply(result, power);
    power = multiply(power, power);
  }
  return result;
}

export function splitSecret(secret: Uint8Array, threshold: number, shares: number): Share[] {
  if (secret.length === 0) throw new Error('cannot split an empty secret');
  if (!Number.isInteger(shares) || shares < 1 || shares > 255) {
    throw new Error(`number of shares must be from 1 to 255, got ${shares}`);
  }
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > shares) {
    throw new Error(`threshold must be from 1 to the number of shares (${shares}), got ${threshold}`);
  }
  // coefficients[d * length + i] is the coefficient of x^(d+1) in the polynomial of byte i.
  const coefficients = secureRandomBytes((threshold - 1) * secret.length);
  const result: Share[] = [];
  for (let x = 1; x <= shares; x++) {
    const y = new Uint8Array(secret.length);
    for (let i = 0; i < secret.length; i++) {
      // Horner's rule from the highest coefficient down to the secret byte.
      let value = 0;
      for (let d = threshold - 2; d >= 0; d--)
        value = multiply(value ^ coefficients[d * secret.length + i]!, x);
      y[i] = value ^ secret[i]!;
    }
    result.push({ x, y });
  }
  coefficients.fill(0);
  return result;
}

/** The secret from at least `threshold` shares. Fewer shares yield a wrong value; nothing can tell. */
export function combineShares(shares: readonly Share[]): Uint8Array {
  if (shares.length === 0) throw new Error('no shares to combine');
  const length = shares[0]!.y.length;
  const seen = new Set<number>();
  for (const { x, y } of shares) {
    if (!Number.isInteger(x) || x < 1 || x > 255) throw new Error(`share x must be from 1 to 255, got ${x}`);
    if (seen.has(x)) throw new Error(`share ${x} given twice`);
    if (y.length !== length) throw new Error(`shares differ in length (${y.length} and ${length} bytes)`);
    seen.add(x);
  }
  const secret = new Uint8Array(length);
  for (const [j, share] of shares.entries()) {
    // Lagrange basis at 0: Π x_m / (x_m − x_j) over m ≠ j; subtraction is XOR in GF(2⁸).
    let numerator = 1;
    let denominator = 1;
    for (const [m, other] of shares.entries()) {
      if (m === j) continue;
      numerator = multiply(numerator, other.x);
      denominator = multiply(denominator, other.x ^ share.x);
    }
    const basis = multiply(numerator, invert(denominator));
    for (let i = 0; i < length; i++) secret[i] = secret[i]! ^ multiply(basis, share.y[i]!);
  }
  return secret;
}
