import { z } from 'zod';
import { isoTime, pageOf, pageQuery } from './common.ts';

export const documentKind = z
  .enum(['tender', 'prequalification'])
  .describe('tender: 招标文件; prequalification: 资格预审文件');

export const projectParams = z.object({ projectId: z.string().min(1).max(64) });

export const uploadDocumentQuery = z.object({
  kind: documentKind,
  filename: z
    .string()
    .min(1)
    .max(255)
    .describe('file name; may also be sent in the x-filename header (URI-encoded)')
    .optional(),
  title: z.string().min(1).max(200).optional().describe('title of a new document; defaults to the file name'),
  documentId: z.string().max(64).optional().describe('to upload a new version of an existing document'),
});

export const documentVersion = z.object({
  id: z.string(),
  documentId: z.string(),
  version: z.number().int(),
  filename: z.string(),
  hash: z.string().describe('SHA-256 of the file, lowercase hex'),
  size: z.number().int(),
  status: z
    .enum(['current', 'superseded', 'pending'])
    .describe('pending: uploaded after publication, becomes current with a clarification'),
  clarificationId: z.string().nullable(),
  uploadedAt: isoTime,
});
export type DocumentVersionDto = z.infer<typeof documentVersion>;

export const tenderDocument = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: documentKind,
  title: z.string(),
  createdAt: isoTime,
  current: documentVersion.nullable(),
  versions: z.array(documentVersion),
});
export type TenderDocumentDto = z.infer<typeof tenderDocument>;

export const documentListQuery = pageQuery.extend({ kind: documentKind.optional() });
export const documentPage = pageOf(tenderDocument);

export const versionParams = projectParams.extend({ versionId: z.string().min(1).max(64) });

export const myObtainment = z.object({
  projectId: z.string(),
  obtained: z.boolean(),
  obtainedAt: isoTime.nullable(),
});

export const obtainer = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  creditCode: z.string(),
  obtainedAt: isoTime,
});
export const obtainerPage = pageOf(obtainer);

const flag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');

export const publishClarificationBody = z.object({
  kind: documentKind.default('tender'),
  title: z.string().min(1).max(200),
  body: z.string().min(1).max(20000),
  affectsPreparation: z
    .boolean()
    .default(true)
    .describe('may it affect the preparation of bids (or applications)? amendments always may'),
  newBidDeadline: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('extended bid deadline; the opening moves with it (T6)'),
  newPrequalificationDeadline: z.iso.datetime({ offset: true }).optional(),
  documentVersionIds: z
    .array(z.string().max(64))
    .max(100)
    .default([])
    .describe('pending document versions this amendment makes current'),
});

export const clarification = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: z.enum(['tender', 'prequalification', 'schedule']),
  title: z.string(),
  body: z.string(),
  affectsPreparation: z.boolean(),
  previousBidDeadline: isoTime,
  newBidDeadline: isoTime.nullable(),
  previousPrequalificationDeadline: isoTime.nullable(),
  newPrequalificationDeadline: isoTime.nullable(),
  documentVersionIds: z.array(z.string()),
  publishedAt: isoTime,
});
export type ClarificationDto = z.infer<typeof clarification>;
export const clarificationListQuery = pageQuery.extend({ kind: clarification.shape.kind.optional() });
export const clarificationPage = pageOf(clarification);

export const raiseObjectionBody = z.object({
  kind: documentKind.default('tender'),
  body: z.string().min(1).max(20000),
});
export const replyObjectionBody = z.object({ reply: z.string().min(1).max(20000) });
export const objectionParams = projectParams.extend({ objectionId: z.string().min(1).max(64) });

export const objection = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: documentKind,
  organisationId: z.string().describe('the objector; shown to the tenderer and to the objector only'),
  organisationName: z.string(),
  body: z.string(),
  raisedAt: isoTime,
  replyDueAt: isoTime.describe('T5R: 3 days after it was raised'),
  reply: z.string().nullable(),
  repliedAt: isoTime.nullable(),
  overdue: z.boolean().describe('unanswered past replyDueAt, or answered late'),
});
export type ObjectionDto = z.infer<typeof objection>;
export const objectionListQuery = pageQuery.extend({ answered: flag.optional() });
export const objectionPage = pageOf(objection).extend({
  paused: z.boolean().describe('the tender is paused while an objection is unanswered'),
});

export const applyQuery = z.object({
  filename: z.string().min(1).max(255).optional().describe('or the x-filename header (URI-encoded)'),
});
export const applicationParams = projectParams.extend({ applicationId: z.string().min(1).max(64) });
export const prequalificationResult = z.enum(['pending', 'qualified', 'not_qualified']);
export const prequalificationApplication = z.object({
  id: z.string(),
  projectId: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  filename: z.string(),
  hash: z.string(),
  size: z.number().int(),
  submittedAt: isoTime,
  result: prequalificationResult,
  reason: z.string().nullable(),
  reviewedAt: isoTime.nullable(),
});
export type PrequalificationApplicationDto = z.infer<typeof prequalificationApplication>;
export const applicationListQuery = pageQuery.extend({ result: prequalificationResult.optional() });
export const applicationPage = pageOf(prequalificationApplication);
export const reviewApplicationBody = z.object({
  result: z.enum(['qualified', 'not_qualified']),
  reason: z.string().min(1).max(2000).optional().describe('required when not qualified'),
});

export const prequalificationStatus = z.object({
  projectId: z.string(),
  prequalificationDeadline: isoTime.nullable(),
  outcome: z.enum(['qualified', 'failed']).nullable(),
  ruleId: z.string().nullable(),
  publishedAt: isoTime.nullable(),
});

export const publishPrequalificationResponse = z.object({
  projectId: z.string(),
  outcome: z.enum(['qualified', 'failed']),
  qualifiedCount: z.number().int(),
  qualified: z.array(z.object({ organisationId: z.string(), organisationName: z.string() })),
  violation: z
    .object({
      rule: z.string(),
      message: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
    })
    .nullable()
    .describe('C2: fewer than 3 qualified — the project failed and must be re-tendered'),
  publishedAt: isoTime,
});

export const notice = z.object({
  id: z.string(),
  projectId: z.string().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  objectId: z.string().nullable(),
  createdAt: isoTime,
  readAt: isoTime.nullable(),
});
export const noticeListQuery = pageQuery.extend({
  unread: flag.optional(),
  kind: z.string().max(64).optional(),
  projectId: z.string().max(64).optional(),
});
export const noticePage = pageOf(notice);
export const noticeParams = z.object({ noticeId: z.string().min(1).max(64) });
