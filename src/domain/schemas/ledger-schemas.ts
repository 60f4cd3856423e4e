import { z } from 'zod';
import { isoTime, pageOf, pageQuery } from './common.ts';

/** Schemas of the tamper-evident ledger's API (docs/ledger.md), shared by routes and the web client. */

const hexDigest = z.string().regex(/^[0-9a-f]{64}$/, 'hex digest');
const treeSize = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const ledgerHashAlgorithm = z.enum(['sm3', 'sha256']);

export const signedTreeHead = z
  .object({
    platform: z.string().min(1).max(32),
    seq: z.int().min(1),
    treeSize: z.int().min(0),
    rootHash: hexDigest,
    timestamp: isoTime,
    hashAlgorithm: ledgerHashAlgorithm,
    keyId: hexDigest,
    signatureAlgorithm: z.enum(['sm2-sm3', 'ecdsa-p256-sha256']),
    signature: z
      .string()
      .min(1)
      .max(512)
      .describe('base64 of the DER signature over the head (docs/ledger.md)'),
  })
  .describe('a signed tree head: the ledger at a size, signed by the service key');
export type SignedTreeHeadDto = z.infer<typeof signedTreeHead>;

export const leafInclusion = z
  .object({
    leafIndex: z.int().min(0),
    entry: z
      .string()
      .max(64 * 1024)
      .describe("the leaf's data: the audit event's canonical JSON; the leaf hash is H(0x00 ‖ entry)"),
    treeHead: signedTreeHead,
    path: z.array(hexDigest).max(64).describe('the inclusion proof, leaf to root (RFC 9162 §2.1.3)'),
    publicKeyPem: z
      .string()
      .max(4096)
      .describe(
        "the key that signed the head, for convenience: trust the platform's published key (GET /api/ledger)",
      ),
  })
  .describe('evidence that an event is a leaf of the ledger under a signed tree head');
export type LeafInclusion = z.infer<typeof leafInclusion>;

export const ledgerKey = z.object({
  keyId: hexDigest,
  signatureAlgorithm: z.enum(['sm2-sm3', 'ecdsa-p256-sha256']),
  publicKeyPem: z.string(),
  firstUsedAt: isoTime,
});

export const ledgerInfo = z.object({
  platform: z.string(),
  hashAlgorithm: ledgerHashAlgorithm,
  treeSize: z.int().min(0),
  latestTreeHead: signedTreeHead.nullable(),
  keys: z.array(ledgerKey).describe('every key that signed a head here, the current one last'),
});

export const treeHeadListQuery = pageQuery;
export const treeHeadPage = pageOf(signedTreeHead);

export const inclusionProofQuery = z.object({
  index: treeSize.describe('leaf index'),
  treeSize: treeSize.optional().describe('tree size; by default that of the latest signed tree head'),
});
export const inclusionProofResponse = z.object({
  leafIndex: z.int(),
  treeSize: z.int(),
  leafHash: hexDigest,
  path: z.array(hexDigest),
  treeHead: signedTreeHead.nullable().describe('the signed head of this size, if one was signed'),
});

export const consistencyProofQuery = z.object({
  first: treeSize,
  second: treeSize.optional().describe('by default the size of the latest signed tree head'),
});
export const consistencyProofResponse = z.object({
  first: z.int(),
  second: z.int(),
  path: z.array(hexDigest).describe('RFC 9162 §2.1.4 consistency proof'),
});

export const ledgerLeaf = z.object({
  leafIndex: z.int(),
  leafHash: hexDigest,
  entry: z
    .string()
    .nullable()
    .describe('the audit event (canonical JSON), for operators and supervisors, unless still sealed (E4)'),
});
