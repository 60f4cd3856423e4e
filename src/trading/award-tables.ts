/**
 * Tables of migration 0009 (the award, 定标): candidate publicity and its objections, candidates'
 * standing, the award, the contract, the report to the supervisor and the bid-bond refunds.
 * Amounts are fen (PostgreSQL returns bigint as text: read them through `Number`).
 */
export interface AwardTables {
  awardPublicity: {
    sectionId: string;
    projectId: string;
    /** The final evaluation report the publicity is based on. */
    reportId: string;
    /** Canonical JSON of the published candidates (rank, bidder, price, score). */
    candidates: string;
    body: string;
    startsAt: string;
    endsAt: string;
    publishedByUserId: string | null;
  };
  awardObjection: {
    id: string;
    sectionId: string;
    /** The objecting bidder or interested party; null for a member of the public without one. */
    organisationId: string | null;
    userId: string | null;
    body: string;
    raisedAt: string;
    reply: string | null;
    repliedAt: string | null;
    repliedByUserId: string | null;
  };
  awardCandidateStanding: {
    sectionId: string;
    bidId: string;
    /** 'gave_up', 'failed_to_perform' or 'ineligible' (条例 55). */
    standing: string;
    /** What shows it: the written waiver, the finding, etc. */
    evidence: string;
    recordedAt: string;
    recordedByUserId: string | null;
  };
  awardDecision: {
    sectionId: string;
    projectId: string;
    bidId: string;
    bidderOrganisationId: string;
    priceFen: number;
    /** 'C8' when the first-available-candidate rule decided; null when the tenderer chose. */
    rule: string | null;
    /** The tenderer's recorded reason (required outside C8). */
    reason: string | null;
    /** The text of the award notice (中标通知书) sent to the winner. */
    noticeBody: string;
    /** Canonical JSON of the result announcement (中标结果公告). */
    announcement: string;
    /** The award and the issue of the award notice: one instant. */
    awardedAt: string;
    awardedByUserId: string | null;
  };
  awardContract: {
    sectionId: string;
    amountFen: number;
    performanceBondFen: number;
    signedAt: string;
    filename: string;
    fileSha256: string;
    fileSize: number;
    recordedAt: string;
    recordedByUserId: string | null;
  };
  awardSupervisorReport: {
    sectionId: string;
    content: string;
    reportedAt: string;
    reportedByUserId: string | null;
  };
  bidBondRefund: {
    bidId: string;
    sectionId: string;
    amountFen: number;
    /** The bank transfer or receipt reference. */
    reference: string;
    refundedAt: string;
    recordedAt: string;
    recordedByUserId: string | null;
  };
}
