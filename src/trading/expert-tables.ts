import type { ProjectTables } from './project-tables.ts';

/**
 * Tables of migration 0007: the expert pool and each section's committee draw (C5, C6). JSON
 * columns hold canonical JSON.
 */
export interface ExpertTables {
  expert: {
    id: string;
    name: string;
    /** SHA-256 of the normalised ID number; the number itself is never stored. */
    idNumberHash: string;
    employerOrganisationId: string | null;
    region: string;
    /** 'technical' or 'economic'. */
    category: string;
    /** The expert's own account, so that it sees its seats. */
    userId: string | null;
    /** JSON array of organisation ids the expert declared an interest in. */
    conflictOrganisationIds: string;
    createdAt: string;
    updatedAt: string;
  };
  expertSpecialty: {
    expertId: string;
    specialty: string;
  };
  expertUnavailability: {
    expertId: string;
    /** [startsAt, endsAt), ISO UTC. */
    startsAt: string;
    endsAt: string;
  };
  committeeRequest: {
    id: string;
    projectId: string;
    sectionId: string;
    size: number;
    tendererRepresentatives: number;
    /** JSON array of {specialty, category, count}. */
    requirements: string;
    evaluationAt: string;
    algorithm: string;
    /** 'committing', 'frozen' or 'drawn'. */
    status: string;
    /** JSON of the sorted eligible list, once frozen. */
    eligible: string | null;
    eligibleDigest: string | null;
    seed: string | null;
    /** JSON of the DrawLog, once drawn; replacement steps are appended. */
    drawLog: string | null;
    createdAt: string;
    createdByUserId: string | null;
    frozenAt: string | null;
    drawnAt: string | null;
  };
  drawParty: {
    requestId: string;
    party: string;
    commitment: string;
    committedAt: string;
    committedByUserId: string | null;
    /** The value the platform holds for itself or for an absent party, until it reveals it. */
    heldValue: string | null;
    value: string | null;
    revealedAt: string | null;
    substituted: number;
  };
  committeeSeat: {
    requestId: string;
    seat: number;
    requirementIndex: number;
    expertId: string;
    /** 'seated' or 'vacated'. */
    status: string;
    vacatedReason: string | null;
    /** 0 for the initial draw, n for replacement step n. */
    step: number;
    createdAt: string;
  };
  expertRecusal: {
    requestId: string;
    expertId: string;
    ground: string;
    organisationId: string | null;
    recordedAt: string;
  };
  /** Migration 0007 adds result_published_at: until then the drawn experts' names stay secret (法 37). */
  tenderSection: ProjectTables['tenderSection'] & { resultPublishedAt: string | null };
}
