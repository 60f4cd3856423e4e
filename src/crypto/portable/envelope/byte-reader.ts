/**
 * Pulls exact byte counts out of a stream of arbitrarily sized chunks, holding no more than the
 * largest single read: the envelope is parsed frame by frame, never buffered whole.
 */
export class ByteReader {
  readonly #iterator: AsyncIterator<Uint8Array>;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #ended = false;
  /** Bytes handed out so far: the offset of the next read in the envelope. */
  position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#iterator = source[Symbol.asyncIterator]();
  }

  /** Exactly `length` bytes, or fewer only when the stream ends first. */
  async read(length: number): Promise<Uint8Array> {
    while (this.#buffered < length && !this.#ended) {
      const next = await this.#iterator.next();
      if (next.done) this.#ended = true;
      else if (next.value.length > 0) {
        this.#chunks.push(next.value);
        this.#buffered += next.value.length;
      }
    }
    const take = Math.min(length, this.#buffered);
    this.position += take;
    this.#buffered -= take;
    const first = this.#chunks[0];
    if (first && first.length >= take) {
      // The common case with large chunks: a view, no copy.
      const out = first.subarray(0, take);
      if (first.length === take) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(take);
      return out;
    }
    const out = new Uint8Array(take);
    let filled = 0;
    while (filled < take) {
      const chunk = this.#chunks[0]!;
      const part = Math.min(chunk.length, take - filled);
      out.set(chunk.subarray(0, part), filled);
      filled += part;
      if (part === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(part);
    }
    return out;
  }

  async atEnd(): Promise<boolean> {
    if (this.#buffered > 0) return false;
    const probe = await this.read(1);
    if (probe.length === 0) return true;
    this.position -= 1;
    this.#chunks.unshift(probe);
    this.#buffered += 1;
    return false;
  }

  /** Stops the source early (e.g. closes the file) when parsing fails. */
  async close(): Promise<void> {
    await this.#iterator.return?.();
  }
}
