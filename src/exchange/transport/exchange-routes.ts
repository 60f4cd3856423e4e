import { z } from 'zod';
import { PUBLIC, rolesOnly } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { OPERATOR_ROLE } from '../../domain/roles.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { DATA_SET_CODES, dataSetSchema } from '../data-sets.ts';
import { decodeCursor, parseFeedLimit } from '../feed.ts';
import { PROTOCOL_VERSION } from '../message.ts';
import { attachExchangeEndpoint, ExchangeEndpoint, type ExchangeRole } from './exchange-endpoint.ts';
import { exchangeDb } from './exchange-tables.ts';
import { readFeed } from './feed-repository.ts';
import { applyMessages, INBOX_BATCH_MAX } from './inbox.ts';
import { listOutgoing, retryOutgoing } from './outgoing.ts';
import {
  decideRegistration,
  exchangeInvalid,
  listPeers,
  PEER_DECISIONS,
  submitRegistration,
} from './peers.ts';

const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
};
const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const anyJson = z.any();
/** A batch of up to 1,000 messages of a few kilobytes each. */
const MESSAGES_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * The data exchange's HTTP side (docs/exchange.md), on every platform with an `exchange` block in
 * its configuration: registration and the disclosure list, the inbox and pull feeds (receivers),
 * the outgoing queue and its dead letters (senders), and the self-test. Returns the endpoint, or
 * null when the platform is not configured to exchange.
 */
