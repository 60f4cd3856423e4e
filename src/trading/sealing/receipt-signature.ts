import { hashHex } from '../../crypto/hash.ts';
import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { fromBase64, toBase64 } from '../../crypto/portable/envelope/binary.ts';
import type { BidReceipt } from '../../domain/schemas/bid-schemas.ts';
import { PLATFORM_SUITE, type PlatformKey } from './platform-keys.ts';

export type ReceiptSignature = BidReceipt['signature'];

/** Signs a receipt's canonical JSON with the platform's receipt key (SM2 with SM3). */
export async function signReceipt(canonical: string, key: PlatformKey): Promise<ReceiptSignature> {
  const value = await nodeSuite(PLATFORM_SUITE).sign(key.privateKeyPem, new TextEncoder().encode(canonical));
  return { algorithm: 'sm2-sm3', keyId: key.keyId, publicKeyPem: key.publicKeyPem, value: toBase64(value) };
}

/**
 * Offline check of a receipt: its digest, and the platform's signature under `publicKeyPem` (the
 * platform's published key; by default the one the receipt carries, which proves integrity only).
 */
export async function verifyReceipt(
  receipt: Pick<BidReceipt, 'canonical' | 'sha256' | 'signature'>,
  publicKeyPem = receipt.signature.publicKeyPem,
): Promise<{ ok: true } | { ok: false; problem: string }> {
  const bytes = new TextEncoder().encode(receipt.canonical);
  if (hashHex(bytes) !== receipt.sha256)
    return { ok: false, problem: 'the SHA-256 does not match the receipt text' };
  const valid = await nodeSuite(PLATFORM_SUITE).verify(
    publicKeyPem,
    bytes,
    fromBase64(receipt.signature.value),
  );
  return valid ? { ok: true } : { ok: false, problem: "the platform's signature does not verify" };
}
