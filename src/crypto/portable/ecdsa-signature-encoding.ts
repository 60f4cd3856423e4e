import { derChildren, DER_TAG, expectTag, readDer } from './der.ts';
import { concatBytes } from './bytes.ts';

/**
 * WebCrypto signs ECDSA as r ‖ s (IEEE P1363); OpenSSL, X.509 and our format use DER `SEQUENCE { r, s }`.
 * For P-256 every part is short, so the lengths fit in one byte.
 */
const P256_SCALAR_LENGTH = 32;

function derInteger(unsigned: Uint8Array): Uint8Array {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const trimmed = unsigned.subarray(start);
  // A leading 0x00 keeps a value with its top bit set positive.
  const body = trimmed[0]! & 0x80 ? concatBytes(Uint8Array.of(0), trimmed) : trimmed;
  return concatBytes(Uint8Array.of(DER_TAG.integer, body.length), body);
}

export function p1363ToDer(signature: Uint8Array): Uint8Array {
  if (signature.length !== 2 * P256_SCALAR_LENGTH) throw new Error('ECDSA P-256 signature must be 64 bytes');
  const body = concatBytes(
    derInteger(signature.subarray(0, P256_SCALAR_LENGTH)),
    derInteger(signature.subarray(P256_SCALAR_LENGTH)),
  );
  return concatBytes(Uint8Array.of(DER_TAG.sequence, body.length), body);
}

/** The r ‖ s form of a DER signature, or undefined when it is not one (so it simply fails to verify). */
export function derToP1363(signature: Uint8Array): Uint8Array | undefined {
  try {
    const parts = derChildren(readDer(signature, DER_TAG.sequence));
    if (parts.length !== 2) return undefined;
    const out = new Uint8Array(2 * P256_SCALAR_LENGTH);
    for (const [i, part] of parts.entries()) {
      let value = expectTag(part, DER_TAG.integer).contents;
      if (value.length > P256_SCALAR_LENGTH && value[0] === 0) value = value.subarray(1);
      if (value.length > P256_SCALAR_LENGTH) return undefined;
      out.set(value, (i + 1) * P256_SCALAR_LENGTH - value.length);
    }
    return out;
  } catch {
    return undefined;
  }
}
