/**
 * intl key wrapping (ECIES): an ephemeral P-256 key agrees a secret with the recipient's key,
 * HKDF-SHA256(secret, salt = ephemeral point ‖ recipient point, info) gives an AES-256-GCM key,
 * and wrapped = ephemeral point (65) ‖ nonce (12) ‖ ciphertext ‖ tag (16).
 * Both points in the salt bind the wrapped key to this recipient and this exchange.
 */
export const INTL_WRAP_INFO = new TextEncoder().encode('zhaocai key wrap v1');
export const INTL_WRAP_POINT_LENGTH = 65;
export const INTL_WRAP_NONCE_LENGTH = 12;
export const INTL_WRAP_TAG_LENGTH = 16;

export function splitIntlWrapped(wrapped: Uint8Array): {
  ephemeralPoint: Uint8Array;
  nonce: Uint8Array;
  sealed: Uint8Array;
} {
  const minimum = INTL_WRAP_POINT_LENGTH + INTL_WRAP_NONCE_LENGTH + INTL_WRAP_TAG_LENGTH;
  if (wrapped.length <= minimum || wrapped[0] !== 0x04) {
    throw new Error('wrapped key is malformed: expected ephemeral point ‖ nonce ‖ ciphertext ‖ tag');
  }
  return {
    ephemeralPoint: wrapped.subarray(0, INTL_WRAP_POINT_LENGTH),
    nonce: wrapped.subarray(INTL_WRAP_POINT_LENGTH, INTL_WRAP_POINT_LENGTH + INTL_WRAP_NONCE_LENGTH),
    sealed: wrapped.subarray(INTL_WRAP_POINT_LENGTH + INTL_WRAP_NONCE_LENGTH),
  };
}

export const INTL_UNWRAP_ERROR =
  'wrapped key does not open with this P-256 private key (altered, or made for another key)';
