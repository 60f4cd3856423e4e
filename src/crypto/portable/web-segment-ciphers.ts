import { sm3, sm4 } from 'sm-crypto-v2';
import { bufferSource, concatBytes, constantTimeEqual, hexToBytes } from './bytes.ts';
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
} from './segment-layout.ts';
import { SegmentAuthenticationError, type SegmentCipher } from './suite.ts';

const BLOCK = 16;

/**
 * SM4-CTR built from sm-crypto-v2's ECB (it has no CTR mode): all counter blocks of the segment are
 * encrypted in one ECB call, then XORed in. The counter occupies the last 32 bits of the block, as in
 * OpenSSL, and a segment never needs more than 2³² blocks.
 */
function sm4Ctr(key: Uint8Array, counterBlock: Uint8Array, input: Uint8Array): Uint8Array {
  if (input.length === 0) return new Uint8Array(0);
  const blocks = Math.ceil(input.length / BLOCK);
  const counters = new Uint8Array(blocks * BLOCK);
  const view = new DataView(counters.buffer);
  const start = new DataView(counterBlock.buffer, counterBlock.byteOffset).getUint32(12);
  for (let i = 0; i < blocks; i++) {
    counters.set(counterBlock.subarray(0, 12), i * BLOCK);
    view.setUint32(i * BLOCK + 12, (start + i) >>> 0);
  }
  const keyStream = sm4.encrypt(counters, key, { mode: 'ecb', padding: 'none', output: 'array' });
  const output = new Uint8Array(input.length);
  for (let i = 0; i < input.length; i++) output[i] = input[i]! ^ keyStream[i]!;
  return output;
}

/** SM4-CTR + HMAC-SM3 in JavaScript; layout in ./segment-layout.ts, same bytes as the Node provider. */
export function webGmSegmentCipher(contentKey: Uint8Array, nonce: Uint8Array): SegmentCipher {
  const { encryptionKey, macKey } = gmSegmentKeys(contentKey);
  const segmentNonce = checkNonce(nonce, GM_NONCE_LENGTH);
  const tagOf = (index: number, final: boolean, associatedData: Uint8Array, ciphertext: Uint8Array) =>
    hexToBytes(
      sm3(
        concatBytes(
          gmMacPrefix(segmentNonce, index, final, associatedData.length),
          associatedData,
          hexToBytes(sm3(ciphertext)),
        ),
        {
          key: macKey,
          mode: 'hmac',
        },
      ),
    ).subarray(0, SEGMENT_TAG_LENGTH);

  return {
    async seal(index, final, plaintext, associatedData) {
      const ciphertext = sm4Ctr(encryptionKey, gmCounterBlock(segmentNonce, index), plaintext);
      return concatBytes(ciphertext, tagOf(index, final, associatedData, ciphertext));
    },
    async open(index, final, sealed, associatedData) {
      if (sealed.length < SEGMENT_TAG_LENGTH) throw new SegmentAuthenticationError(index);
      const ciphertext = sealed.subarray(0, sealed.length - SEGMENT_TAG_LENGTH);
      const tag = sealed.subarray(sealed.length - SEGMENT_TAG_LENGTH);
      if (!constantTimeEqual(tagOf(index, final, associatedData, ciphertext), tag)) {
        throw new SegmentAuthenticationError(index);
      }
      return sm4Ctr(encryptionKey, gmCounterBlock(segmentNonce, index), ciphertext);
    },
  };
}

/** AES-256-GCM through WebCrypto, which already appends the 16-byte tag. */
export async function webIntlSegmentCipher(
  contentKey: Uint8Array,
  nonce: Uint8Array,
): Promise<SegmentCipher> {
  checkContentKey(contentKey);
  const segmentNonce = checkNonce(nonce, INTL_NONCE_LENGTH);
  const key = await globalThis.crypto.subtle.importKey('raw', bufferSource(contentKey), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const parameters = (index: number, final: boolean, associatedData: Uint8Array) => ({
    name: 'AES-GCM',
    iv: bufferSource(intlSegmentIv(segmentNonce, index, final)),
    additionalData: bufferSource(associatedData),
    tagLength: SEGMENT_TAG_LENGTH * 8,
  });
  return {
    async seal(index, final, plaintext, associatedData) {
      const sealed = await globalThis.crypto.subtle.encrypt(
        parameters(index, final, associatedData),
        key,
        bufferSource(plaintext),
      );
      return new Uint8Array(sealed);
    },
    async open(index, final, sealed, associatedData) {
      try {
        const plaintext = await globalThis.crypto.subtle.decrypt(
          parameters(index, final, associatedData),
          key,
          bufferSource(sealed),
        );
        return new Uint8Array(plaintext);
      } catch {
        throw new SegmentAuthenticationError(index);
      }
    },
  };
}