export function registerExchangeRoutes(
  app: ZodApp,
  deps: ServiceDeps,
  role: ExchangeRole,
): ExchangeEndpoint | null {
  const config = deps.config.services[deps.platform].exchange;
  if (!config) return null;
  const endpoint = new ExchangeEndpoint(deps, config, role, app.log);
  attachExchangeEndpoint(app, endpoint);
  const operator = rolesOnly(OPERATOR_ROLE[deps.platform]);
  const db = deps.store.db;

  app.get('/api/exchange/self-test', {
    config: { access: PUBLIC },
    schema: { tags: ['exchange'], summary: 'Self-test: identity, protocol version, key and store (seed §4)' },
    handler: async () => {
      const checks: { name: string; ok: boolean; detail: string }[] = [];
      const started = performance.now();
      try {
        await exchangeDb(db).selectFrom('exchangeInbox').select('feedSeq').limit(1).execute();
        checks.push({ name: 'store', ok: true, detail: `${(performance.now() - started).toFixed(1)} ms` });
      } catch (error) {
        checks.push({ name: 'store', ok: false, detail: (error as Error).message });
      }
      const key = await endpoint.key();
      checks.push({ name: 'signing-key', ok: true, detail: `${key.suite} ${key.keyId.slice(0, 16)}…` });
      const pending = await listOutgoing(db, { page: 1, pageSize: 1 });
      checks.push({
        name: 'outgoing',
        ok: pending.counts.rejected === 0,
        detail: `pending ${pending.counts.pending}, delivered ${pending.counts.delivered}, rejected ${pending.counts.rejected}`,
      });
      return {
        platformCode: config.platformCode,
        platformName: config.platformName,
        kind: role.kind,
        receives: role.receives,
        protocolVersion: PROTOCOL_VERSION,
        dataSets: role.receives ? DATA_SET_CODES : [],
        maxBatch: INBOX_BATCH_MAX,
        time: deps.clock.now().toISOString(),
        ok: checks.every((c) => c.ok),
        checks,
      };
    },
  });

  app.get('/api/exchange/outgoing', {
    config: { access: operator },
    schema: {
      tags: ['exchange'],
      summary: 'Messages this platform sends, with their delivery state and any refusal (dead letters)',
      querystring: z.object({
        ...paging,
        status: z.enum(['pending', 'delivered', 'rejected']).optional(),
        orderKey: z.string().max(128).optional(),
      }),
      response: { 200: anyJson, 201: anyJson, ...errors },
    },
    handler: async (request) => listOutgoing(db, request.query),
  });

  app.post('/api/exchange/outgoing/:id/retry', {
    config: { access: operator },
    schema: {
      tags: ['exchange'],
      summary: 'Send a refused message again',
      params: z.object({ id: z.coerce.number().int().min(1) }),
      response: { 200: anyJson, 201: anyJson, ...errors },
    },
    handler: async (request) => {
      const view = await retryOutgoing(useCaseContext(deps, request), request.params.id);
      endpoint.worker.wake();
      return view;
    },
  });

  if (!role.receives) return endpoint;

  app.post('/api/exchange/registrations', {
    config: { access: PUBLIC },
    schema: {
      tags: ['exchange'],
      summary:
        'A platform submits its registration; the operator approves it before its messages are accepted',
      body: anyJson,
      response: { 200: anyJson, 201: anyJson, ...errors },
    },
    handler: async (request, reply) => {
      const result = await submitRegistration(useCaseContext(deps, request), request.body);
      return reply.status(result.changed ? 201 : 200).send(result);
    },
  });

  app.get('/api/exchange/registrations', {
    config: { access: operator },
    schema: {
      tags: ['exchange'],
      summary: 'Every registration, for the operator',
      querystring: z.object({
        ...paging,
        status: z.enum(['pending', 'approved', 'suspended', 'rejected']).optional(),
      }),
      response: { 200: anyJson, 201: anyJson, ...errors },
    },
    handler: async (request) => listPeers(db, request.query),
  });

  app.post('/api/exchange/registrations/:platformCode/:decision', {
    config: { access: operator },
    schema: {
      tags: ['exchange'],
      summary: "The operator's decision on a registration: approve, reject or suspend",
      params: z.object({
        platformCode: z.string().length(20),
        decision: z.enum(Object.keys(PEER_DECISIONS) as [keyof typeof PEER_DECISIONS]),
      }),
      body: z.object({ reason: z.string().max(500).optional() }).optional(),
      response: { 200: anyJson, 201: anyJson, ...errors },
    },
    handler: async (request) =>
      decideRegistration(
        useCaseContext(deps, request),
        request.params.platformCode,
        request.params.decision,
        request.body?.reason ?? null,
      ),
  });

  app.get('/api/exchange/platforms', {
    config: { access: PUBLIC },
    schema: {
      tags: ['exchange'],
      summary:
        'Disclosure: the approved platforms, their operators, certification, services and fees, and keys (seed §14)',
      querystring: z.object(paging),
      response: { 200: anyJson, 201: anyJson, ...errors },
    },
    handler: async (request) => listPeers(db, { ...request.query, status: 'approved' }),
  });

  app.post('/api/exchange/messages', {
    config: { access: PUBLIC },
    bodyLimit: MESSAGES_BODY_LIMIT,
    schema: {
      tags: ['exchange'],
      summary:
        'The inbox: up to 1,000 signed messages; one reply per message (accepted, duplicate, deferred, rejected with field errors)',
      body: z.object({ messages: z.array(anyJson).min(1).max(INBOX_BATCH_MAX) }),
      response: { 200: anyJson, 201: anyJson, ...errors },
    },
    handler: async (request) => {
      const replies = await applyMessages(
        useCaseContext(deps, request),
        config.platformCode,
        request.body.messages,
        role.hooks,
      );
      if (replies.some((r) => r.status === 'accepted')) endpoint.worker.wake();
      return { replies };
    },
  });

  app.get('/api/exchange/feeds/:dataSetCode', {
    config: { access: PUBLIC },
    schema: {
      tags: ['exchange'],
      summary:
        "A data set's pull feed in the order applied, with a resumable cursor (limit ≤ 1,000). Supervisors-only fields are removed unless the operator asks.",
      params: z.object({ dataSetCode: z.string().max(3) }),
      querystring: z.object({ cursor: z.string().max(300).optional(), limit: z.string().max(10).optional() }),
      response: { 200: anyJson, 201: anyJson, ...errors },
    },
    handler: async (request) => {
      const { dataSetCode } = request.params;
      if (!dataSetSchema(dataSetCode)) {
        throw new AppError('NOT_FOUND', { what: `data set ${dataSetCode}` });
      }
      const position = decodeCursor(request.query.cursor, dataSetCode);
      if (!position.ok) throw exchangeInvalid(position.errors);
      const limit = parseFeedLimit(request.query.limit);
      if (!limit.ok) throw exchangeInvalid(limit.errors);
      const full = request.actor.roles.includes(OPERATOR_ROLE[deps.platform]);
      return readFeed(db, position.value, limit.value, full);
    },
  });

  app.get('/api/exchange/inbox', {
    config: { access: operator },
    schema: {
      tags: ['exchange'],
      summary: 'Messages received, newest first, by data set or order key (tender)',
      querystring: z.object({
        ...paging,
        dataSetCode: z.string().max(3).optional(),
        orderKey: z.string().max(128).optional(),
      }),
      response: { 200: anyJson, 201: anyJson, ...errors },
    },
    handler: async (request) => {
      const { page, pageSize, dataSetCode, orderKey } = request.query;
      let q = exchangeDb(db).selectFrom('exchangeInbox');
      if (dataSetCode) q = q.where('dataSetCode', '=', dataSetCode);
      if (orderKey) q = q.where('orderKey', '=', orderKey);
      const [rows, count] = await Promise.all([
        q
          .selectAll()
          .orderBy('feedSeq', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          feedSeq: Number(r.feedSeq),
          platformCode: r.platformCode,
          dataSetCode: r.dataSetCode,
          dataKey: r.dataKey,
          orderKey: r.orderKey,
          orderSeq: Number(r.orderSeq),
          receivedAt: r.receivedAt,
          record: (JSON.parse(r.message) as { record: unknown }).record,
        })),
        total: Number(count.n),
        page,
        pageSize,
      };
    },
  });

  return endpoint;
}
