import { z } from 'zod';
import { openingKeyView, sealingTerms } from './sealing-schemas.ts';
import { isoTime, pageOf, pageQuery } from './common.ts';

/** An amount in yuan (元) with at most 2 decimals; stored as integer fen (分). */
export const yuan = z
  .number()
  .min(0)
  .max(1e13)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { message: 'at most 2 decimals' })
  .describe('amount in yuan (元), at most 2 decimals');

const instantInput = z.iso.datetime({ offset: true }).describe('ISO 8601 instant');

export const procedure = z.enum(['open', 'invited']).describe("'open' 公开招标 | 'invited' 邀请招标");
export const qualification = z.enum(['pre', 'post']).describe("'pre' 资格预审 | 'post' 资格后审");
/** 'draft' until published; later stages (e.g. 'failed') are set by the work that follows publication. */
export const projectStatus = z
  .string()
  .max(32)
  .describe("'draft' (editable), 'published' (fixed), then later stages such as 'failed'");
export const evaluationMethod = z
  .enum(['comprehensive', 'lowest_price'])
  .describe("'comprehensive' 综合评估法 | 'lowest_price' 经评审的最低投标价法");
export const announcementKind = z
  .enum(['tender', 'prequalification', 'invitation'])
  .describe("'tender' 招标公告 | 'prequalification' 资格预审公告 | 'invitation' 投标邀请书");

export const criterion = z.object({
  name: z.string().min(1).max(100),
  weight: z.number().min(0).max(100).describe('percentage points; the weights of a section sum to 100'),
});

/** 唱标内容: the items every bid form must state for the read-out, e.g. 工期, 质量, 项目经理. */
export const readOutItemNames = z
  .array(z.string().min(1).max(50))
  .min(1)
  .max(20)
  .describe(
    '唱标内容: 1–20 distinct item names (≤ 50 characters) every bid form must state for the read-out',
  );

export const sectionInput = z.object({
  name: z.string().min(1).max(200),
  estimatedPrice: yuan.describe('估算价, yuan'),
  controlPrice: yuan.nullish().describe('最高投标限价, yuan (optional)'),
  referencePrices: z
    .array(yuan)
    .max(20)
    .default([])
    .describe('标底, yuan: at most one (C10, 条例 27); kept secret, never shown publicly'),
  minimumBidPrice: yuan
    .nullish()
    .describe('最低投标限价: forbidden (C10, 条例 27); the request is refused when it is given'),
  bidBond: yuan.describe('投标保证金, yuan: at most 2% of the estimated price (C3, 条例 26)'),
  bidValidityDays: z.number().int().min(1).max(365).describe('投标有效期, days'),
  evaluationMethod,
  criteria: z
    .array(criterion)
    .max(50)
    .default([])
    .describe("for 'comprehensive': the criteria, weights summing to 100; empty for 'lowest_price'"),
  readOutItems: readOutItemNames.nullish().describe('唱标内容 (optional): fixed at publication'),
});

export const projectInput = z.object({
  name: z.string().min(1).max(200),
  procedure,
  qualification,
  mustTender: z.boolean().describe('依法必须进行招标的项目: statutory minimum time limits apply'),
  stateFunded: z.boolean().describe('国有资金占控股或者主导地位'),
  sealing: sealingTerms.prefault({}).describe('how bids are sealed and opened (issue 4); gm by default'),
  region: z.string().max(100).nullish(),
  industry: z.string().max(100).nullish(),
  sections: z.array(sectionInput).min(1).max(999),
});

export const createProjectBody = projectInput.extend({
  tendererOrganisationId: z
    .string()
    .max(64)
    .optional()
    .describe(
      "the tenderer: an agency must name the tenderer that entrusted it; a tenderer's own by default",
    ),
});
export type CreateProjectBody = z.infer<typeof createProjectBody>;
export type ProjectInput = z.infer<typeof projectInput>;

export const section = z.object({
  id: z.string(),
  code: z.string().describe('标段编号: deal code + 3-digit section number'),
  name: z.string(),
  estimatedPrice: z.number(),
  controlPrice: z.number().nullable(),
  referencePrice: z.number().nullable().describe('标底 (secret: shown to the tenderer and its agency only)'),
  bidBond: z.number(),
  bidValidityDays: z.number().int(),
  evaluationMethod,
  criteria: z.array(criterion),
  readOutItems: z
    .array(z.string())
    .nullable()
    .describe('唱标内容: the items each bid form must state (keys of its `items`); null: none required'),
});
export const publicSection = section.omit({ referencePrice: true });

const scheduleFields = {
  documentIssueStart: isoTime.describe('招标文件/资格预审文件开始发出'),
  documentIssueEnd: isoTime.describe('发售截止'),
  bidDeadline: isoTime.describe('投标截止时间'),
  openingAt: isoTime.describe('开标时间 = 投标截止时间 (T6)'),
  prequalificationDeadline: isoTime.nullable().describe('资格预审申请截止 (pre-qualification only)'),
};

