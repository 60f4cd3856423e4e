import type { ReportCandidate } from '../evaluation/evaluation-report-repository.ts';
import type {
  ContractRow,
  DecisionRow,
  ObjectionRow,
  PublicityRow,
  RefundRow,
  RevocationRow,
} from './award-repository.ts';

export interface PublicityView {
  readonly sectionId: string;
  readonly candidates: ReportCandidate[];
  readonly body: string;
  readonly startsAt: string;
  readonly endsAt: string;
}

export function publicityView(row: PublicityRow): PublicityView {
  return {
    sectionId: row.sectionId,
    candidates: JSON.parse(row.candidates) as ReportCandidate[],
    body: row.body,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
  };
}

export interface ObjectionView {
  readonly id: string;
  readonly sectionId: string;
  readonly body: string;
  readonly raisedAt: string;
  readonly reply: string | null;
  readonly repliedAt: string | null;
}

export function objectionView(row: ObjectionRow): ObjectionView {
  return {
    id: row.id,
    sectionId: row.sectionId,
    body: row.body,
    raisedAt: row.raisedAt,
    reply: row.reply,
    repliedAt: row.repliedAt,
  };
}

export interface DecisionView {
  readonly sectionId: string;
  readonly bidId: string;
  readonly bidderOrganisationId: string;
  readonly priceFen: number;
  readonly rule: string | null;
  readonly reason: string | null;
  readonly noticeBody: string;
  readonly awardedAt: string;
}

export function decisionView(row: DecisionRow): DecisionView {
  return {
    sectionId: row.sectionId,
    bidId: row.bidId,
    bidderOrganisationId: row.bidderOrganisationId,
    priceFen: Number(row.priceFen),
    rule: row.rule,
    reason: row.reason,
    noticeBody: row.noticeBody,
    awardedAt: row.awardedAt,
  };
}

export interface ContractView {
  readonly sectionId: string;
  readonly amountFen: number;
  readonly performanceBondFen: number;
  readonly signedAt: string;
  readonly filename: string;
  readonly fileSha256: string;
  readonly fileSize: number;
  readonly recordedAt: string;
}

export function contractView(row: ContractRow): ContractView {
  return {
    sectionId: row.sectionId,
    amountFen: Number(row.amountFen),
    performanceBondFen: Number(row.performanceBondFen),
    signedAt: row.signedAt,
    filename: row.filename,
    fileSha256: row.fileSha256,
    fileSize: Number(row.fileSize),
    recordedAt: row.recordedAt,
  };
}

export interface RefundView {
  readonly bidId: string;
  readonly amountFen: number;
  readonly reference: string;
  readonly refundedAt: string;
}

export function refundView(row: RefundRow): RefundView {
  return {
    bidId: row.bidId,
    amountFen: Number(row.amountFen),
    reference: row.reference,
    refundedAt: row.refundedAt,
  };
}

export interface RevocationView {
  readonly id: string;
  readonly sectionId: string;
  /** The revoked award as it was. */
  readonly award: DecisionView;
  readonly ground: string;
  readonly evidence: string;
  readonly revokedAt: string;
}

export function revocationView(row: RevocationRow): RevocationView {
  return {
    id: row.id,
    sectionId: row.sectionId,
    award: decisionView(row),
    ground: row.ground,
    evidence: row.evidence,
    revokedAt: row.revokedAt,
  };
}
