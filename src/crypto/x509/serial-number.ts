import { bytesToHex, hexToBytes } from '../portable/bytes.ts';

/**
 * Serial numbers travel as upper-case hexadecimal without the DER sign byte (`4F0A…`), the way
 * `openssl x509 -serial` prints them, so the CLI and the CA index agree with OpenSSL.
 */
export function serialHex(serialNumber: ArrayBuffer): string {
  const bytes = new Uint8Array(serialNumber);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytesToHex(bytes.subarray(start)).toUpperCase();
}

/** The DER INTEGER content of a positive serial given in hexadecimal (`0x` and colons allowed). */
export function serialBytes(serial: string): Uint8Array {
  const digits = serial.replace(/^0x/i, '').replace(/:/g, '');
  if (!/^[0-9a-fA-F]+$/.test(digits)) throw new Error(`serial "${serial}" is not hexadecimal`);
  const bytes = hexToBytes(digits.length % 2 === 0 ? digits : `0${digits}`);
  // A set top bit would make the INTEGER negative.
  return bytes[0]! >= 0x80 ? Uint8Array.of(0, ...bytes) : bytes;
}

export function normaliseSerialHex(serial: string): string {
  return serialHex(serialBytes(serial).slice().buffer);
}
