/**
 * PEM armour (RFC 7468) without Buffer, so certificates can be read in the browser too.
 */

export type PemLabel = 'CERTIFICATE' | 'X509 CRL' | 'PUBLIC KEY' | 'PRIVATE KEY';

export class PemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PemError';
  }
}

const BLOCK_PATTERNS = new Map<PemLabel, RegExp>();

/** The DER bytes of the first `label` block in `text`. */
export function pemToDer(text: string, label: PemLabel): Uint8Array {
  let pattern = BLOCK_PATTERNS.get(label);
  if (!pattern) {
    pattern = new RegExp(`-----BEGIN ${label}-----([^-]*)-----END ${label}-----`);
    BLOCK_PATTERNS.set(label, pattern);
  }
  const match = pattern.exec(text);
  if (!match) throw new PemError(`no "${label}" PEM block found`);
  const base64 = match[1]!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new PemError(`the "${label}" PEM block is not base64`);
  const binary = atob(base64);
  const der = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) der[i] = binary.charCodeAt(i);
  return der;
}

export function derToPem(der: Uint8Array | ArrayBuffer, label: PemLabel): string {
  const bytes = der instanceof Uint8Array ? der : new Uint8Array(der);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
