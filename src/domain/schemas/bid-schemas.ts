import { z } from 'zod';
import { leafInclusion } from './ledger-schemas.ts';
import { MAX_CHUNK_BYTES } from '../tender/bid-rules.ts';
import { isoTime, pageOf, pageQuery } from './common.ts';

const sha256Hex = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/)
  .transform((s) => s.toLowerCase())
  .describe('SHA-256, 64 hex digits');
const id = z.string().min(1).max(64);

export const sectionParams = z.object({ sectionId: id });
export const uploadParams = z.object({ sectionId: id, uploadId: id });
export const chunkParams = z.object({
  sectionId: id,
  uploadId: id,
  index: z.coerce.number().int().min(0).describe('0-based chunk index'),
});
export const bidParams = z.object({ bidId: id });
export const projectParams = z.object({ projectId: id });

export const openUploadBody = z.object({
  totalSize: z.number().int().min(1).describe('size of the whole bid file in bytes'),
  fileSha256: sha256Hex.describe('SHA-256 of the whole bid file'),
  chunkSize: z
    .number()
    .int()
    .min(1)
    .max(MAX_CHUNK_BYTES)
    .describe(`bytes per chunk (the last may be shorter), at most ${MAX_CHUNK_BYTES}`),
});
export type OpenUploadBody = z.infer<typeof openUploadBody>;

export const chunkHeaders = z.object({
  'x-chunk-sha256': sha256Hex.describe('SHA-256 of this chunk; a mismatch stores nothing'),
});

export const uploadState = z.object({
  id: z.string(),
  sectionId: z.string(),
  totalSize: z.number().int(),
  chunkSize: z.number().int(),
  chunkCount: z.number().int(),
  fileSha256: z.string(),
  status: z
    .enum(['open', 'completed', 'expired'])
    .describe('expired: not completed by the bid deadline, it never becomes a bid'),
  storedChunks: z.array(z.number().int()).describe('indexes of the chunks stored durably'),
  missingChunks: z.array(z.number().int()).describe('indexes still to send'),
  bidId: z.string().nullable(),
  bidDeadline: isoTime,
  createdAt: isoTime,
});
export type UploadState = z.infer<typeof uploadState>;
export const uploadListQuery = pageQuery.extend({
  status: z.enum(['open', 'completed']).optional(),
});
export const uploadPage = pageOf(uploadState);

export const storedChunk = z.object({
  index: z.number().int(),
  size: z.number().int(),
  sha256: z.string(),
  storedAt: isoTime,
});

export const completeUploadBody = z.object({
  bidBond: z.object({
    amount: z
      .number()
      .positive()
      .multipleOf(0.01)
      .describe(
        '投标保证金 in yuan, 2 decimals; at least the required bond, at most 2% of the estimated price',
      ),
    payerAccount: z.string().trim().min(1).max(64).describe('the account the bond was paid from'),
    paidAt: z.iso.datetime({ offset: true }).describe('when the bond was paid'),
  }),
});
export type CompleteUploadBody = z.infer<typeof completeUploadBody>;

export const bidReceiptContent = z.object({
  receiptId: z.string(),
  bidId: z.string(),
  projectId: z.string(),
  sectionId: z.string(),
  sectionCode: z.string(),
  bidderOrganisationId: z.string(),
  fileSha256: z.string(),
  fileSize: z.number().int(),
  receivedAt: isoTime.describe('server time the bid was recorded, before the deadline'),
  replacesBidId: z.string().nullable(),
  envelope: z
    .object({
      suite: z.enum(['gm', 'intl']),
      headerDigest: z.string(),
      ciphertextDigest: z.string(),
      signerCertificateSerial: z.string(),
    })
    .describe("the checked bid envelope: its digests, the ones the bidder's signature covers"),
});
export type BidReceiptContent = z.infer<typeof bidReceiptContent>;
export const bidReceipt = z.object({
  receipt: bidReceiptContent,
  canonical: z.string().describe('the canonical JSON of the receipt: the bytes the signature covers'),
  sha256: z.string().describe('SHA-256 of `canonical`'),
  signature: z
    .object({
      algorithm: z.literal('sm2-sm3'),
      keyId: z.string().describe("SM3 of the platform's receipt-signing public key (SPKI DER), hex"),
      publicKeyPem: z.string(),
      value: z.string().describe('base64 of the DER SM2 signature over `canonical` (ID 1234567812345678)'),
    })
    .describe("the platform's signature, verifiable offline with `zhaocai receipt verify`"),
  ledger: leafInclusion.describe(
    "the bid's bid.submitted audit event as a leaf of the platform's ledger, under a signed tree head: proof it was logged",
  ),
});
export type BidReceipt = z.infer<typeof bidReceipt>;

export const bidStatus = z.enum(['current', 'replaced', 'withdrawn']);
export const ownBid = z.object({
  id: z.string(),
  sectionId: z.string(),
  fileSha256: z.string(),
  fileSize: z.number().int(),
  status: bidStatus,
  bidBond: z.object({ amount: z.number(), payerAccount: z.string(), paidAt: isoTime }),
  submittedAt: isoTime,
  replacedAt: isoTime.nullable(),
  withdrawnAt: isoTime.nullable(),
});
export type OwnBid = z.infer<typeof ownBid>;
export const ownBidListQuery = pageQuery.extend({ status: bidStatus.optional() });
export const ownBidPage = pageOf(ownBid);

export const withdrawnBid = z.object({
  id: z.string(),
  status: z.literal('withdrawn'),
  withdrawnAt: isoTime,
});

export const projectBid = z.object({
  id: z.string(),
  sectionId: z.string(),
  sectionCode: z.string(),
  bidderOrganisationId: z.string(),
  bidderName: z.string(),
  fileSha256: z.string(),
  fileSize: z.number().int(),
  status: bidStatus,
  submittedAt: isoTime,
});
export type ProjectBid = z.infer<typeof projectBid>;
export const projectBidListQuery = pageQuery.extend({
  sectionId: id.optional(),
  status: bidStatus.optional(),
});
export const projectBidPage = pageOf(projectBid);