export const announcementBody = z.object({
  title: z.string().min(1).max(300),
  body: z.string().min(1).max(100_000).describe('the announcement text'),
  documentIssueStart: instantInput,
  documentIssueEnd: instantInput,
  bidDeadline: instantInput,
  openingAt: instantInput.describe('must equal the bid deadline (T6, 法 34)'),
  prequalificationDeadline: instantInput.nullish().describe('required for pre-qualification, else absent'),
  objectionContact: z.string().min(1).max(500).describe('异议受理联系方式'),
  invitedOrganisationIds: z
    .array(z.string().max(64))
    .max(500)
    .default([])
    .describe('投标邀请书 only: the invited organisations'),
});
export type AnnouncementBody = z.infer<typeof announcementBody>;

export const announcement = z.object({
  id: z.string(),
  kind: announcementKind,
  title: z.string(),
  body: z.string(),
  ...scheduleFields,
  objectionContact: z.string(),
  invitedOrganisationIds: z.array(z.string()),
  publishedAt: isoTime.nullable(),
  createdAt: isoTime,
});
export const publicAnnouncement = announcement.omit({ invitedOrganisationIds: true, createdAt: true });

export const projectSummary = z.object({
  id: z.string(),
  dealCode: z.string().describe('统一交易标识码 (33 characters)'),
  name: z.string(),
  tendererOrganisationId: z.string(),
  tendererName: z.string(),
  agencyOrganisationId: z.string().nullable(),
  agencyName: z.string().nullable(),
  procedure,
  qualification,
  mustTender: z.boolean(),
  stateFunded: z.boolean(),
  sealing: sealingTerms,
  region: z.string().nullable(),
  industry: z.string().nullable(),
  status: projectStatus,
  pausedAt: isoTime.nullable().describe('set while an objection pauses the tender (条例 22)'),
  publishedAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const project = projectSummary.extend({
  sections: z.array(section),
  announcement: announcement.nullable(),
});
export type ProjectDto = z.infer<typeof project>;
export type ProjectSummaryDto = z.infer<typeof projectSummary>;

export const projectListQuery = pageQuery.extend({
  status: projectStatus.optional(),
  q: z.string().max(100).optional().describe('part of the name or deal code'),
});
export const projectPage = pageOf(projectSummary);

export const tender = z.object({
  id: z.string(),
  dealCode: z.string(),
  name: z.string(),
  tendererName: z.string(),
  agencyName: z.string().nullable(),
  procedure,
  qualification,
  region: z.string().nullable(),
  industry: z.string().nullable(),
  status: projectStatus,
  pausedAt: isoTime.nullable().describe('set while an objection pauses the tender (条例 22)'),
  publishedAt: isoTime,
  sections: z.array(publicSection),
  announcement: publicAnnouncement,
  sealing: sealingTerms,
  openingKey: openingKeyView
    .nullable()
    .describe("what a bidder seals to: the tender's opening public key (in the detail; null in lists)"),
});
export type TenderDto = z.infer<typeof tender>;
export const tenderListQuery = pageQuery.extend({
  region: z.string().max(100).optional(),
  industry: z.string().max(100).optional(),
  q: z.string().max(100).optional().describe('part of the name, deal code or announcement title'),
});
export const tenderPage = pageOf(tender);

export const scheduleMinimumsQuery = z.object({ documentIssueStart: instantInput });
const scheduleMinimum = z.object({
  earliest: isoTime.describe('same CST time of day as the issue start, on the earliest lawful day'),
  earliestDate: z.string().describe('earliest lawful CST date, YYYY-MM-DD'),
  rules: z.array(z.string()).describe('the rules that set this minimum, e.g. ["T1"]'),
});
export const scheduleMinimumsResponse = z.object({
  documentIssueStart: isoTime,
  documentIssueEnd: scheduleMinimum,
  bidDeadline: scheduleMinimum.describe('the opening is at the bid deadline (T6)'),
  prequalificationDeadline: scheduleMinimum.nullable(),
});

export const entrustmentBody = z.object({
  agencyOrganisationId: z.string().max(64),
  scope: z.string().min(1).max(500).describe('委托范围'),
  validUntil: instantInput.nullish(),
});
export const entrustment = z.object({
  id: z.string(),
  tendererOrganisationId: z.string(),
  tendererName: z.string(),
  agencyOrganisationId: z.string(),
  agencyName: z.string(),
  scope: z.string(),
  validUntil: isoTime.nullable(),
  createdAt: isoTime,
  revokedAt: isoTime.nullable(),
  active: z.boolean(),
});
export type EntrustmentDto = z.infer<typeof entrustment>;
export const entrustmentListQuery = pageQuery.extend({
  active: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});
export const entrustmentPage = pageOf(entrustment);

export const organisationRelationBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('head').describe('单位负责人'),
    personName: z.string().min(1).max(100),
    personIdNumber: z.string().min(1).max(40).describe('居民身份证号码; only its SHA-256 is stored'),
  }),
  z.object({
    kind: z.literal('controls').describe('控股或管理 the related organisation'),
    relatedOrganisationId: z.string().max(64),
  }),
]);
export type OrganisationRelationBody = z.infer<typeof organisationRelationBody>;
export const organisationRelation = z.object({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  kind: z
    .enum(['head', 'controls'])
    .describe(
      "'head': personName heads organisationId; 'controls': organisationId controls relatedOrganisationId",
    ),
  personName: z.string().nullable(),
  relatedOrganisationId: z.string().nullable(),
  relatedOrganisationName: z.string().nullable(),
  createdAt: isoTime,
});
export type OrganisationRelationDto = z.infer<typeof organisationRelation>;
export const organisationRelationPage = pageOf(organisationRelation);
