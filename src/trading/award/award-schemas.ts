import { z } from 'zod';
import { bidParams, sectionParams } from '../../domain/schemas/bid-schemas.ts';
import { isoTime } from '../../domain/schemas/common.ts';

export { bidParams, sectionParams };
const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const objectionParams = sectionParams.extend({ objectionId: id });

export const publishCandidatesBody = z.object({
  endsAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('end of the publicity; default 24:00 CST of day 3'),
  remarks: z.string().max(4000).optional(),
});

export const objectionBody = z.object({ body: text(8000) });
export const replyBody = z.object({ reply: text(8000) });

export const standingBody = z.object({
  bidId: id,
  standing: z
    .enum(['gave_up', 'failed_to_perform', 'ineligible'])
    .describe('条例 55: gave up, cannot perform as required, or found ineligible'),
  evidence: text(8000).describe('what shows it: the written waiver, the finding…'),
});

export const revocationBody = z.object({
  ground: z
    .enum(['gave_up', 'not_signed', 'no_performance_bond', 'ineligible'])
    .describe('条例 55, 74: gave up, did not sign, no performance bond, or found ineligible'),
  evidence: text(8000).describe(
    'what shows it: the written waiver, the unanswered call to sign, the finding…',
  ),
});

export const awardBody = z.union([
  z.object({ bidId: id, reason: z.string().max(4000).optional().describe('required outside C8 (法 40)') }),
  z.object({ retender: z.literal(true), reason: text(4000) }),
]);

export const contractQuery = z.object({
  filename: z.string().min(1).max(255).optional().describe('or the URI-encoded x-filename header'),
  amountFen: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  performanceBondFen: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  signedAt: z.iso.datetime({ offset: true }),
});

export const supervisorReportBody = z.object({ content: text(20000) });

export const bondRefundBody = z.object({
  bidId: id,
  refundedAt: z.iso.datetime({ offset: true }).optional(),
  reference: text(200),
});

export const timelineQuery = z.object({
  warningDays: z.coerce.number().int().min(0).max(30).optional().describe('warn this many days before T8'),
});

const candidate = z.object({
  rank: z.number().int(),
  bidId: z.string(),
  bidderOrganisationId: z.string(),
  bidderName: z.string(),
  priceFen: fen,
  score: z.number().nullable(),
  evaluatedPriceFen: z.number().nullable(),
});

export const publicityView = z.object({
  sectionId: z.string(),
  candidates: z.array(candidate),
  body: z.string(),
  startsAt: isoTime,
  endsAt: isoTime,
});

export const objectionView = z.object({
  id: z.string(),
  sectionId: z.string(),
  body: z.string(),
  raisedAt: isoTime,
  reply: z.string().nullable(),
  repliedAt: isoTime.nullable(),
});

export const standingView = z.object({
  sectionId: z.string(),
  bidId: z.string(),
  standing: z.string(),
  evidence: z.string(),
  recordedAt: isoTime,
});

export const decisionView = z.object({
  sectionId: z.string(),
  bidId: z.string(),
  bidderOrganisationId: z.string(),
  priceFen: fen,
  rule: z.string().nullable(),
  reason: z.string().nullable(),
  noticeBody: z.string(),
  awardedAt: isoTime,
});

export const revocationView = z.object({
  id: z.string(),
  sectionId: z.string(),
  award: decisionView.describe('the revoked award as it was'),
  ground: z.string(),
  evidence: z.string(),
  revokedAt: isoTime,
});

export const awardOutcome = z.union([
  z.object({ outcome: z.literal('awarded'), award: decisionView }),
  z.object({ outcome: z.literal('retender'), exceptionId: z.string() }),
]);

export const contractView = z.object({
  sectionId: z.string(),
  amountFen: fen,
  performanceBondFen: fen,
  signedAt: isoTime,
  filename: z.string(),
  fileSha256: z.string(),
  fileSize: z.number().int(),
  recordedAt: isoTime,
});

export const supervisorReportView = z.object({
  sectionId: z.string(),
  content: z.string(),
  reportedAt: isoTime,
});

export const timelineStep = z.object({
  step: z.enum([
    'candidates_published',
    'publicity',
    'objection_reply',
    'award_revoked',
    'award',
    'contract',
    'supervisor_report',
    'bond_refund',
  ]),
  subjectId: z.string().nullable(),
  rule: z.string().nullable(),
  article: z.object({ zh: z.string(), en: z.string() }).nullable(),
  dueBy: isoTime.nullable(),
  dueByCst: z.string().nullable().describe('YYYY-MM-DD HH:mm, China Standard Time'),
  status: z.enum(['done', 'pending', 'late', 'not_required', 'waiting']),
  doneAt: isoTime.nullable(),
  daysLeft: z.number().int().nullable(),
  warning: z.boolean(),
  violation: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
});

export const refundView = z.object({
  bidId: z.string(),
  amountFen: fen,
  reference: z.string(),
  refundedAt: isoTime,
  timing: timelineStep,
});

export const timelineView = z.object({
  sectionId: z.string(),
  now: isoTime,
  warningDays: z.number().int(),
  steps: z.array(timelineStep),
  publicity: publicityView.nullable(),
  objections: z.array(objectionView),
  award: decisionView.nullable(),
  revocations: z.array(revocationView),
  bondRefunds: z.array(
    z.object({
      bidId: z.string(),
      bidderName: z.string(),
      amountFen: fen,
      trigger: z.enum(['contract_signed', 'withdrawn']).nullable(),
      refundedAt: isoTime.nullable(),
      reference: z.string().nullable(),
      forfeitable: z
        .object({ ground: z.string(), revokedAt: isoTime })
        .nullable()
        .describe('the revoked winner: no refund due on the contract, the bond may be kept (条例 74)'),
      step: timelineStep,
    }),
  ),
  overdueRefunds: z.array(z.string()),
});

export const bidResultView = z.object({
  bidId: z.string(),
  sectionId: z.string(),
  outcome: z.enum(['pending', 'won', 'not_won']),
  candidateRank: z.number().int().nullable(),
  publicityEndsAt: isoTime.nullable(),
  notice: z.object({ kind: z.string(), title: z.string(), body: z.string(), createdAt: isoTime }).nullable(),
  awardedAt: isoTime.nullable(),
});
