/**
 * The opening hall's shapes as the web app reads them (docs/opening.md). They mirror
 * src/trading/opening-hall/hall-schemas.ts and src/trading/exceptions, which the browser may not
 * import.
 */

export type DecryptionStatus = 'pending' | 'decrypted' | 'failed_bidder' | 'failed_other';

export interface ReadOutLine {
  readonly bidId: string;
  /** The leaf of the bid's submission in the ledger, the one its receipt proves; absent in old records. */
  readonly ledgerLeafIndex?: number | null;
  readonly sectionCode: string;
  readonly bidderName: string;
  readonly status: DecryptionStatus;
  readonly statusText: string;
  readonly decryptedBy: string | null;
  readonly bidForm: 'present' | 'missing' | null;
  readonly bidFormText: string | null;
  readonly priceFen: number | null;
  readonly priceYuan: string | null;
  readonly durationDays: number | null;
  readonly qualityCommitment: string | null;
  readonly bidBondFen: number | null;
  readonly items: Readonly<Record<string, string>>;
}

export interface SignIn {
  readonly organisationName: string;
  readonly capacity: string;
  readonly signedInAt: string;
}

export interface Progress {
  readonly total: number;
  readonly pending: number;
  readonly decrypted: number;
  readonly failed_bidder: number;
  readonly failed_other: number;
}

export interface OpeningRecordBody {
  readonly projectName: string;
  readonly dealCode: string;
  readonly openingAt: string;
  readonly openedAt: string;
  readonly windowClosedAt: string;
  readonly readOutAt: string;
  readonly signIns: readonly SignIn[];
  readonly sections: readonly {
    readonly code: string;
    readonly name: string;
    readonly opened: boolean;
    readonly failure: string | null;
    readonly lines: readonly ReadOutLine[];
  }[];
}

export interface RecordResponse {
  readonly id: string;
  readonly bidderName: string;
  readonly kind: 'confirmed' | 'objection';
  readonly text: string | null;
  readonly respondedAt: string;
  readonly answer: string | null;
  readonly answeredAt: string | null;
}

export interface TenderException {
  readonly id: string;
  readonly sectionId: string | null;
  readonly sectionCode: string | null;
  readonly kind: 'failed' | 'terminated';
  readonly rule: string | null;
  readonly reason: string;
  readonly recordedAt: string;
  readonly retenderProjectId: string | null;
}

export type HallStage = 'waiting' | 'opened' | 'window_closed' | 'read_out' | 'failed' | 'terminated';

export interface OpeningHall {
  readonly projectId: string;
  readonly projectName: string;
  readonly dealCode: string;
  readonly openingAt: string;
  readonly window: { readonly openedAt: string; readonly closesAt: string };
  readonly stage: string;
  readonly openedAt: string | null;
  readonly windowClosedAt: string | null;
  readonly readOutAt: string | null;
  readonly lastSeq: number;
  readonly you: { readonly organisationId: string; readonly host: boolean };
  readonly signIns: readonly SignIn[];
  readonly progress: Progress | null;
  readonly bids: readonly ReadOutLine[];
  readonly record: { readonly sha256: string; readonly body: OpeningRecordBody } | null;
  readonly responses: readonly RecordResponse[];
  readonly exceptions: readonly TenderException[];
}
