import type { ArchiveSection } from './archive-part.ts';
import { awardSection } from './award-sections.ts';
import { bidsSection, bidUploadsSection, openingKeySection } from './bid-sections.ts';
import { committeeSection } from './committee-sections.ts';
import { evaluationSection } from './evaluation-sections.ts';
import { openingHallSection, tenderExceptionsSection } from './opening-sections.ts';
import {
  clarificationsSection,
  documentsSection,
  noticesSection,
  objectionsSection,
  obtainmentsSection,
  outboxSection,
  prequalificationSection,
  projectSection,
} from './record-sections.ts';

/**
 * Every table of a project, in the order its files appear in the archive. To archive a new table,
 * write its collector (one small function) and list it here; its rows and their audit events then
 * go into every archive.
 */
export const ARCHIVE_SECTIONS: readonly ArchiveSection[] = [
  projectSection,
  documentsSection,
  clarificationsSection,
  obtainmentsSection,
  objectionsSection,
  prequalificationSection,
  bidUploadsSection,
  bidsSection,
  openingKeySection,
  openingHallSection,
  tenderExceptionsSection,
  committeeSection,
  evaluationSection,
  awardSection,
  noticesSection,
  outboxSection,
];
