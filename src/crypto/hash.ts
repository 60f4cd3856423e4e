import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.ts';
import type { HashAlgorithm } from './portable/suite.ts';

export function hashHex(data: string | Uint8Array, algorithm: HashAlgorithm = 'sha256'): string {
  return createHash(algorithm).update(data).digest('hex');
}

/** Hash of a value's canonical JSON: how object states are fingerprinted in audit events. */
export function hashState(value: unknown, algorithm: HashAlgorithm = 'sha256'): string {
  return hashHex(canonicalJson(value), algorithm);
}

/** URL-safe random token with `bytes` of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
