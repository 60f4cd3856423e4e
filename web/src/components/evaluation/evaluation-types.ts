/**
 * The shapes of the expert pool, committee draw, evaluation and award APIs (issue 5), mirroring
 * the services' zod schemas in src/trading/experts, src/trading/evaluation and src/trading/award,
 * which the browser may not import. No imports: pure helpers and their tests use these too.
 */

export type ExpertCategory = 'technical' | 'economic';
export interface Range {
  readonly startsAt: string;
  readonly endsAt: string;
}
export interface Expert {
  readonly id: string;
  readonly name: string;
  readonly specialties: readonly string[];
  readonly employerOrganisationId: string | null;
  readonly region: string;
  readonly category: ExpertCategory;
  readonly userId: string | null;
  readonly conflictOrganisationIds: readonly string[];
  readonly unavailable: readonly Range[];
  readonly createdAt: string;
  readonly updatedAt: string;
}
export interface ExpertInput {
  readonly name: string;
  readonly idNumber: string;
  readonly specialties: readonly string[];
  readonly employerOrganisationId: string | null;
  readonly region: string;
  readonly category: ExpertCategory;
  readonly userId: string | null;
  readonly conflictOrganisationIds: readonly string[];
}
export type ExpertUpdate = Partial<Omit<ExpertInput, 'idNumber'>>;

export type DrawParty = 'tenderer' | 'platform' | 'supervisor';
export interface CommitteeRequirement {
  readonly specialty: string;
  readonly category: ExpertCategory;
  readonly count: number;
}
export interface CommitteeRequest {
  readonly size: number;
  readonly tendererRepresentatives: number;
  readonly requirements: readonly CommitteeRequirement[];
  readonly evaluationAt: string;
}
export interface CommitteeSeat {
  readonly seat: number;
  readonly specialty: string;
  readonly category: ExpertCategory;
  readonly status: 'seated' | 'vacated';
  readonly step: number;
  readonly expert: { expertId: string; name: string; employerOrganisationId: string | null } | null;
}
export interface Committee extends CommitteeRequest {
  readonly requestId: string;
  readonly sectionId: string;
  readonly status: 'committing' | 'frozen' | 'drawn';
  readonly algorithm: 'sm3' | 'sha256';
  readonly eligibleCount: number | null;
  readonly eligibleDigest: string | null;
  readonly seed: string | null;
  readonly parties: readonly {
    party: DrawParty;
    commitment: string;
    committedAt: string;
    substituted: boolean;
    value: string | null;
  }[];
  readonly namesVisible: boolean;
  readonly seats: readonly CommitteeSeat[];
}
export interface DrawLogView {
  readonly log: unknown;
  readonly replay: { matches: boolean; problem: string | null };
}
export type ReplacementReason = 'recused' | 'declared_conflict' | 'no_show';

export interface SessionMember {
  readonly label: string;
  readonly expertId: string | null;
  readonly name: string | null;
  readonly chair: boolean;
  readonly self: boolean;
}
/** A quantified deviation (价格折算) the chair recorded; signed, negative when it favours the tenderer. */
export interface PriceDeviation {
  readonly id: string;
  readonly description: string;
  readonly amountFen: number;
  readonly recordedAt: string;
}
export interface SessionBid {
  readonly bidId: string;
  readonly bidderName: string;
  readonly priceFen: number | null;
  readonly review: 'pending' | 'passed' | 'rejected';
  readonly grounds: readonly string[];
  readonly deviations: readonly PriceDeviation[];
  /** Price plus deviations, for a bid that passed under the lowest evaluated price method. */
  readonly evaluatedPriceFen: number | null;
}
export interface PriceDeviationInput {
  readonly bidId: string;
  readonly description: string;
  readonly amountFen: number;
}
export interface PriceDeviationResult {
  readonly id: string;
  readonly bidId: string;
  readonly evaluatedPriceFen: number;
  readonly reportDiscarded: boolean;
  readonly at: string;
}
export interface SessionVote {
  readonly member: string;
  readonly bidId: string;
  readonly requirementId: string;
  readonly pass: boolean;
  readonly ground: string | null;
  readonly note: string | null;
}
export interface ScoreEntryInput {
  readonly bidId: string;
  readonly criterion: string;
  readonly points: number;
}
export interface EvaluationSession {
  readonly view: 'member' | 'supervisor' | 'manager';
  readonly sessionId: string;
  readonly projectId: string;
  readonly sectionId: string;
  readonly status: 'open' | 'finalised';
  readonly openedAt: string;
  readonly extendedUntil: string | null;
  readonly finalisedAt: string | null;
  readonly method: 'comprehensive' | 'lowest_price';
  readonly requirements: readonly { id: string; stage: string; title: string; ground: string | null }[];
  readonly members: readonly SessionMember[];
  readonly bids: readonly SessionBid[];
  readonly votes: readonly SessionVote[];
  readonly scoreSheets: readonly { member: string; savedAt: string; entries: readonly ScoreEntryInput[] }[];
  readonly scoreSheetsHandedIn: number;
  readonly basePriceFen: number | null;
  readonly priceScores: readonly { bidId: string; priceScoreCenti: number }[];
  readonly abnormalPrices: readonly {
    bidId: string;
    priceFen: number;
    referenceFen: number;
    thresholdFen: number;
    article: { zh: string; en: string };
    clarification: string | null;
  }[];
  readonly report: {
    status: 'draft' | 'final';
    reportSha256: string;
    signedSha256: string;
    candidates: readonly unknown[];
    reportJson: string | null;
  } | null;
  readonly signatures: readonly { member: string; kind: string; at: string }[];
  readonly dissents: number;
  readonly timeEvents: readonly { type: string; at: string; reason: string; until: string | null }[];
  readonly moreTimeRequired: boolean;
}
export interface VoteInput {
  readonly bidId: string;
  readonly requirementId: string;
  readonly pass: boolean;
  readonly ground?: string | null;
  readonly note?: string | null;
}

