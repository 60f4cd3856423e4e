import type { Generated } from 'kysely';

/** Tables of migration 0002: projects, sections, announcements, entrustments, relations, outbox. */
export interface ProjectTables {
  organisationRelation: {
    id: string;
    organisationId: string;
    /** 'head' (单位负责人) or 'controls' (控股或管理 relatedOrganisationId). */
    kind: string;
    personIdHash: string | null;
    personName: string | null;
    relatedOrganisationId: string | null;
    createdAt: string;
  };
  entrustment: {
    id: string;
    tendererOrganisationId: string;
    agencyOrganisationId: string;
    scope: string;
    validUntil: string | null;
    createdAt: string;
    revokedAt: string | null;
  };
  tenderProject: {
    id: string;
    dealCode: string;
    name: string;
    tendererOrganisationId: string;
    agencyOrganisationId: string | null;
    entrustmentId: string | null;
    procedure: string;
    qualification: string;
    mustTender: number;
    stateFunded: number;
    region: string | null;
    industry: string | null;
    status: string;
    pausedAt: string | null;
    publishedAt: string | null;
    createdAt: string;
    updatedAt: string;
  };
  tenderSection: {
    id: string;
    projectId: string;
    code: string;
    name: string;
    estimatedPriceFen: number;
    controlPriceFen: number | null;
    referencePriceFen: number | null;
    bidBondFen: number;
    bidValidityDays: number;
    evaluationMethod: string;
    /** Canonical JSON of the evaluation criteria. */
    criteria: string;
    createdAt: string;
  };
  announcement: {
    id: string;
    projectId: string;
    kind: string;
    title: string;
    body: string;
    documentIssueStart: string;
    documentIssueEnd: string;
    bidDeadline: string;
    openingAt: string;
    prequalificationDeadline: string | null;
    objectionContact: string;
    /** JSON array of organisation ids, for 投标邀请书. */
    invitedOrganisationIds: string;
    publishedAt: string | null;
    createdAt: string;
  };
  outbox: {
    seq: Generated<number>;
    id: string;
    eventType: string;
    dataSetCode: string;
    aggregateType: string;
    aggregateId: string;
    payload: string;
    createdAt: string;
    sentAt: string | null;
  };
}
