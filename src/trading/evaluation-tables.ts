/**
 * Tables and columns of migration 0008 (online evaluation, 评标): one session per section, the
 * members' review votes, the review outcome per bid, score sheets, clarification decisions on
 * abnormally low prices, chair nominations, dissents, signatures, requests for more time and
 * extensions, and the evaluation report the award reads; migration 0010 adds the quantified price
 * deviations of the lowest evaluated price method. JSON columns hold canonical JSON.
 */
export interface EvaluationTables {
  evaluationSession: {
    id: string;
    projectId: string;
    sectionId: string;
    /** 'open' while the committee works; 'finalised' once the report is frozen. */
    status: string;
    /** The elected chair (评标委员会负责人), once a majority of members nominated the same one. */
    chairExpertId: string | null;
    /** The end of the evaluation time as last extended by the tenderer (条例 48), if extended. */
    extendedUntil: string | null;
    openedAt: string;
    openedByUserId: string | null;
    finalisedAt: string | null;
  };
  evaluationChairNomination: {
    sessionId: string;
    expertId: string;
    nomineeExpertId: string;
    nominatedAt: string;
  };
  evaluationVote: {
    sessionId: string;
    expertId: string;
    bidId: string;
    requirementId: string;
    pass: number;
    /** A rejection ground (条例 51) named by a failing vote. */
    ground: string | null;
    note: string | null;
    votedAt: string;
  };
  evaluationBidReview: {
    sessionId: string;
    bidId: string;
    /** 'pending', 'passed' or 'rejected' (否决投标). */
    status: string;
    /** JSON array of 条例 51 grounds, for a rejected bid. */
    grounds: string;
    /** JSON array of the failed requirements with their votes. */
    failed: string;
    decidedAt: string;
  };
  evaluationScoreSheet: {
    sessionId: string;
    expertId: string;
    /** JSON array of {bidId, criterion, points}. */
    entries: string;
    savedAt: string;
  };
  evaluationClarification: {
    sessionId: string;
    bidId: string;
    /** 'accepted' (the bidder explained its price) or 'below_cost' (rejected, 条例 51 (5)). */
    decision: string;
    note: string;
    recordedByExpertId: string;
    recordedAt: string;
  };
  evaluationDissent: {
    sessionId: string;
    expertId: string;
    opinion: string;
    reason: string;
    recordedAt: string;
  };
  evaluationSignature: {
    sessionId: string;
    expertId: string;
    /** 'signed' or 'refused'. */
    kind: string;
    writtenReason: string | null;
    /** The SHA-256 of the draft report the member signed or refused. */
    reportSha256: string;
    /** JSON of a certificate signature over that hash, when the member sent one. */
    signature: string | null;
    recordedAt: string;
  };
  evaluationTimeEvent: {
    id: string;
    sessionId: string;
    /** 'more_time_requested' or 'evaluation_time_extended'. */
    type: string;
    expertId: string | null;
    reason: string;
    until: string | null;
    /** JSON array of the expert ids who had asked, for an extension. */
    requestedBy: string | null;
    at: string;
  };
  /** Migration 0010: the chair's quantified deviations (价格折算) for the lowest evaluated price. */
  evaluationPriceDeviation: {
    id: string;
    sessionId: string;
    bidId: string;
    description: string;
    /** Signed: added to the bid price for the ranking only; negative when it favours the tenderer. */
    amountFen: number | string;
    recordedByUserId: string;
    recordedAt: string;
    /** Set when the chair withdrew it: it no longer counts, the row stays for the archive. */
    removedByUserId: string | null;
    removedAt: string | null;
  };
  /** Read by the award: keep these columns. */
  evaluationReport: {
    id: string;
    projectId: string;
    sectionId: string;
    /** 'draft' or 'final'. */
    status: string;
    /** Canonical JSON array of the ranked candidates (C7: at most 3). */
    candidates: string;
    /** Canonical JSON of the report; frozen when final. */
    reportJson: string;
    reportSha256: string;
    finalisedAt: string | null;
    createdAt: string;
  };
}

/** Columns migration 0008 adds to `tender_section`; null means the documented default. */
export interface EvaluationSectionColumns {
  /** JSON array of ReviewRequirement; null: DEFAULT_REVIEW_REQUIREMENTS. */
  reviewRequirements: string | null;
  /** JSON of PriceScoreConfig; null: DEFAULT_PRICE_SCORE_CONFIG. */
  priceScoreConfig: string | null;
}
