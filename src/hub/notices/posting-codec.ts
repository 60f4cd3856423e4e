import type { GramKind } from './notice-grams.ts';

/**
 * The bytes of a posting list: one entry per notice, in ascending notice number. An entry is the
 * difference from the previous notice number as a varint (from 0 for the first of the list), then
 * for a gram with positions their number and the positions (the first in full, the others as
 * differences), for an amount or a time its value, for the rest nothing. A list is stored as blocks;
 * its blocks in order are the list's bytes, so they can be read back joined.
 */
export class PostingWriter {
  private bytes: Uint8Array;
  private size = 0;

  constructor(initial: Uint8Array = new Uint8Array(0)) {
    this.bytes = new Uint8Array(Math.max(64, initial.length * 2));
    this.bytes.set(initial);
    this.size = initial.length;
  }

  get length(): number {
    return this.size;
  }

  /** Appends the entry of notice `seq` after `previousSeq` (0 at the start of the list). */
  append(kind: GramKind, seq: number, previousSeq: number, payload: readonly number[]): void {
    this.varint(seq - previousSeq);
    if (kind === 'positions') {
      this.varint(payload.length);
      let previous = 0;
      for (const position of payload) {
        this.varint(position - previous);
        previous = position;
      }
    } else if (kind === 'value') {
      this.varint(payload[0]!);
    }
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.size);
  }

  private varint(value: number): void {
    if (this.size + 10 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes.subarray(0, this.size));
      this.bytes = grown;
    }
    // Arithmetic rather than bit operators: amounts in fen pass 2^32.
    while (value >= 128) {
      this.bytes[this.size++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    this.bytes[this.size++] = value;
  }
}

/**
 * A posting list (or the part of it in one bucket) decoded: notice numbers ascending, and per entry
 * either its value or the range of its positions in `positions`.
 */
export interface DecodedPostings {
  readonly seqs: Float64Array;
  /** For 'value' grams. */
  readonly values: Float64Array | null;
  /** For 'positions' grams: entry i's positions are positions[positionStart[i] .. positionStart[i+1]). */
  readonly positionStart: Uint32Array | null;
  readonly positions: Uint32Array | null;
}

/** A list's bytes and how many entries they hold. */
export interface EncodedList {
  readonly entries: number;
  readonly data: Uint8Array;
}

export interface DecodeOptions {
  /** False to skip positions and values, when only the notice numbers matter. */
  readonly payload?: boolean;
  /** Only the entries of these notices (ascending), when the others are out already. */
  readonly within?: ArrayLike<number>;
}

/** Decodes a list; with `within`, the other entries are walked over without keeping anything. */
export function decodePostings(
  kind: GramKind,
  list: EncodedList | undefined,
  { payload = true, within }: DecodeOptions = {},
): DecodedPostings {
  const data = list?.data ?? new Uint8Array(0);
  const capacity = Math.min(list?.entries ?? 0, within ? within.length : Number.POSITIVE_INFINITY);
  const seqs = new Float64Array(capacity);
  const values = kind === 'value' && payload ? new Float64Array(capacity) : null;
  const keepPositions = kind === 'positions' && payload;
  const positionStart = keepPositions ? new Uint32Array(capacity + 1) : null;
  // Every position takes at least one byte: the bytes bound their number.
  const positions = keepPositions ? new Uint32Array(data.length) : null;
  let n = 0;
  let p = 0;
  let w = 0;
  let seq = 0;
  let i = 0;
  while (i < data.length) {
    let byte = data[i++]!;
    let delta = byte & 127;
    for (let scale = 128; byte & 128; scale *= 128) {
      byte = data[i++]!;
      delta += (byte & 127) * scale;
    }
    seq += delta;
    let keep = true;
    if (within) {
      while (w < within.length && within[w]! < seq) w++;
      if (w === within.length) break;
      keep = within[w] === seq;
    }
    if (kind === 'value') {
      byte = data[i++]!;
      let value = byte & 127;
      for (let scale = 128; byte & 128; scale *= 128) {
        byte = data[i++]!;
        value += (byte & 127) * scale;
      }
      if (keep && values) values[n] = value;
    } else if (kind === 'positions') {
      byte = data[i++]!;
      let howMany = byte & 127;
      for (let scale = 128; byte & 128; scale *= 128) {
        byte = data[i++]!;
        howMany += (byte & 127) * scale;
      }
      if (keep && positions) {
        positionStart![n] = p;
        let position = 0;
        for (let k = 0; k < howMany; k++) {
          byte = data[i++]!;
          let step = byte & 127;
          for (let scale = 128; byte & 128; scale *= 128) {
            byte = data[i++]!;
            step += (byte & 127) * scale;
          }
          position += step;
          positions[p++] = position;
        }
      } else {
        // Skip the positions: a varint ends at its first byte below 128.
        for (let k = 0; k < howMany; k++) while (data[i++]! & 128);
      }
    }
    if (keep) seqs[n++] = seq;
  }
  if (positionStart) positionStart[n] = p;
  return {
    seqs: seqs.subarray(0, n),
    values: values && values.subarray(0, n),
    positionStart: positionStart && positionStart.subarray(0, n + 1),
    positions,
  };
}
