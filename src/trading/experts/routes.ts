import { rolesOnly } from '../../domain/access.ts';
import { sectionParams } from '../../domain/schemas/bid-schemas.ts';
import { objectRouteErrors, pageOf } from '../../domain/schemas/common.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { commitDrawValue } from './commit-draw-value.ts';
import { createExpert } from './create-expert.ts';
import { drawCommittee } from './draw-committee.ts';
import {
  availabilityBody,
  commitmentBody,
  committeeRequestBody,
  committeeView,
  drawLogView,
  expertInput,
  expertListQuery,
  expertParams,
  expertUpdate,
  expertView,
  mySeatView,
  mySeatsQuery,
  replacementBody,
  revealBody,
} from './expert-schemas.ts';
import { freezeEligibleExperts } from './freeze-eligible-experts.ts';
import { getCommittee } from './get-committee.ts';
import { getDrawLog } from './get-draw-log.ts';
import { listExperts } from './list-experts.ts';
import { listMySeats } from './list-my-seats.ts';
import { replaceExpert } from './replace-expert.ts';
import { requestCommittee } from './request-committee.ts';
import { revealDrawValue } from './reveal-draw-value.ts';
import { setExpertAvailability } from './set-expert-availability.ts';
import { updateExpert } from './update-expert.ts';

const errors = objectRouteErrors;

/** The expert pool (operator) and each section's committee draw (C5, C6; see docs/experts.md). */
export function registerExpertsRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['experts'];
  const security = [{ bearer: [] }];
  const operator = rolesOnly('platform_operator');
  const readers = rolesOnly('tenderer', 'agency', 'bidder', 'expert', 'platform_operator', 'supervisor');
  const committee = '/api/sections/:sectionId/committee';

  app.post('/api/experts', {
    config: { access: operator },
    schema: {
      tags,
      summary: 'Add an expert to the pool',
      security,
      body: expertInput,
      response: { 200: expertView, ...errors },
    },
    handler: async (request) => createExpert(useCaseContext(deps, request), request.body),
  });

  app.put('/api/experts/:expertId', {
    config: { access: operator },
    schema: {
      tags,
      summary: "Change an expert's pool entry",
      security,
      params: expertParams,
      body: expertUpdate,
      response: { 200: expertView, ...errors },
    },
    handler: async (request) =>
      updateExpert(useCaseContext(deps, request), {
        expertId: request.params.expertId,
        update: request.body,
      }),
  });

  app.get('/api/experts', {
    config: { access: operator },
    schema: {
      tags,
      summary: 'The pool, by specialty, region, category and availability at an instant',
      security,
      querystring: expertListQuery,
      response: { 200: pageOf(expertView), ...errors },
    },
    handler: async (request) => listExperts(useCaseContext(deps, request), request.query),
  });

  app.get('/api/experts/me/seats', {
    config: { access: rolesOnly('expert') },
    schema: {
      tags,
      summary: "The signed-in expert's own committee seats, in the order the committees sit",
      security,
      querystring: mySeatsQuery,
      response: { 200: pageOf(mySeatView), ...errors },
    },
    handler: async (request) => listMySeats(useCaseContext(deps, request), request.query),
  });

  app.put('/api/experts/:expertId/availability', {
    config: { access: operator },
    schema: {
      tags,
      summary: 'Replace the ranges in which an expert cannot sit',
      security,
      params: expertParams,
      body: availabilityBody,
      response: { 200: expertView, ...errors },
    },
    handler: async (request) =>
      setExpertAvailability(useCaseContext(deps, request), {
        expertId: request.params.expertId,
        unavailable: request.body.unavailable,
      }),
  });

  app.post(committee, {
    config: { access: rolesOnly('tenderer', 'agency') },
    schema: {
      tags,
      summary: 'State the committee (C5); the platform commits its draw value',
      security,
      params: sectionParams,
      body: committeeRequestBody,
      response: { 200: committeeView, ...errors },
    },
    handler: async (request) =>
      requestCommittee(useCaseContext(deps, request), {
        sectionId: request.params.sectionId,
        body: request.body,
      }),
  });

  app.get(committee, {
    config: { access: readers },
    schema: {
      tags,
      summary:
        'The committee draw; names only for supervisors and the expert itself until the result is published',
      security,
      params: sectionParams,
      response: { 200: committeeView, ...errors },
    },
    handler: async (request) => getCommittee(useCaseContext(deps, request), request.params),
  });

  app.post(`${committee}/commitments`, {
    config: { access: rolesOnly('tenderer', 'agency', 'platform_operator', 'supervisor') },
    schema: {
      tags,
      summary: "A party's commitment H(value ‖ party), before the freeze",
      security,
      params: sectionParams,
      body: commitmentBody,
      response: { 200: committeeView, ...errors },
    },
    handler: async (request) =>
      commitDrawValue(useCaseContext(deps, request), {
        sectionId: request.params.sectionId,
        ...request.body,
      }),
  });

  app.post(`${committee}/freeze`, {
    config: { access: operator },
    schema: {
      tags,
      summary:
        'After the bid deadline: close commitments and freeze the eligible list (availability, recusal)',
      security,
      params: sectionParams,
      response: { 200: committeeView, ...errors },
    },
    handler: async (request) => freezeEligibleExperts(useCaseContext(deps, request), request.params),
  });

  app.post(`${committee}/reveals`, {
    config: { access: rolesOnly('tenderer', 'agency', 'platform_operator', 'supervisor') },
    schema: {
      tags,
      summary: "A party's value, after the freeze; refused unless it opens the commitment",
      security,
      params: sectionParams,
      body: revealBody,
      response: { 200: committeeView, ...errors },
    },
    handler: async (request) =>
      revealDrawValue(useCaseContext(deps, request), {
        sectionId: request.params.sectionId,
        ...request.body,
      }),
  });

  app.post(`${committee}/draw`, {
    config: { access: operator },
    schema: {
      tags,
      summary: 'Draw the experts once every value is revealed; stores the DrawLog',
      security,
      params: sectionParams,
      response: { 200: committeeView, ...errors },
    },
    handler: async (request) => drawCommittee(useCaseContext(deps, request), request.params),
  });

  app.post(`${committee}/replacements`, {
    config: { access: operator },
    schema: {
      tags,
      summary: 'Draw a replacement for a seat (recusal found later, declared conflict, no-show)',
      security,
      params: sectionParams,
      body: replacementBody,
      response: { 200: committeeView, ...errors },
    },
    handler: async (request) =>
      replaceExpert(useCaseContext(deps, request), { sectionId: request.params.sectionId, ...request.body }),
  });

  app.get(`${committee}/draw-log`, {
    config: { access: readers },
    schema: {
      tags,
      summary: 'The DrawLog (expert ids, no names) and the platform’s replay of it',
      security,
      params: sectionParams,
      response: { 200: drawLogView, ...errors },
    },
    handler: async (request) => getDrawLog(useCaseContext(deps, request), request.params),
  });
}
