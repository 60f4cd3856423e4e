import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export interface EntryDigests {
  readonly size: number;
  readonly sha256: string;
  readonly sm3: string;
  readonly crc32: number;
}

/** Size, SHA-256, SM3 and CRC-32 of one archive file, fed chunk by chunk. */
export class EntryDigest {
  private size = 0;
  private crc = 0;
  private readonly sha256: Hash = createHash('sha256');
  private readonly sm3: Hash = createHash('sm3');

  update(chunk: Uint8Array): void {
    this.size += chunk.byteLength;
    this.crc = crc32(chunk, this.crc);
    this.sha256.update(chunk);
    this.sm3.update(chunk);
  }

  digests(): EntryDigests {
    return {
      size: this.size,
      sha256: this.sha256.digest('hex'),
      sm3: this.sm3.digest('hex'),
      crc32: this.crc,
    };
  }
}
