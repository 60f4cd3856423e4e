import { z } from 'zod';
import { rolesOnly } from '../../domain/access.ts';
import { objectRouteErrors } from '../../domain/schemas/common.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { castReviewVotes } from './cast-review-votes.ts';
import { downloadEvaluatedBid } from './download-evaluated-bid.ts';
import { draftEvaluationReport } from './draft-evaluation-report.ts';
import {
  chairBody,
  clarificationBody,
  dissentBody,
  evaluationSessionView,
  extendBody,
  moreTimeBody,
  priceDeviationBody,
  priceDeviationParams,
  priceDeviationResult,
  reviewResult,
  scoreSheetBody,
  sectionBidParams,
  sectionParams,
  signBody,
  votesBody,
} from './evaluation-schemas.ts';
import { extendEvaluation } from './extend-evaluation-time.ts';
import { finaliseEvaluationReport } from './finalise-evaluation-report.ts';
import { getEvaluationSession } from './get-evaluation-session.ts';
import { nominateChair } from './nominate-chair.ts';
import { openEvaluation } from './open-evaluation.ts';
import { recordClarification } from './record-clarification.ts';
import { recordEvaluationDissent } from './record-evaluation-dissent.ts';
import { recordPriceDeviation } from './record-price-deviation.ts';
import { removePriceDeviation } from './remove-price-deviation.ts';
import { requestMoreEvaluationTime } from './request-more-time.ts';
import { saveScoreSheet } from './save-score-sheet.ts';
import { signEvaluationReport } from './sign-evaluation-report.ts';

const errors = objectRouteErrors;

/**
 * Online evaluation (评标, E9): the tenderer's side opens and may extend it; the seated members
 * of the section's committee review, score, sign; supervisors read.
 */
