import { z } from 'zod';
import { isoTime } from './common.ts';

/** 密码套件: gm = SM2/SM3/SM4 (default), intl = ECDSA P-256, ECDH + HKDF, AES-256-GCM, SHA-256. */
export const cipherSuite = z.enum(['gm', 'intl']);

/** How a tender's bids are sealed and opened; fixed at publication. */
export const sealingTerms = z.object({
  suite: cipherSuite.default('gm'),
  openingKeyRemedy: z
    .boolean()
    .default(true)
    .describe('the documents let the opening key open a bid its bidder failed to decrypt (办法 31)'),
  decryptionWindowMinutes: z
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(60)
    .describe(
      'minutes from the deadline; up to 7 days, so a sandbox clock at ×1440 still leaves real minutes',
    ),
});
export type SealingTerms = z.infer<typeof sealingTerms>;

const pem = z
  .string()
  .min(1)
  .max(16 * 1024);
const hexDigest = z.string().regex(/^[0-9a-f]{64}$/, 'hex digest');
const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
  .max(4096);

/** One keyholder's share of the opening key, wrapped to the holder's encryption key. */
export const openingKeyShare = z.object({
  holderId: z.string().min(1).max(64),
  holderName: z.string().min(1).max(200),
  holderKeyId: hexDigest,
  x: z.int().min(1).max(255),
  encryptedShare: base64,
  commitment: hexDigest.describe('suite hash of x ‖ share: lets the platform recognise the genuine share'),
});

export type OpeningKeyShareDto = z.infer<typeof openingKeyShare>;

/** The package the tenderer's side makes at publication (createOpeningKey); the private key is not in it. */
export const openingKeyInput = z.object({
  format: z.literal('zhaocai-opening-key'),
  version: z.literal(1),
  suite: cipherSuite,
  publicKeyPem: pem,
  keyId: hexDigest,
  threshold: z.int().min(2).max(16),
  shares: z.array(openingKeyShare).min(2).max(16),
});
export type OpeningKeyInput = z.infer<typeof openingKeyInput>;

/** What anyone sealing a bid needs, and who holds the shares. */
export const openingKeyView = z.object({
  suite: cipherSuite,
  publicKeyPem: z.string(),
  keyId: z.string(),
  threshold: z.int(),
  holders: z.array(
    z.object({ holderId: z.string(), holderName: z.string(), holderKeyId: z.string(), x: z.int() }),
  ),
  createdAt: isoTime,
  reassembledAt: isoTime.nullable(),
});
export type OpeningKeyView = z.infer<typeof openingKeyView>;

/** The platform's public keys: receipt signing, and the keyholder key its opening-key share is wrapped to. */
export const platformKeysView = z.object({
  receiptSigning: z.object({ algorithm: z.literal('sm2-sm3'), keyId: z.string(), publicKeyPem: z.string() }),
  keyholderEncryption: z.record(cipherSuite, z.object({ keyId: z.string(), publicKeyPem: z.string() })),
});

export const decryptionStatus = z.enum(['pending', 'decrypted', 'failed_bidder', 'failed_other']);

/** One bid's decryption at the opening (E6, E7). */
export const bidDecryption = z.object({
  bidId: z.string(),
  sectionCode: z.string(),
  bidderName: z.string(),
  status: decryptionStatus,
  decryptedBy: z.enum(['bidder', 'opening_key']).nullable(),
  decryptedAt: isoTime.nullable(),
});
export type BidDecryptionDto = z.infer<typeof bidDecryption>;

export const decryptionOverview = z.object({
  window: z.object({ openedAt: isoTime, closesAt: isoTime }),
  openingKey: z.object({
    threshold: z.int(),
    sharesSubmitted: z.int(),
    reassembledAt: isoTime.nullable(),
  }),
  bids: z.array(bidDecryption),
});
export type DecryptionOverviewDto = z.infer<typeof decryptionOverview>;

export const decryptBidBody = z.object({
  contentKey: base64.describe('the content key, unwrapped on the bidder’s machine with its encryption key'),
});

export const keyShareBody = z.object({
  holderId: z.string().min(1).max(64),
  share: base64.describe('the holder’s decrypted share (y), base64'),
});
