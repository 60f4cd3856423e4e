import { sm2 } from 'sm-crypto-v2';
import { bytesToHex } from '../portable/bytes.ts';
import { sm2Z } from '../portable/sm2.ts';

/**
 * What verifying with an SM2 public key costs once per key rather than once per message: its
 * Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), and for a key that keeps verifying (a platform's
 * signing key, on every message it sends) a table of its multiples, with which t·P costs a third of
 * OpenSSL's generic multiplication by a variable point (see nodeSm2VerifyDigest in ./node-sm2.ts).
 * Everything here follows from the key's bytes alone, so a cached value is the value computed afresh.
 */
interface CachedKey {
  z?: Uint8Array;
  verifications: number;
  multiples?: KeyMultiples;
}

/** t·P for the key P, affine; t in [1, n − 1]. */
export type KeyMultiples = (scalar: bigint) => { readonly x: bigint; readonly y: bigint };

/** Keys kept, least recently used dropped first: a table is about 0.25 MB, a key without one a few bytes. */
const MAX_KEYS = 64;
/**
 * Building a table costs about as much as fifteen verifications save, so a key gets one from its
 * eighth verification on: one-off keys (a bidder's, a certificate's) never pay for it.
 */
const TABLE_AFTER = 8;
/** Window of the table: 44 additions per multiplication, 1,408 points stored. */
const TABLE_WINDOW = 6;

const keys = new Map<string, CachedKey>();

function cachedKey(point: Uint8Array): CachedKey {
  const id = bytesToHex(point);
  let key = keys.get(id);
  if (key) {
    keys.delete(id);
  } else {
    key = { verifications: 0 };
    if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
  }
  keys.set(id, key);
  return key;
}

/** Z of the key with the default distinguishing ID (GM/T 0009), computed once per key. */
export function cachedSm2Z(point: Uint8Array): Uint8Array {
  const key = cachedKey(point);
  key.z ??= sm2Z(point);
  return key.z;
}

/**
 * Counts a verification with `point`, a point checked to be on the curve, and returns the key's
 * table of multiples once it has one.
 */
export function keyMultiples(point: Uint8Array): KeyMultiples | undefined {
  const key = cachedKey(point);
  if (!key.multiples && ++key.verifications >= TABLE_AFTER) {
    const table = sm2.precomputePublicKey(bytesToHex(point), TABLE_WINDOW);
    key.multiples = (scalar) => table.multiply(scalar).toAffine();
  }
  return key.multiples;
}
