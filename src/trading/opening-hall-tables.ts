/**
 * Tables and columns of migration 0006 (the opening): the remote opening hall, its event stream,
 * sign-ins, the opening record and the bidders' responses to it, and tender exceptions (failure,
 * termination, re-tender). The columns added to `bid` (the bid form read from the decrypted
 * package) are merged into that table's type in schema.ts.
 */
export interface OpeningHallTables {
  openingHall: {
    projectId: string;
    /** The last event sequence number of the project: each event takes the next, under this row's lock. */
    lastSeq: number;
    openedAt: string | null;
    openedByUserId: string | null;
    windowClosedAt: string | null;
    readOutAt: string | null;
  };
  openingHallEvent: {
    projectId: string;
    seq: number;
    type: string;
    /** 'public', 'managers' (tenderer and agency) or 'org:<organisation id>'. */
    audience: string;
    /** Canonical JSON. */
    payload: string;
    createdAt: string;
  };
  openingSignIn: {
    projectId: string;
    organisationId: string;
    /** 'bidder' or 'tenderer' (the tenderer or its agency, hosting the opening). */
    capacity: string;
    userId: string | null;
    signedInAt: string;
  };
  openingRecord: {
    projectId: string;
    /** Canonical JSON of the record as generated; its SHA-256 is `sha256`. */
    body: string;
    sha256: string;
    generatedAt: string;
  };
  openingRecordResponse: {
    id: string;
    projectId: string;
    organisationId: string;
    /** 'confirmed' or 'objection' (条例 44). */
    kind: string;
    text: string | null;
    userId: string | null;
    respondedAt: string;
    answer: string | null;
    answeredByUserId: string | null;
    answeredAt: string | null;
  };
  tenderException: {
    id: string;
    projectId: string;
    /** null: the whole tender. */
    sectionId: string | null;
    /** 'failed' or 'terminated'. */
    kind: string;
    /** The legal rule behind it (e.g. 'C1'), or null for a failure or termination with a stated reason. */
    ruleId: string | null;
    reason: string;
    recordedAt: string;
    recordedByUserId: string | null;
    /** The draft project created to tender again, once there is one. */
    retenderProjectId: string | null;
  };
}

export interface BidFormColumns {
  /** null before decryption; then 'present' or 'missing' (the plaintext is no valid bid package). */
  bidFormStatus: string | null;
  /** Canonical JSON of the bid form read from the package. */
  bidForm: string | null;
  bidPriceFen: number | null;
  /** Why the form is missing, for the evaluation. */
  bidFormProblem: string | null;
}

/** Added to `tender_section` by migration 0011. */
export interface ReadOutSectionColumns {
  /** JSON array of the item names the tender documents require read out; null: none. */
  readOutItems: string | null;
}
