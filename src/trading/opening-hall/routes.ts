import { z } from 'zod';
import { rolesOnly } from '../../domain/access.ts';
import { projectParams } from '../../domain/schemas/bid-schemas.ts';
import { isoTime, objectRouteErrors } from '../../domain/schemas/common.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { tradingDb } from '../schema.ts';
import { answerOpeningObjection } from './answer-opening-objection.ts';
import { closeDecryptionWindow } from './close-decryption-window.ts';
import { getOpeningHall } from './get-opening-hall.ts';
import { hallParticipant } from './hall-access.ts';
import { hallBroadcasterOf, type HallClient } from './hall-broadcaster.ts';
import { openingHallDto } from './hall-schemas.ts';
import { openingRecordBody } from './opening-record.ts';
import { readOutBids } from './read-out-bids.ts';
import { respondToOpeningRecord } from './respond-to-opening-record.ts';
import { signInToOpening } from './sign-in-to-opening.ts';
import { startOpening } from './start-opening.ts';

const errors = objectRouteErrors;

/**
 * The remote opening hall (不见面开标): sign-in, the opening at the announced time, the decryption
 * window, the read-out and the opening record with the bidders' responses; every change is also
 * pushed to connected clients as server-sent events.
 */
export function registerOpeningHallRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['opening hall'];
  const security = [{ bearer: [] }];
  const participants = rolesOnly('tenderer', 'agency', 'bidder');
  const hosts = rolesOnly('tenderer', 'agency');
  const base = '/api/projects/:projectId/opening-hall';
  const broadcaster = hallBroadcasterOf(deps.store.db);
  app.addHook('preClose', async () => broadcaster.closeAll());

  app.get(base, {
    config: { access: participants },
    schema: {
      tags,
      summary: 'The opening hall now, as the caller may see it',
      security,
      params: projectParams,
      response: { 200: openingHallDto, ...errors },
    },
    handler: async (request) => getOpeningHall(useCaseContext(deps, request), request.params),
  });

  app.get(`${base}/events`, {
    config: { access: participants },
    schema: {
      tags,
      summary: 'Server-sent events of the hall; send Last-Event-ID (or ?lastEventId=) to resume after it',
      security,
      params: projectParams,
      querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
      headers: z.object({ 'last-event-id': z.coerce.number().int().min(0).optional() }).loose(),
    },
    handler: async (request, reply) => {
      const ctx = useCaseContext(deps, request);
      const participant = await hallParticipant(
        ctx,
        tradingDb(ctx.db),
        request.params.projectId,
        ctx.clock.now(),
      );
      const after = request.headers['last-event-id'] ?? request.query.lastEventId ?? 0;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.write('retry: 3000\n\n');
      const client: HallClient = {
        viewer: participant.viewer,
        write: (frame) => void raw.write(frame),
        end: () => raw.end(),
      };
      const unsubscribe = await broadcaster.subscribe(participant.project.id, client, after);
      request.raw.on('close', unsubscribe);
      if (request.raw.destroyed) unsubscribe();
    },
  });

  app.post(`${base}/sign-in`, {
    config: { access: participants },
    schema: {
      tags,
      summary: '签到: sign in to the hall, from 30 minutes before the opening',
      security,
      params: projectParams,
      response: {
        200: z.object({
          organisationId: z.string(),
          capacity: z.enum(['bidder', 'tenderer']),
          signedInAt: isoTime,
        }),
        ...errors,
      },
    },
    handler: async (request) => signInToOpening(useCaseContext(deps, request), request.params),
  });

  app.post(`${base}/open`, {
    config: { access: hosts },
    schema: {
      tags,
      summary: '开标 at the announced time, not before (E5); sections with fewer than 3 bids fail (C1)',
      security,
      params: projectParams,
      response: {
        200: z.object({
          opened: z.boolean(),
          openedAt: isoTime.nullable(),
          sections: z.array(z.object({ code: z.string(), bids: z.number().int(), opened: z.boolean() })),
        }),
        ...errors,
      },
    },
    handler: async (request) => startOpening(useCaseContext(deps, request), request.params),
  });

  app.post(`${base}/close-window`, {
    config: { access: hosts },
    schema: {
      tags,
      summary: 'Announce the end of the decryption window; undecrypted bids fail through their bidders (E7)',
      security,
      params: projectParams,
      response: { 200: z.object({ closedAt: isoTime }), ...errors },
    },
    handler: async (request) => closeDecryptionWindow(useCaseContext(deps, request), request.params),
  });

  app.post(`${base}/read-out`, {
    config: { access: hosts },
    schema: {
      tags,
      summary: '唱标 and the opening record (E6, E8), after the window and any opening-key remedy; 506, 507',
      security,
      params: projectParams,
      response: { 200: openingRecordBody, ...errors },
    },
    handler: async (request) => readOutBids(useCaseContext(deps, request), request.params),
  });

  app.post(`${base}/record/responses`, {
    config: { access: rolesOnly('bidder') },
    schema: {
      tags,
      summary: 'A bidder confirms the opening record or objects on the spot (条例 44)',
      security,
      params: projectParams,
      body: z.object({ kind: z.enum(['confirmed', 'objection']), text: z.string().max(2000).optional() }),
      response: {
        200: z.object({
          id: z.string(),
          kind: z.enum(['confirmed', 'objection']),
          text: z.string().nullable(),
          respondedAt: isoTime,
        }),
        ...errors,
      },
    },
    handler: async (request) =>
      respondToOpeningRecord(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post(`${base}/record/objections/:objectionId/answer`, {
    config: { access: hosts },
    schema: {
      tags,
      summary: 'The tenderer answers an objection to the opening on the spot (条例 44)',
      security,
      params: projectParams.extend({ objectionId: z.string().min(1).max(64) }),
      body: z.object({ answer: z.string().trim().min(1).max(2000) }),
      response: {
        200: z.object({ objectionId: z.string(), answer: z.string(), answeredAt: isoTime }),
        ...errors,
      },
    },
    handler: async (request) =>
      answerOpeningObjection(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });
}
