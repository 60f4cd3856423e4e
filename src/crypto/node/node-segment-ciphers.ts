import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  checkContentKey,
  checkNonce,
  GM_NONCE_LENGTH,
  gmCounterBlock,
  gmMacPrefix,
  gmSegmentKeys,
  INTL_NONCE_LENGTH,
  intlSegmentIv,
  SEGMENT_TAG_LENGTH,
} from '../portable/segment-layout.ts';
import { concatBytes } from '../portable/bytes.ts';
import { SegmentAuthenticationError, type SegmentCipher } from '../portable/suite.ts';
import { plainBytes } from './node-bytes.ts';

/**
 * SM4-CTR + HMAC-SM3 through OpenSSL; layout in ../portable/segment-layout.ts. One SM3 pass over the
 * ciphertext feeds the MAC and, continued over the tag, gives the envelope's digest of the sealed bytes.
 */
export function nodeGmSegmentCipher(contentKey: Uint8Array, nonce: Uint8Array): SegmentCipher {
  const { encryptionKey, macKey } = gmSegmentKeys(contentKey);
  const segmentNonce = checkNonce(nonce, GM_NONCE_LENGTH);

  /** The tag, and the SM3 state over the ciphertext, ready to take the tag for the sealed digest. */
  const authenticate = (
    index: number,
    final: boolean,
    associatedData: Uint8Array,
    ciphertext: Uint8Array,
  ) => {
    const sealedHash = createHash('sm3').update(ciphertext);
    const tag = createHmac('sm3', macKey)
      .update(gmMacPrefix(segmentNonce, index, final, associatedData.length))
      .update(associatedData)
      .update(sealedHash.copy().digest())
      .digest()
      .subarray(0, SEGMENT_TAG_LENGTH);
    return { tag, sealedHash };
  };

  // CTR encryption and decryption are the same key-stream XOR.
  const ctr = (index: number, input: Uint8Array) =>
    createCipheriv('sm4-ctr', encryptionKey, gmCounterBlock(segmentNonce, index)).update(input);

  const sealWithDigest = async (index: number, final: boolean, plaintext: Uint8Array, ad: Uint8Array) => {
    const ciphertext = ctr(index, plaintext);
    const { tag, sealedHash } = authenticate(index, final, ad, ciphertext);
    return {
      sealed: [plainBytes(ciphertext), plainBytes(tag)],
      digest: plainBytes(sealedHash.update(tag).digest()),
    };
  };
  const openWithDigest = async (index: number, final: boolean, sealed: Uint8Array, ad: Uint8Array) => {
    if (sealed.length < SEGMENT_TAG_LENGTH) throw new SegmentAuthenticationError(index);
    const ciphertext = sealed.subarray(0, sealed.length - SEGMENT_TAG_LENGTH);
    const tag = sealed.subarray(sealed.length - SEGMENT_TAG_LENGTH);
    const expected = authenticate(index, final, ad, ciphertext);
    if (!timingSafeEqual(expected.tag, tag)) throw new SegmentAuthenticationError(index);
    return {
      plaintext: plainBytes(ctr(index, ciphertext)),
      digest: plainBytes(expected.sealedHash.update(tag).digest()),
    };
  };

  return {
    seal: async (...args) => concatBytes(...(await sealWithDigest(...args)).sealed),
    open: async (...args) => (await openWithDigest(...args)).plaintext,
    sealWithDigest,
    openWithDigest,
  };
}

/** AES-256-GCM through OpenSSL; layout in ../portable/segment-layout.ts. */
export function nodeIntlSegmentCipher(contentKey: Uint8Array, nonce: Uint8Array): SegmentCipher {
  checkContentKey(contentKey);
  const segmentNonce = checkNonce(nonce, INTL_NONCE_LENGTH);
  const sealWithDigest = async (index: number, final: boolean, plaintext: Uint8Array, ad: Uint8Array) => {
    const cipher = createCipheriv('aes-256-gcm', contentKey, intlSegmentIv(segmentNonce, index, final), {
      authTagLength: SEGMENT_TAG_LENGTH,
    }).setAAD(ad);
    // GCM's final() adds no bytes; the tag is appended as a second piece rather than copied onto the ciphertext.
    const ciphertext = cipher.update(plaintext);
    cipher.final();
    const tag = cipher.getAuthTag();
    return {
      sealed: [plainBytes(ciphertext), plainBytes(tag)],
      digest: plainBytes(createHash('sha256').update(ciphertext).update(tag).digest()),
    };
  };
  return {
    sealWithDigest,
    async seal(index, final, plaintext, associatedData) {
      return concatBytes(...(await sealWithDigest(index, final, plaintext, associatedData)).sealed);
    },
    async open(index, final, sealed, associatedData) {
      if (sealed.length < SEGMENT_TAG_LENGTH) throw new SegmentAuthenticationError(index);
      const decipher = createDecipheriv(
        'aes-256-gcm',
        contentKey,
        intlSegmentIv(segmentNonce, index, final),
        {
          authTagLength: SEGMENT_TAG_LENGTH,
        },
      )
        .setAAD(associatedData)
        .setAuthTag(sealed.subarray(sealed.length - SEGMENT_TAG_LENGTH));
      const plaintext = decipher.update(sealed.subarray(0, sealed.length - SEGMENT_TAG_LENGTH));
      try {
        // GCM's final() only checks the tag: it adds no bytes, so no copy is needed.
        const rest = decipher.final();
        return plainBytes(rest.length ? Buffer.concat([plaintext, rest]) : plaintext);
      } catch {
        throw new SegmentAuthenticationError(index);
      }
    },
  };
}
