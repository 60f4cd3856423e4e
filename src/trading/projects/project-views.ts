import type { z } from 'zod';
import type {
  announcement,
  EntrustmentDto,
  ProjectDto,
  ProjectSummaryDto,
  section,
  TenderDto,
} from '../../domain/schemas/project-schemas.ts';
import type { EntrustmentWithNames } from './entrustment-repository.ts';
import type { OpeningKeyView, SealingTerms } from '../../domain/schemas/sealing-schemas.ts';
import type { AnnouncementRow, ProjectRow, ProjectWithNames, SectionRow } from './project-repository.ts';

/** Rows to API shapes: fen → yuan, 0/1 → boolean, JSON text → arrays. */
export const toYuan = (fen: number): number => fen / 100;
export const toFen = (yuan: number): number => Math.round(yuan * 100);

export function sealingView(row: ProjectRow): SealingTerms {
  return {
    suite: row.cipherSuite as SealingTerms['suite'],
    openingKeyRemedy: row.openingKeyRemedy === 1,
    decryptionWindowMinutes: row.decryptionWindowMinutes,
  };
}

export function projectSummaryView(row: ProjectWithNames): ProjectSummaryDto {
  return {
    id: row.id,
    dealCode: row.dealCode,
    name: row.name,
    tendererOrganisationId: row.tendererOrganisationId,
    tendererName: row.tendererName,
    agencyOrganisationId: row.agencyOrganisationId,
    agencyName: row.agencyName,
    procedure: row.procedure as ProjectSummaryDto['procedure'],
    qualification: row.qualification as ProjectSummaryDto['qualification'],
    mustTender: row.mustTender === 1,
    stateFunded: row.stateFunded === 1,
    sealing: sealingView(row),
    region: row.region,
    industry: row.industry,
    status: row.status,
    pausedAt: row.pausedAt,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function sectionView(row: SectionRow): z.infer<typeof section> {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    estimatedPrice: toYuan(row.estimatedPriceFen),
    controlPrice: row.controlPriceFen === null ? null : toYuan(row.controlPriceFen),
    referencePrice: row.referencePriceFen === null ? null : toYuan(row.referencePriceFen),
    bidBond: toYuan(row.bidBondFen),
    bidValidityDays: row.bidValidityDays,
    evaluationMethod: row.evaluationMethod as z.infer<typeof section>['evaluationMethod'],
    criteria: JSON.parse(row.criteria) as z.infer<typeof section>['criteria'],
    readOutItems: readOutItemsOf(row),
  };
}

/** The section's required read-out items (唱标内容); null when its documents name none. */
export function readOutItemsOf(row: Pick<SectionRow, 'readOutItems'>): string[] | null {
  return row.readOutItems === null ? null : (JSON.parse(row.readOutItems) as string[]);
}

export function announcementView(row: AnnouncementRow): z.infer<typeof announcement> {
  return {
    id: row.id,
    kind: row.kind as z.infer<typeof announcement>['kind'],
    title: row.title,
    body: row.body,
    documentIssueStart: row.documentIssueStart,
    documentIssueEnd: row.documentIssueEnd,
    bidDeadline: row.bidDeadline,
    openingAt: row.openingAt,
    prequalificationDeadline: row.prequalificationDeadline,
    objectionContact: row.objectionContact,
    invitedOrganisationIds: JSON.parse(row.invitedOrganisationIds) as string[],
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
  };
}

export function projectView(
  row: ProjectWithNames,
  sections: readonly SectionRow[],
  announcementRow: AnnouncementRow | undefined,
): ProjectDto {
  return {
    ...projectSummaryView(row),
    sections: sections.map(sectionView),
    announcement: announcementRow ? announcementView(announcementRow) : null,
  };
}

/** What anyone may read of a published tender: no reference price (标底 is secret), no invitees. */
export function tenderView(
  row: ProjectWithNames,
  sections: readonly SectionRow[],
  announcementRow: AnnouncementRow,
  openingKey: OpeningKeyView | null,
): TenderDto {
  const {
    invitedOrganisationIds: _invited,
    createdAt: _created,
    ...publicAnnouncement
  } = announcementView(announcementRow);
  return {
    id: row.id,
    dealCode: row.dealCode,
    name: row.name,
    tendererName: row.tendererName,
    agencyName: row.agencyName,
    procedure: row.procedure as TenderDto['procedure'],
    qualification: row.qualification as TenderDto['qualification'],
    region: row.region,
    industry: row.industry,
    status: row.status,
    pausedAt: row.pausedAt,
    publishedAt: row.publishedAt ?? announcementRow.publishedAt ?? '',
    sections: sections.map((s) => {
      const { referencePrice: _secret, ...rest } = sectionView(s);
      return rest;
    }),
    announcement: publicAnnouncement,
    sealing: sealingView(row),
    openingKey,
  };
}

export function entrustmentView(row: EntrustmentWithNames, at: string): EntrustmentDto {
  return {
    id: row.id,
    tendererOrganisationId: row.tendererOrganisationId,
    tendererName: row.tendererName,
    agencyOrganisationId: row.agencyOrganisationId,
    agencyName: row.agencyName,
    scope: row.scope,
    validUntil: row.validUntil,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    active: row.revokedAt === null && (row.validUntil === null || row.validUntil > at),
  };
}
