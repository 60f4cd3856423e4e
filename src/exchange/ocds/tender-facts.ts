/**
 * What the OCDS export needs to know of one published tender, as plain data: whoever holds it (the
 * transaction platform's database, a hub's received data sets) reads it into this shape, and
 * `tenderReleases` decides what of it is public when. Instants are ISO 8601 (UTC), amounts fen.
 */
export interface OrganisationFacts {
  /** 统一社会信用代码. */
  readonly creditCode: string;
  readonly name: string;
  readonly region: string | null;
}

export interface SectionFacts {
  /** 标段编号: the deal code and a 3-digit number. */
  readonly code: string;
  readonly name: string;
  readonly estimatedPriceFen: number;
  readonly evaluationMethod: 'comprehensive' | 'lowest_price';
  /** When the section's result was published (the first award): the evaluation is public from then. */
  readonly resultPublishedAt: string | null;
}

export interface AnnouncementFacts {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly publishedAt: string;
  readonly documentIssueStart: string;
  /** The bid deadline as published, before any clarification moved it. */
  readonly bidDeadline: string;
}

/** 澄清或修改, and schedule changes after an objection's pause. */
export interface ClarificationFacts {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly publishedAt: string;
  /** The bid deadline from then on, when it moved. */
  readonly newBidDeadline: string | null;
}

/** A bid as the opening record read it out (唱标), with what the platform knows of its bidder. */
export interface OpenedBidFacts {
  readonly id: string;
  readonly sectionCode: string;
  readonly bidder: OrganisationFacts;
  readonly submittedAt: string;
  /** The decryption outcome the record states (E7). */
  readonly decryption: 'pending' | 'decrypted' | 'failed_bidder' | 'failed_other';
  /** The read-out price; null when not decrypted or without a bid form. */
  readonly priceFen: number | null;
  /** The evaluation's review (否决投标 or not); null until decided. */
  readonly review: 'passed' | 'rejected' | null;
}

/** 开标记录: generated at the read-out, after the bid deadline. */
export interface OpeningFacts {
  readonly readOutAt: string;
  readonly bids: readonly OpenedBidFacts[];
}

/**
 * 招标失败 or 终止, of one section or (sectionCode null) the whole tender; a failed pre-qualification
 * (C2) is one too, from its publication.
 */
export interface ExceptionFacts {
  /** Stable: it names the exception's release. */
  readonly id: string;
  readonly sectionCode: string | null;
  readonly kind: 'failed' | 'terminated';
  readonly ruleId: string | null;
  readonly reason: string;
  readonly recordedAt: string;
}

/** 中标候选人公示. */
export interface PublicityFacts {
  readonly sectionCode: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly candidates: readonly { readonly rank: number; readonly bidId: string }[];
}

/** 定标 and 中标结果公告; `revokedAt` once revoked (条例 55, 74). */
export interface AwardFacts {
  readonly sectionCode: string;
  readonly bidId: string;
  readonly supplier: OrganisationFacts;
  readonly priceFen: number;
  readonly awardedAt: string;
  readonly revokedAt: string | null;
}

export interface ContractFacts {
  readonly sectionCode: string;
  readonly amountFen: number;
  readonly signedAt: string;
  /** When the platform recorded it, i.e. published it. */
  readonly recordedAt: string;
}

export interface TenderFacts {
  /** 统一交易标识码. */
  readonly dealCode: string;
  readonly name: string;
  readonly procedure: 'open' | 'invited';
  readonly qualification: 'pre' | 'post';
  readonly tenderer: OrganisationFacts;
  readonly agency: OrganisationFacts | null;
  readonly announcement: AnnouncementFacts;
  readonly sections: readonly SectionFacts[];
  readonly clarifications: readonly ClarificationFacts[];
  readonly opening: OpeningFacts | null;
  readonly exceptions: readonly ExceptionFacts[];
  readonly publicities: readonly PublicityFacts[];
  /** Every award, revoked ones included, in the order made. */
  readonly awards: readonly AwardFacts[];
  readonly contracts: readonly ContractFacts[];
  /** The failed tender this one tenders again (重新招标). */
  readonly retenderOf: { readonly dealCode: string; readonly name: string } | null;
}
