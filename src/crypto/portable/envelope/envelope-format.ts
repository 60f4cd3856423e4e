import { GM_NONCE_LENGTH, INTL_NONCE_LENGTH } from '../segment-layout.ts';
import type { SuiteId } from '../suite.ts';
import { concatBytes, uint32BigEndian } from '../bytes.ts';

/**
 * Constants of bid-envelope format version 1 (docs/formats/bid-envelope.md).
 *
 *   prelude  "ZCBE" ‖ u8 version ‖ u8 flags ‖ u32 headerLength
 *   header   canonical JSON (UTF-8)
 *   segment  u32 sealedLength ‖ sealed                       (one or more)
 *   trailer  u32 0xFFFFFFFF ‖ headerDigest ‖ u32 segmentCount ‖ segmentDigest × segmentCount
 *            ‖ ciphertextDigest ‖ u16 signatureLength ‖ signature
 */
export const ENVELOPE_MAGIC = new TextEncoder().encode('ZCBE');
export const ENVELOPE_VERSION = 1;
export const ENVELOPE_FORMAT = 'zhaocai-bid-envelope';
export const PRELUDE_LENGTH = 10;
export const TRAILER_MARKER = 0xffffffff;
/** SM3 and SHA-256 both give 32 bytes. */
export const DIGEST_LENGTH = 32;

export const DEFAULT_SEGMENT_SIZE = 1024 * 1024;
export const MIN_SEGMENT_SIZE = 4 * 1024;
export const MAX_SEGMENT_SIZE = 16 * 1024 * 1024;
/** Certificates make up most of a header; anything this large is not one. */
export const MAX_HEADER_LENGTH = 256 * 1024;
/** Upper bound on what sealing adds to a segment (both suites add a 16-byte tag). */
export const MAX_SEGMENT_OVERHEAD = 1024;

/**
 * Length of the per-envelope nonce, exactly what each suite's segment construction uses
 * (../segment-layout.ts): 8 bytes of the SM4-CTR counter block, 7 bytes of the AES-GCM IV. The content
 * key is fresh per envelope, so the nonce only has to be random, never counted.
 */
export const NONCE_LENGTH: Record<SuiteId, number> = { gm: GM_NONCE_LENGTH, intl: INTL_NONCE_LENGTH };

const SIGNATURE_CONTEXT = new TextEncoder().encode('ZCBE-SIG-v1');

export function prelude(headerLength: number): Uint8Array {
  return concatBytes(ENVELOPE_MAGIC, Uint8Array.of(ENVELOPE_VERSION, 0), uint32BigEndian(headerLength));
}

/** The bidder signs "ZCBE-SIG-v1" ‖ headerDigest ‖ ciphertextDigest. */
export function signedMessage(headerDigest: Uint8Array, ciphertextDigest: Uint8Array): Uint8Array {
  return concatBytes(SIGNATURE_CONTEXT, headerDigest, ciphertextDigest);
}

/** An empty plaintext still has one (empty, final) segment. */
export function segmentCount(plaintextLength: number, segmentSize: number): number {
  return Math.max(1, Math.ceil(plaintextLength / segmentSize));
}

export function segmentPlaintextLength(index: number, plaintextLength: number, segmentSize: number): number {
  return Math.max(0, Math.min(segmentSize, plaintextLength - index * segmentSize));
}
