/** Node returns Buffers; the suites hand out plain Uint8Array views over the same memory (no copy). */
export function plainBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}
