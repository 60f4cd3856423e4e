import type { Generated } from 'kysely';

/**
 * Tables and columns of migration 0005 (sealed bids). Binary values are base64 text; hashes hex.
 * The columns added to `tender_project`, `bid` and `bid_receipt` are declared in `SealingColumns`
 * and merged into those tables' types in schema.ts.
 */
export interface SealingTables {
  openingKey: {
    projectId: string;
    suite: string;
    publicKeyPem: string;
    keyId: string;
    threshold: number;
    createdAt: string;
    createdByUserId: string | null;
    reassembledAt: string | null;
  };
  openingKeyShare: {
    projectId: string;
    holderId: string;
    holderName: string;
    holderKeyId: string;
    x: number;
    encryptedShare: string;
    commitment: string;
    submittedShare: string | null;
    submittedAt: string | null;
    submittedByUserId: string | null;
  };
}

export interface ProjectSealingColumns {
  cipherSuite: Generated<string>;
  openingKeyRemedy: Generated<number>;
  decryptionWindowMinutes: Generated<number>;
}

export interface BidSealingColumns {
  envelopeSuite: string | null;
  /** Canonical JSON of the envelope header the platform checked. */
  envelopeHeader: string | null;
  signerCreditCode: string | null;
  signerCertificateSerial: string | null;
  decryptionStatus: string | null;
  decryptedBy: string | null;
  decryptedSha256: string | null;
  decryptedSize: number | null;
  decryptedAt: string | null;
  decryptionFailure: string | null;
}

export interface ReceiptSealingColumns {
  signature: string | null;
  signerKeyId: string | null;
}
