import { sha256 } from '@noble/hashes/sha2';
import { sm3 } from 'sm-crypto-v2';
import type { DrawCrypto, DrawHashAlgorithm, DrawRandom } from '../../domain/evaluation/expert-draw.ts';
import { concatBytes, hexToBytes, uint32BigEndian } from './bytes.ts';

/**
 * The expert draw's hash and byte stream (see src/domain/evaluation/expert-draw.ts), with no
 * Node import so a supervisor's browser replays a draw exactly as the platform ran it. The stream
 * is the hash in counter mode: block k = H(seed ‖ k as 4-byte big-endian), k = 0, 1, 2, …
 */
const DIGESTS: Record<DrawHashAlgorithm, (data: Uint8Array) => Uint8Array> = {
  sm3: (data) => hexToBytes(sm3(data)),
  sha256: (data) => sha256(data),
};

const BLOCK_BYTES = 32;

class CounterStream implements DrawRandom {
  private block: Uint8Array = new Uint8Array(0);
  private blockIndex = -1;

  constructor(
    private readonly digest: (data: Uint8Array) => Uint8Array,
    private readonly seed: Uint8Array,
    private offset: number,
  ) {
    if (!Number.isInteger(offset) || offset < 0 || offset % 4 !== 0) {
      throw new RangeError(`draw stream position ${offset} is not a multiple of 4`);
    }
  }

  get position(): number {
    return this.offset;
  }

  nextUint32(): number {
    const index = Math.floor(this.offset / BLOCK_BYTES);
    if (index !== this.blockIndex) {
      this.block = this.digest(concatBytes(this.seed, uint32BigEndian(index)));
      this.blockIndex = index;
    }
    const value = new DataView(this.block.buffer, this.block.byteOffset).getUint32(this.offset % BLOCK_BYTES);
    this.offset += 4;
    return value;
  }
}

export function drawCrypto(algorithm: DrawHashAlgorithm): DrawCrypto {
  const digest = DIGESTS[algorithm];
  return {
    algorithm,
    digest,
    stream: (seedHex, position) => new CounterStream(digest, hexToBytes(seedHex), position),
  };
}