export type TimelineStepName =
  | 'candidates_published'
  | 'publicity'
  | 'objection_reply'
  | 'award_revoked'
  | 'award'
  | 'contract'
  | 'supervisor_report'
  | 'bond_refund';
export type TimelineStatus = 'done' | 'pending' | 'late' | 'not_required' | 'waiting';
export interface TimelineStep {
  readonly step: TimelineStepName;
  readonly subjectId: string | null;
  readonly rule: string | null;
  readonly article: { zh: string; en: string } | null;
  readonly dueBy: string | null;
  readonly dueByCst: string | null;
  readonly status: TimelineStatus;
  readonly doneAt: string | null;
  readonly daysLeft: number | null;
  readonly warning: boolean;
  readonly violation: Readonly<Record<string, string | number>> | null;
}
export interface Candidate {
  readonly rank: number;
  readonly bidId: string;
  readonly bidderOrganisationId: string;
  readonly bidderName: string;
  readonly priceFen: number;
  readonly score: number | null;
  readonly evaluatedPriceFen: number | null;
}
export interface CandidateObjection {
  readonly id: string;
  readonly sectionId: string;
  readonly body: string;
  readonly raisedAt: string;
  readonly reply: string | null;
  readonly repliedAt: string | null;
}
export interface AwardTimeline {
  readonly sectionId: string;
  readonly now: string;
  readonly warningDays: number;
  readonly steps: readonly TimelineStep[];
  readonly publicity: {
    candidates: readonly Candidate[];
    body: string;
    startsAt: string;
    endsAt: string;
  } | null;
  readonly objections: readonly CandidateObjection[];
  readonly award: {
    bidId: string;
    bidderOrganisationId: string;
    priceFen: number;
    rule: string | null;
    reason: string | null;
    noticeBody: string;
    awardedAt: string;
  } | null;
  readonly bondRefunds: readonly {
    bidId: string;
    bidderName: string;
    amountFen: number;
    trigger: 'contract_signed' | 'withdrawn' | null;
    refundedAt: string | null;
    reference: string | null;
    /** The revoked winner's bond: the tenderer may keep it (条例 74). */
    forfeitable: { ground: string; revokedAt: string } | null;
    step: TimelineStep;
  }[];
  readonly overdueRefunds: readonly string[];
  readonly revocations: readonly { bidId: string; ground: string; evidence: string; revokedAt: string }[];
}
export type RevocationGround = 'gave_up' | 'not_signed' | 'no_performance_bond' | 'ineligible';
export type AwardChoice = { bidId: string; reason?: string } | { retender: true; reason: string };
export interface ContractInput {
  readonly file: File;
  readonly amountFen: number;
  readonly performanceBondFen: number;
  readonly signedAt: string;
}
export interface BidResult {
  readonly bidId: string;
  readonly sectionId: string;
  readonly outcome: 'pending' | 'won' | 'not_won';
  readonly candidateRank: number | null;
  readonly publicityEndsAt: string | null;
  readonly notice: { kind: string; title: string; body: string; createdAt: string } | null;
  readonly awardedAt: string | null;
}

/** Where a seat's evaluation stands: no session yet, a session open, or its report finalised. */
export type SeatStatus = 'upcoming' | 'evaluating' | 'done';
/** One of the signed-in expert's own seats (GET /api/experts/me/seats). */
export interface MySeat {
  readonly projectId: string;
  readonly projectName: string;
  readonly dealCode: string;
  readonly sectionId: string;
  readonly sectionCode: string;
  readonly sectionName: string;
  readonly seat: number;
  readonly specialty: string;
  readonly category: ExpertCategory;
  readonly evaluationAt: string;
  readonly status: SeatStatus;
  readonly evaluationStatus: 'open' | 'finalised' | null;
  readonly drawnAt: string | null;
}
