/** Just enough DER reading to take keys apart; keys are small and well-formed, so no general ASN.1 library. */

export interface DerElement {
  readonly tag: number;
  readonly contents: Uint8Array;
}

export const DER_TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  objectIdentifier: 0x06,
  sequence: 0x30,
  contextConstructed1: 0xa1,
} as const;

function readElement(bytes: Uint8Array, offset: number): { element: DerElement; next: number } {
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  if (tag === undefined || length === undefined) throw new Error('DER: truncated element');
  let start = offset + 2;
  if (length & 0x80) {
    const lengthBytes = length & 0x7f;
    if (lengthBytes === 0 || lengthBytes > 4) throw new Error('DER: unsupported length encoding');
    length = 0;
    for (let i = 0; i < lengthBytes; i++) {
      const byte = bytes[start + i];
      if (byte === undefined) throw new Error('DER: truncated length');
      length = length * 256 + byte;
    }
    start += lengthBytes;
  }
  const end = start + length;
  if (end > bytes.length) throw new Error('DER: element longer than its container');
  return { element: { tag, contents: bytes.subarray(start, end) }, next: end };
}

/** The single element that makes up `bytes`, checked to carry `tag`. */
export function readDer(bytes: Uint8Array, tag: number): DerElement {
  const { element, next } = readElement(bytes, 0);
  if (next !== bytes.length) throw new Error('DER: trailing bytes');
  return expectTag(element, tag);
}

/** The elements inside a constructed element (SEQUENCE, [0], …). */
export function derChildren(element: DerElement): DerElement[] {
  const children: DerElement[] = [];
  let offset = 0;
  while (offset < element.contents.length) {
    const { element: child, next } = readElement(element.contents, offset);
    children.push(child);
    offset = next;
  }
  return children;
}

export function expectTag(element: DerElement | undefined, tag: number): DerElement {
  if (!element) throw new Error(`DER: missing element with tag 0x${tag.toString(16)}`);
  if (element.tag !== tag) {
    throw new Error(`DER: expected tag 0x${tag.toString(16)}, found 0x${element.tag.toString(16)}`);
  }
  return element;
}

/** The content of a BIT STRING with no unused bits (as keys are encoded). */
export function bitStringBytes(element: DerElement): Uint8Array {
  if (element.contents[0] !== 0) throw new Error('DER: BIT STRING with unused bits');
  return element.contents.subarray(1);
}