export function registerEvaluationRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['evaluation'];
  const security = [{ bearer: [] }];
  const base = '/api/sections/:sectionId/evaluation';
  const member = rolesOnly('expert');
  const managers = rolesOnly('tenderer', 'agency');
  const ok = z.object({ recordedAt: z.string() });

  app.post(base, {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Open the section’s evaluation after the opening record',
      security,
      params: sectionParams,
      response: { 200: z.object({ sessionId: z.string() }), ...errors },
    },
    handler: async (request) => openEvaluation(useCaseContext(deps, request), request.params),
  });

  app.get(base, {
    config: { access: rolesOnly('expert', 'tenderer', 'agency', 'supervisor') },
    schema: {
      tags,
      summary: 'The session as the caller may see it (member, supervisor or tenderer view)',
      security,
      params: sectionParams,
      response: { 200: evaluationSessionView, ...errors },
    },
    handler: async (request) => getEvaluationSession(useCaseContext(deps, request), request.params),
  });

  app.get(`${base}/bids/:bidId/package`, {
    config: { access: member },
    schema: {
      tags,
      summary:
        'A seated member downloads a decrypted bid of this section while the session is open (audited)',
      security,
      params: sectionBidParams,
      produces: ['application/octet-stream'],
      response: { 200: z.unknown().describe('the decrypted bid package'), ...errors },
    },
    handler: async (request, reply) => {
      const file = await downloadEvaluatedBid(useCaseContext(deps, request), {
        blobs: deps.blobs,
        ...request.params,
      });
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', file.size)
        .header('x-content-sha256', file.sha256)
        .send(file.stream);
    },
  });

  app.post(`${base}/votes`, {
    config: { access: member },
    schema: {
      tags,
      summary: 'Review votes per bid and requirement, with 条例 51 grounds',
      security,
      params: sectionParams,
      body: votesBody,
      response: { 200: reviewResult, ...errors },
    },
    handler: async (request) =>
      castReviewVotes(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.put(`${base}/score-sheet`, {
    config: { access: member },
    schema: {
      tags,
      summary: 'The member’s score sheet; 422 SCORE_SHEET_INVALID lists every field problem',
      security,
      params: sectionParams,
      body: scoreSheetBody,
      response: { 200: z.object({ savedAt: z.string(), entries: z.number().int() }), ...errors },
    },
    handler: async (request) =>
      saveScoreSheet(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/chair`, {
    config: { access: member },
    schema: {
      tags,
      summary: 'Nominate the chair; a majority of all members elects',
      security,
      params: sectionParams,
      body: chairBody,
      response: {
        200: z.object({ chairExpertId: z.string().nullable(), nominations: z.number().int() }),
        ...errors,
      },
    },
    handler: async (request) =>
      nominateChair(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/clarifications`, {
    config: { access: member },
    schema: {
      tags,
      summary: 'The chair records the decision on an abnormally low price after clarification',
      security,
      params: sectionParams,
      body: clarificationBody,
      response: { 200: z.object({ bidId: z.string(), decision: z.string() }), ...errors },
    },
    handler: async (request) =>
      recordClarification(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/price-deviations`, {
    config: { access: member },
    schema: {
      tags,
      summary:
        'The chair records a quantified deviation (价格折算) on a bid that passed, lowest evaluated price only',
      security,
      params: sectionParams,
      body: priceDeviationBody,
      response: { 200: priceDeviationResult, ...errors },
    },
    handler: async (request) =>
      recordPriceDeviation(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.delete(`${base}/price-deviations/:deviationId`, {
    config: { access: member },
    schema: {
      tags,
      summary: 'The chair removes a quantified deviation recorded in error (audited)',
      security,
      params: priceDeviationParams,
      response: { 200: priceDeviationResult, ...errors },
    },
    handler: async (request) => removePriceDeviation(useCaseContext(deps, request), request.params),
  });

  app.post(`${base}/report`, {
    config: { access: member },
    schema: {
      tags,
      summary: 'The chair drafts the report: outcomes, ranking, at most 3 candidates (C7)',
      security,
      params: sectionParams,
      response: { 200: z.object({ reportSha256: z.string(), candidates: z.array(z.unknown()) }), ...errors },
    },
    handler: async (request) => draftEvaluationReport(useCaseContext(deps, request), request.params),
  });

  app.post(`${base}/dissent`, {
    config: { access: member },
    schema: {
      tags,
      summary: 'A member’s written dissent (条例 53)',
      security,
      params: sectionParams,
      body: dissentBody,
      response: { 200: ok, ...errors },
    },
    handler: async (request) =>
      recordEvaluationDissent(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/sign`, {
    config: { access: member },
    schema: {
      tags,
      summary: 'Sign or refuse the draft report over its SHA-256 (E9, 条例 53)',
      security,
      params: sectionParams,
      body: signBody,
      response: { 200: z.object({ kind: z.string(), recordedAt: z.string() }), ...errors },
    },
    handler: async (request) =>
      signEvaluationReport(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/request-more-time`, {
    config: { access: member },
    schema: {
      tags,
      summary: 'A member says the time is not enough (条例 48)',
      security,
      params: sectionParams,
      body: moreTimeBody,
      response: { 200: z.object({ moreTimeRequired: z.boolean() }), ...errors },
    },
    handler: async (request) =>
      requestMoreEvaluationTime(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/extend`, {
    config: { access: managers },
    schema: {
      tags,
      summary: 'The tenderer extends the evaluation time (条例 48)',
      security,
      params: sectionParams,
      body: extendBody,
      response: { 200: z.object({ extendedUntil: z.string(), requestedBy: z.array(z.string()) }), ...errors },
    },
    handler: async (request) =>
      extendEvaluation(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/finalise`, {
    config: { access: member },
    schema: {
      tags,
      summary: 'The chair freezes the signed report; outbox 509 and 520',
      security,
      params: sectionParams,
      response: { 200: z.object({ reportSha256: z.string(), finalisedAt: z.string() }), ...errors },
    },
    handler: async (request) => finaliseEvaluationReport(useCaseContext(deps, request), request.params),
  });
}
