/**
 * SM2 signing and public-key encryption over raw key material, through sm-crypto-v2. Both providers use it:
 * OpenSSL 3 cannot help here, because `crypto.sign` on an SM2 key always prefixes its own Z computed with an
 * empty distinguishing ID, and Node offers no way to set the GM/T 0009 default ID.
 */
import { sm2 } from 'sm-crypto-v2';
import { bytesToHex, hexToBytes } from './bytes.ts';

/** The default distinguishing ID of GM/T 0009, which Chinese CAs and tools (openssl `distid:`) expect. */
export const SM2_DEFAULT_ID = '1234567812345678';

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) (GM/T 0003.2 §5.5); the signed digest is SM3(Z ‖ M). */
export function sm2Z(publicPoint: Uint8Array): Uint8Array {
  return sm2.getZ(bytesToHex(publicPoint), SM2_DEFAULT_ID);
}

export function sm2PublicPointOf(scalar: Uint8Array): Uint8Array {
  return hexToBytes(sm2.getPublicKeyFromPrivateKey(bytesToHex(scalar)));
}

/** DER `SEQUENCE { r, s }` over the 32-byte digest e = SM3(Z ‖ M). */
export function sm2SignDigest(scalar: Uint8Array, digest: Uint8Array): Uint8Array {
  return hexToBytes(sm2.doSignature(digest, bytesToHex(scalar), { der: true, hash: false }));
}

export function sm2VerifyDigest(publicPoint: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  try {
    return sm2.doVerifySignature(digest, bytesToHex(signature), bytesToHex(publicPoint), {
      der: true,
      hash: false,
    });
  } catch {
    // A signature that is not DER or a point off the curve is simply not a valid signature.
    return false;
  }
}

/** GM/T 0003.4 encryption, C1C3C2: 0x04 ‖ C1.x ‖ C1.y ‖ C3 (SM3, 32) ‖ C2 (as long as the secret). */
export function sm2Encrypt(publicPoint: Uint8Array, secret: Uint8Array): Uint8Array {
  if (secret.length === 0) throw new Error('nothing to encrypt: the secret is empty');
  return hexToBytes(`04${sm2.doEncrypt(secret, bytesToHex(publicPoint), 1)}`);
}

const SM2_CIPHERTEXT_OVERHEAD = 1 + 64 + 32;

export function sm2Decrypt(scalar: Uint8Array, wrapped: Uint8Array): Uint8Array {
  const unwrapError = () =>
    new Error('wrapped key does not open with this SM2 private key (altered, or made for another key)');
  if (wrapped.length <= SM2_CIPHERTEXT_OVERHEAD || wrapped[0] !== 0x04) throw unwrapError();
  let secret: Uint8Array;
  try {
    secret = sm2.doDecrypt(bytesToHex(wrapped.subarray(1)), bytesToHex(scalar), 1, { output: 'array' });
  } catch {
    throw unwrapError();
  }
  // sm-crypto-v2 signals a C3 mismatch with an empty result; real secrets are never empty.
  if (secret.length === 0) throw unwrapError();
  return secret;
}

export function generateSm2KeyMaterial(): { scalar: Uint8Array; point: Uint8Array } {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { scalar: hexToBytes(privateKey), point: hexToBytes(publicKey) };
}
