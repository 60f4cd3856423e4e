import { AUTHENTICATED, rolesOnly } from '../../domain/access.ts';
import { errorBody, objectRouteErrors } from '../../domain/schemas/common.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { acceptOctetStream, rawFile, uploadedFile } from '../documents/upload-body.ts';
import {
  awardBody,
  awardOutcome,
  bidParams,
  bidResultView,
  bondRefundBody,
  contractQuery,
  contractView,
  objectionBody,
  objectionParams,
  objectionView,
  publicityView,
  publishCandidatesBody,
  refundView,
  replyBody,
  revocationBody,
  revocationView,
  sectionParams,
  standingBody,
  standingView,
  supervisorReportBody,
  supervisorReportView,
  timelineQuery,
  timelineView,
} from './award-schemas.ts';
import { awardSection } from './award-section.ts';
import { getAwardTimeline } from './get-award-timeline.ts';
import { getBidAwardResult } from './get-bid-award-result.ts';
import { publishCandidates } from './publish-candidates.ts';
import { raiseCandidateObjection } from './raise-candidate-objection.ts';
import { recordBondRefund } from './record-bond-refund.ts';
import { recordCandidateStanding } from './record-candidate-standing.ts';
import { recordContract } from './record-contract.ts';
import { replyCandidateObjection } from './reply-candidate-objection.ts';
import { reportToSupervisor } from './report-to-supervisor.ts';
import { revokeAward } from './revoke-award.ts';

const errors = objectRouteErrors;

/**
 * After the evaluation report (定标): candidate publicity and objections, the award with its
 * notices, the contract, the report to the supervisor, bid-bond refunds, and the timeline of it all.
 */
export function registerAwardRoutes(app: ZodApp, deps: ServiceDeps): void {
  // In its own scope, like the documents: the contract upload streams its raw body.
  void app.register(async (scope) => {
    acceptOctetStream(scope);
    registerRoutes(scope, deps);
  });
}

function registerRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['award'];
  const security = [{ bearer: [] }];
  const base = '/api/sections/:sectionId/award';
  const managers = rolesOnly('tenderer', 'agency');

  app.post(`${base}/publicity`, {
    config: { access: managers },
    schema: {
      tags,
      summary:
        'Publish the candidates (中标候选人公示, T7: within 3 days of the report, for at least 3 days)',
      security,
      params: sectionParams,
      body: publishCandidatesBody,
      response: { 200: publicityView, ...errors },
    },
    handler: async (request) =>
      publishCandidates(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/objections`, {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary: 'A bidder or interested party objects to the candidates, during the publicity only (T7)',
      security,
      params: sectionParams,
      body: objectionBody,
      response: { 200: objectionView, ...errors },
    },
    handler: async (request) =>
      raiseCandidateObjection(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/objections/:objectionId/reply`, {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Answer an objection to the candidates (T7: within 3 days; the award waits for it)',
      security,
      params: objectionParams,
      body: replyBody,
      response: { 200: objectionView, ...errors },
    },
    handler: async (request) =>
      replyCandidateObjection(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/standings`, {
    config: { access: managers },
    schema: {
      tags,
      summary:
        'Record that a candidate gave up, cannot perform or was found ineligible, with evidence (条例 55)',
      security,
      params: sectionParams,
      body: standingBody,
      response: { 200: standingView, ...errors },
    },
    handler: async (request) =>
      recordCandidateStanding(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(base, {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Determine the winner (C8 for state-funded must-tender projects) or tender again',
      security,
      params: sectionParams,
      body: awardBody,
      response: { 200: awardOutcome, ...errors },
    },
    handler: async (request) =>
      awardSection(useCaseContext(deps, request), {
        sectionId: request.params.sectionId,
        choice: request.body,
      }),
  });

  app.post(`${base}/revocation`, {
    config: { access: managers },
    schema: {
      tags,
      summary:
        'Revoke the award before the contract: the winner gave up, did not sign, gave no performance bond or was found ineligible (条例 55, 74)',
      security,
      params: sectionParams,
      body: revocationBody,
      response: { 200: revocationView, ...errors },
    },
    handler: async (request) =>
      revokeAward(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/contract`, {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Record the signed contract: the file as the raw body, amount and performance bond (T8, C4)',
      security,
      consumes: ['application/octet-stream'],
      body: rawFile,
      params: sectionParams,
      querystring: contractQuery,
      response: { 200: contractView, ...errors, 413: errorBody },
    },
    handler: async (request) => {
      const file = uploadedFile(request, request.query.filename, deps.config.uploads.maxBytes);
      return recordContract(useCaseContext(deps, request), deps.blobs, {
        sectionId: request.params.sectionId,
        amountFen: request.query.amountFen,
        performanceBondFen: request.query.performanceBondFen,
        signedAt: request.query.signedAt,
        filename: file.filename,
        content: file.content,
      });
    },
  });

  app.post(`${base}/supervisor-report`, {
    config: { access: managers },
    schema: {
      tags,
      summary: 'The written report to the supervisor (T9: within 15 days of the award)',
      security,
      params: sectionParams,
      body: supervisorReportBody,
      response: { 200: supervisorReportView, ...errors },
    },
    handler: async (request) =>
      reportToSupervisor(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/bond-refunds`, {
    config: { access: managers },
    schema: {
      tags,
      summary:
        "Record the refund of a bidder's bid bond (T10: within 5 days of the contract or a withdrawal)",
      security,
      params: sectionParams,
      body: bondRefundBody,
      response: { 200: refundView, ...errors },
    },
    handler: async (request) =>
      recordBondRefund(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.get(`${base}/timeline`, {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Each step of the award with its legal deadline (CST): done, pending, late (rule cited)',
      security,
      params: sectionParams,
      querystring: timelineQuery,
      response: { 200: timelineView, ...errors },
    },
    handler: async (request) =>
      getAwardTimeline(useCaseContext(deps, request), { ...request.params, ...request.query }),
  });

  app.get('/api/bids/:bidId/award-result', {
    config: { access: rolesOnly('bidder') },
    schema: {
      tags,
      summary: "The caller's own bid: its rank among the candidates, the outcome and the notice it received",
      security,
      params: bidParams,
      response: { 200: bidResultView, ...errors },
    },
    handler: async (request) => getBidAwardResult(useCaseContext(deps, request), request.params),
  });
}
