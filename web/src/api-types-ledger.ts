import type { z } from 'zod';
import type {
  consistencyProofResponse,
  inclusionProofResponse,
  ledgerInfo,
  ledgerLeaf,
  signedTreeHead,
} from '../../src/domain/schemas/ledger-schemas.ts';

/** The tamper-evident ledger's API, the same on every platform (docs/ledger.md), from its zod schemas. */
export type LedgerInfo = z.infer<typeof ledgerInfo>;
export type LedgerKey = LedgerInfo['keys'][number];
export type SignedTreeHead = z.infer<typeof signedTreeHead>;
export type InclusionProof = z.infer<typeof inclusionProofResponse>;
export type ConsistencyProof = z.infer<typeof consistencyProofResponse>;
export type LedgerLeaf = z.infer<typeof ledgerLeaf>;
