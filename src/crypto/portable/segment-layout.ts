/**
 * The byte layout of sealed segments, shared by both providers so that their output is identical.
 *
 * gm (no SM4-GCM in OpenSSL's Node build): SM4-CTR, then HMAC-SM3 over the ciphertext's SM3 (encrypt-then-MAC,
 *   hash-then-MAC: the one SM3 pass over the ciphertext also serves the envelope's segment digest).
 *   The 32-byte content key splits into the SM4 key (first 16 bytes) and the MAC key (last 16).
 *   Counter block = nonce[0..8) ‖ u32 index ‖ u32 0, so every segment has its own key stream.
 *   tag = HMAC-SM3(macKey, nonce[0..8) ‖ u64 index ‖ u8 final ‖ u32 len(ad) ‖ ad ‖ SM3(ciphertext))[0..16).
 *   The nonce is MACed too: otherwise a segment opened under a wrong nonce would authenticate and decrypt
 *   to garbage instead of failing, as GCM does.
 * intl: AES-256-GCM under the content key, IV = nonce[0..7) ‖ u32 index ‖ u8 final, AAD = ad.
 * In both, sealed = ciphertext ‖ tag (16 bytes).
 */

export const SEGMENT_TAG_LENGTH = 16;
export const CONTENT_KEY_LENGTH = 32;
export const GM_NONCE_LENGTH = 8;
export const INTL_NONCE_LENGTH = 7;
/** Indexes are u32 in the counter block and the IV. */
const MAX_SEGMENT_INDEX = 0xffff_ffff;

export function checkContentKey(contentKey: Uint8Array): void {
  if (contentKey.length !== CONTENT_KEY_LENGTH) {
    throw new Error(`content key must be ${CONTENT_KEY_LENGTH} bytes, got ${contentKey.length}`);
  }
}

/** The nonce may be longer than a suite uses (the envelope picks one length for both suites). */
export function checkNonce(nonce: Uint8Array, length: number): Uint8Array {
  if (nonce.length < length)
    throw new Error(`segment nonce must be at least ${length} bytes, got ${nonce.length}`);
  return nonce.subarray(0, length);
}

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index > MAX_SEGMENT_INDEX) {
    throw new Error(`segment index must be an integer from 0 to ${MAX_SEGMENT_INDEX}, got ${index}`);
  }
}

export function gmSegmentKeys(contentKey: Uint8Array): { encryptionKey: Uint8Array; macKey: Uint8Array } {
  checkContentKey(contentKey);
  return { encryptionKey: contentKey.subarray(0, 16), macKey: contentKey.subarray(16, 32) };
}

export function gmCounterBlock(nonce: Uint8Array, index: number): Uint8Array {
  checkIndex(index);
  const block = new Uint8Array(16);
  block.set(nonce.subarray(0, GM_NONCE_LENGTH));
  new DataView(block.buffer).setUint32(8, index);
  return block;
}

/** What the MAC covers before the associated data itself and the ciphertext. */
export function gmMacPrefix(
  nonce: Uint8Array,
  index: number,
  final: boolean,
  associatedDataLength: number,
): Uint8Array {
  checkIndex(index);
  const prefix = new Uint8Array(GM_NONCE_LENGTH + 13);
  prefix.set(nonce.subarray(0, GM_NONCE_LENGTH));
  const view = new DataView(prefix.buffer);
  view.setBigUint64(GM_NONCE_LENGTH, BigInt(index));
  view.setUint8(GM_NONCE_LENGTH + 8, final ? 1 : 0);
  view.setUint32(GM_NONCE_LENGTH + 9, associatedDataLength);
  return prefix;
}

export function intlSegmentIv(nonce: Uint8Array, index: number, final: boolean): Uint8Array {
  checkIndex(index);
  const iv = new Uint8Array(12);
  iv.set(nonce.subarray(0, INTL_NONCE_LENGTH));
  const view = new DataView(iv.buffer);
  view.setUint32(7, index);
  view.setUint8(11, final ? 1 : 0);
  return iv;
}
