import type { z } from 'zod';
import type {
  bidReceipt,
  completeUploadBody,
  openUploadBody,
  ownBid,
  ownBidPage,
  projectBid,
  uploadState,
  withdrawnBid,
} from '../../src/domain/schemas/bid-schemas.ts';
import type {
  clarification,
  documentVersion,
  myObtainment,
  notice,
  objection,
  objectionPage,
  prequalificationApplication,
  prequalificationStatus,
  publishClarificationBody,
  publishPrequalificationResponse,
  reviewApplicationBody,
  tenderDocument,
} from '../../src/domain/schemas/document-schemas.ts';
import type { EnvelopeHeader } from '../../src/crypto/portable/envelope/envelope-header.ts';
import type {
  bidDecryption,
  decryptionOverview,
  openingKeyView,
  sealingTerms,
} from '../../src/domain/schemas/sealing-schemas.ts';
import type {
  announcementBody,
  createProjectBody,
  entrustment,
  project,
  projectSummary,
  scheduleMinimumsResponse,
  sectionInput,
  tender,
} from '../../src/domain/schemas/project-schemas.ts';

/** The trading platform's tender APIs (issue 3), inferred from the services' zod schemas. */
export type ProjectSummary = z.infer<typeof projectSummary>;
export type Project = z.infer<typeof project>;
export type Section = Project['sections'][number];
export type Announcement = NonNullable<Project['announcement']>;
export type NewProject = z.input<typeof createProjectBody>;
export type SectionInput = z.input<typeof sectionInput>;
export type AnnouncementInput = z.input<typeof announcementBody>;
export type ScheduleMinimums = z.infer<typeof scheduleMinimumsResponse>;
export type ScheduleMinimum = ScheduleMinimums['bidDeadline'];
export type Tender = z.infer<typeof tender>;
export type PublicSection = Tender['sections'][number];
export type Entrustment = z.infer<typeof entrustment>;

export type TenderDocument = z.infer<typeof tenderDocument>;
export type DocumentVersion = z.infer<typeof documentVersion>;
export type DocumentKind = TenderDocument['kind'];
export type MyObtainment = z.infer<typeof myObtainment>;
export type Clarification = z.infer<typeof clarification>;
export type NewClarification = z.input<typeof publishClarificationBody>;
export type Objection = z.infer<typeof objection>;
export type ObjectionPage = z.infer<typeof objectionPage>;
export type PrequalificationApplication = z.infer<typeof prequalificationApplication>;
export type PrequalificationStatus = z.infer<typeof prequalificationStatus>;
export type ReviewApplication = z.input<typeof reviewApplicationBody>;
export type PrequalificationPublished = z.infer<typeof publishPrequalificationResponse>;
export type Notice = z.infer<typeof notice>;

export type UploadState = z.infer<typeof uploadState>;
export type OpenUpload = z.input<typeof openUploadBody>;
export type CompleteUpload = z.input<typeof completeUploadBody>;
export type BidReceipt = z.infer<typeof bidReceipt>;
export type OwnBid = z.infer<typeof ownBid>;
export type OwnBidPage = z.infer<typeof ownBidPage>;
export type WithdrawnBid = z.infer<typeof withdrawnBid>;
export type ProjectBid = z.infer<typeof projectBid>;

/** How a tender's bids are sealed (issue 4): its suite, the opening-key remedy, the decryption window. */
export type SealingTerms = z.infer<typeof sealingTerms>;
export type OpeningKeyView = z.infer<typeof openingKeyView>;
export type { EnvelopeHeader };

/** The decryption after the deadline: its window, the opening-key reassembly, each bid (a bidder sees its own). */
export type ProjectDecryption = z.infer<typeof decryptionOverview>;
export type BidDecryption = z.infer<typeof bidDecryption>;
