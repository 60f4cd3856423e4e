/**
 * The part of an OCDS 1.1 release (with the bid extension) that the export produces. Type aliases,
 * not interfaces, so that a release is also a plain JSON object for merging and validation.
 */
export type Value = { readonly amount: number; readonly currency: 'CNY' };

export type Period = { readonly startDate?: string; readonly endDate?: string };

export type Identifier = { readonly scheme: string; readonly id: string; readonly legalName: string };

export type OrganizationReference = { readonly id: string; readonly name: string };

export type PartyRole = 'buyer' | 'procuringEntity' | 'tenderer' | 'supplier';

export type Party = OrganizationReference & {
  readonly identifier: Identifier;
  readonly address: { readonly region?: string; readonly countryName: string };
  readonly roles: readonly PartyRole[];
};

export type Item = { readonly id: string; readonly description: string };

export type Document = {
  readonly id: string;
  readonly documentType: string;
  readonly title: string;
  readonly description?: string;
  readonly datePublished: string;
};

export type Amendment = {
  readonly id: string;
  readonly date: string;
  readonly rationale: string;
  readonly description: string;
  readonly amendsReleaseID: string;
  readonly releaseID: string;
};

export type Tender = {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly status: 'active' | 'cancelled' | 'unsuccessful' | 'complete';
  readonly procuringEntity: OrganizationReference;
  readonly items: readonly Item[];
  readonly value: Value;
  readonly procurementMethod: 'open' | 'selective' | 'limited';
  readonly procurementMethodDetails: string;
  readonly awardCriteria?: 'ratedCriteria' | 'priceOnly';
  readonly awardCriteriaDetails: string;
  readonly submissionMethod: readonly ['electronicSubmission'];
  readonly tenderPeriod: Period;
  readonly documents: readonly Document[];
  readonly amendments?: readonly Amendment[];
  readonly numberOfTenderers?: number;
  readonly tenderers?: readonly OrganizationReference[];
};

export type Award = {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly status: 'pending' | 'active' | 'cancelled';
  readonly date: string;
  readonly value?: Value;
  readonly suppliers?: readonly OrganizationReference[];
  readonly items: readonly Item[];
  readonly relatedBid?: string;
  readonly relatedBids?: readonly string[];
};

export type Contract = {
  readonly id: string;
  readonly awardID: string;
  readonly title: string;
  readonly status: 'active';
  readonly value: Value;
  readonly dateSigned: string;
  readonly items: readonly Item[];
  readonly relatedBids: readonly string[];
};

export type BidStatus = 'pending' | 'valid' | 'disqualified' | 'withdrawn';

export type Bid = {
  readonly id: string;
  readonly date: string;
  readonly status: BidStatus;
  readonly tenderers: readonly OrganizationReference[];
  readonly value?: Value;
  readonly relatedLots: readonly string[];
  readonly hasRank?: boolean;
  readonly rank?: number;
};

export type Statistic = {
  readonly id: string;
  readonly measure: string;
  readonly value: number;
  readonly currency?: 'CNY';
  readonly relatedLot: string;
};

export type RelatedProcess = {
  readonly id: string;
  readonly relationship: readonly string[];
  readonly title: string;
  readonly scheme: 'ocid';
  readonly identifier: string;
};

export type ReleaseTag =
  | 'tender'
  | 'tenderAmendment'
  | 'tenderUpdate'
  | 'tenderCancellation'
  | 'award'
  | 'awardCancellation'
  | 'contract';

export type Release = {
  readonly ocid: string;
  readonly id: string;
  readonly date: string;
  readonly tag: readonly ReleaseTag[];
  readonly initiationType: 'tender';
  readonly language: 'zh';
  readonly parties: readonly Party[];
  readonly buyer: OrganizationReference;
  readonly tender: Tender;
  readonly awards?: readonly Award[];
  readonly contracts?: readonly Contract[];
  readonly bids?: { readonly details: readonly Bid[]; readonly statistics: readonly Statistic[] };
  readonly relatedProcesses?: readonly RelatedProcess[];
};
