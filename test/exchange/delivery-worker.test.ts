import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledTaskActor, systemActor } from '../../src/domain/actor.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { EXAMPLE_CODES } from '../../src/exchange/data-set-examples.ts';
import { fieldError, type FieldError } from '../../src/exchange/field-errors.ts';
import type { ExchangeMessage } from '../../src/exchange/message.ts';
import { verifyMessage } from '../../src/exchange/sign-message.ts';
import { backoffMs, DeliveryWorker } from '../../src/exchange/transport/delivery-worker.ts';
import { exchangeDb } from '../../src/exchange/transport/exchange-tables.ts';
import type { MessageReply } from '../../src/exchange/transport/inbox.ts';
import {
  outgoingViewOf,
  retryOutgoing,
  stageOutgoing,
  type OutgoingView,
} from '../../src/exchange/transport/outgoing.ts';
import type { Db } from '../../src/store/schema.ts';
import { tenderRecord, testSender, type TestSender } from '../support/exchange-messages.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS, openTestStore, type TestStore } from '../support/stores.ts';

const C = EXAMPLE_CODES;
const TARGET = { platformCode: C.hub, url: 'http://hub.invalid:3102' };
const RETRY_MIN = 1000;
const RETRY_MAX = 8000;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('backoffMs', () => {
  it('doubles from the minimum up to the maximum', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, 500, 10_000, top))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000,
    ]);
    expect(backoffMs(40, 500, 10_000, top)).toBe(10_000);
    expect(backoffMs(0, 500, 10_000, top)).toBe(500);
  });

  it('waits between half the step and the whole step', () => {
    expect(backoffMs(3, 500, 10_000, () => 0)).toBe(1000);
    expect(backoffMs(3, 500, 10_000, () => 0.5)).toBe(1500);
    for (let i = 0; i < 200; i++) {
      const attempts = 1 + (i % 8);
      const base = Math.min(10_000, 500 * 2 ** (attempts - 1));
      const wait = backoffMs(attempts, 500, 10_000);
      expect(wait).toBeGreaterThanOrEqual(base / 2);
      expect(wait).toBeLessThanOrEqual(base);
    }
  });
});

/** What the fake receiver answers for one message. */
type Answer = (message: ExchangeMessage) => Omit<MessageReply, 'messageId' | 'dataKey'>;

const accept: Answer = () => ({ status: 'accepted', errors: [] });
const refuse =
  (...errors: FieldError[]): Answer =>
  () => ({ status: 'rejected', errors });

/** A receiver behind an injected `fetch`: records each request's messages and answers them. */
class FakeReceiver {
  readonly requests: ExchangeMessage[][] = [];
  answer: Answer | Error | number = accept;

  readonly fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const messages = (JSON.parse(String(init!.body)) as { messages: ExchangeMessage[] }).messages;
    this.requests.push(messages);
    const answer = this.answer;
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'number') return new Response('receiver unavailable', { status: answer });
    const replies = messages.map((m) => ({ messageId: m.messageId, dataKey: m.dataKey, ...answer(m) }));
    return new Response(JSON.stringify({ replies }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;

  /** The data keys of the last request. */
  lastKeys(): string[] {
    return (this.requests.at(-1) ?? []).map((m) => m.dataKey);
  }
}

async function stage(
  db: Db,
  clock: ManualClock,
  records: [dataSetCode: string, tender: number][],
): Promise<void> {
  const inputs = records.map(([dataSetCode, tender]) => ({
    target: TARGET,
    dataSetCode,
    record: { ...tenderRecord(dataSetCode, tender), PUB_SERVICE_PLAT_CODE: TARGET.platformCode },
    source: `test:${tender}`,
  }));
  await db.transaction().execute((trx) => stageOutgoing(trx, inputs, clock.now()));
}

async function outgoing(db: Db, tender?: number): Promise<OutgoingView[]> {
  const rows = await exchangeDb(db).selectFrom('exchangeOutgoing').selectAll().orderBy('id').execute();
  const views = rows.map(outgoingViewOf);
  return tender === undefined
    ? views
    : views.filter((v) => v.record.UNIFIED_DEAL_CODE === tenderRecord('501', tender).UNIFIED_DEAL_CODE);
}

/** Makes every waiting message due now (instead of sleeping through its back-off). */
async function makeDue(db: Db): Promise<void> {
  await exchangeDb(db)
    .updateTable('exchangeOutgoing')
    .set({ nextAttemptAt: 0 })
    .where('status', '=', 'pending')
    .execute();
}

function workerFor(db: Db, clock: ManualClock, sender: TestSender, receiver: FakeReceiver): DeliveryWorker {
  return new DeliveryWorker({
    db,
    clock,
    actor: scheduledTaskActor('exchange-delivery'),
    platform: 'trading',
    platformCode: sender.platformCode,
    key: async () => sender.signing,
    intervalMs: 0,
    retryMinMs: RETRY_MIN,
    retryMaxMs: RETRY_MAX,
    log: pino({ level: 'silent' }),
    fetch: receiver.fetch,
  });
}

describe.each(DIALECTS)('DeliveryWorker (%s)', (dialect) => {
  let store: TestStore;
  let clock: ManualClock;
  let sender: TestSender;
  let receiver: FakeReceiver;
  let worker: DeliveryWorker;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    clock = new ManualClock('2026-03-02T01:00:00.000Z');
    sender = await testSender(C.platform);
    receiver = new FakeReceiver();
    worker = workerFor(store.db, clock, sender, receiver);
  });
  afterAll(async () => store?.dispose());

  const actions = async (action: string) =>
    (
      await store.db
        .selectFrom('auditEvent')
        .select('objectId')
        .where('action', '=', action)
        .orderBy('seq')
        .execute()
    ).map((e) => e.objectId);

  it('keeps every message through network failures, waiting with back-off, then delivers them in order, signed', async () => {
    await stage(store.db, clock, [
      ['501', 31],
      ['502', 31],
      ['503', 31],
    ]);
    receiver.answer = new TypeError('fetch failed');
    const started = Date.now();
    expect(await worker.runOnce()).toEqual({ sent: 3, delivered: 0, refused: 0, failed: 3 });
    let rows = await outgoing(store.db, 31);
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['pending', 1, 'fetch failed'],
      ['pending', 1, 'fetch failed'],
      ['pending', 1, 'fetch failed'],
    ]);
    for (const row of rows) {
      const at = Date.parse(row.nextAttemptAt!);
      expect(at).toBeGreaterThanOrEqual(started + RETRY_MIN / 2);
      expect(at).toBeLessThanOrEqual(Date.now() + RETRY_MIN);
    }

    // Not due yet: nothing is sent.
    const requests = receiver.requests.length;
    expect(await worker.runOnce()).toEqual({ sent: 0, delivered: 0, refused: 0, failed: 0 });
    expect(receiver.requests.length).toBe(requests);

    await makeDue(store.db);
    receiver.answer = 503;
    const second = Date.now();
    expect((await worker.runOnce()).failed).toBe(3);
    rows = await outgoing(store.db, 31);
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual(
      Array(3).fill(['pending', 2, 'HTTP 503: receiver unavailable']),
    );
    for (const row of rows) {
      expect(Date.parse(row.nextAttemptAt!)).toBeGreaterThanOrEqual(second + RETRY_MIN);
      expect(Date.parse(row.nextAttemptAt!)).toBeLessThanOrEqual(Date.now() + 2 * RETRY_MIN);
    }

    await makeDue(store.db);
    receiver.answer = accept;
    expect(await worker.runOnce()).toEqual({ sent: 3, delivered: 3, refused: 0, failed: 0 });
    rows = await outgoing(store.db, 31);
    expect(rows.map((r) => [r.status, r.deliveredAt, r.lastError, r.nextAttemptAt])).toEqual(
      Array(3).fill(['delivered', clock.now().toISOString(), null, null]),
    );
    const sent = receiver.requests.at(-1)!;
    expect(sent.map((m) => [m.dataSetCode, m.orderSeq, m.platformCode, m.hubCode])).toEqual([
      ['501', 1, C.platform, C.hub],
      ['502', 2, C.platform, C.hub],
      ['503', 3, C.platform, C.hub],
    ]);
    expect(new Set(sent.map((m) => m.orderKey))).toEqual(new Set([rows[0]!.orderKey]));
    for (const message of sent) expect((await verifyMessage(message, [sender.publicKey])).ok).toBe(true);
    // Every attempt went out under the same message id.
    expect(new Set(receiver.requests.slice(-3).map((r) => r[0]!.messageId)).size).toBe(1);
    expect((await actions('exchange.delivered')).length).toBeGreaterThanOrEqual(1);
  });

  it('stops an order key at a refusal, with the receiver’s field errors, while other order keys go on; a resend puts it back', async () => {
    await stage(store.db, clock, [
      ['501', 32],
      ['502', 32],
      ['501', 33],
    ]);
    const [a1, a2] = await outgoing(store.db, 32);
    const [b1] = await outgoing(store.db, 33);
    const codelist = fieldError('record.TENDER_MODE', 'codelist', {
      value: '9',
      list: 'tenderMode',
      allowed: '1/2',
    });
    receiver.answer = (m) =>
      m.dataKey === a1!.dataKey
        ? { status: 'rejected', errors: [codelist] }
        : m.dataKey === a2!.dataKey
          ? {
              status: 'deferred',
              errors: [fieldError('orderSeq', 'gap', { value: 2, orderKey: m.orderKey, lastApplied: 0 })],
            }
          : { status: 'accepted', errors: [] };
    expect(await worker.runOnce()).toEqual({ sent: 3, delivered: 1, refused: 1, failed: 1 });
    let [x1, x2] = await outgoing(store.db, 32);
    expect(x1).toMatchObject({
      status: 'rejected',
      attempts: 1,
      lastError: 'refused by the receiver',
      nextAttemptAt: null,
    });
    expect(x1!.errors.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'record.TENDER_MODE', code: 'codelist' },
    ]);
    expect(x2).toMatchObject({ status: 'pending', attempts: 1 });
    expect(x2!.lastError).toMatch(/sequence|gap|order/i);
    expect((await outgoing(store.db, 33))[0]!.status).toBe('delivered');
    expect(await actions('exchange.delivery_refused')).toEqual([String(a1!.id)]);

    // The refused one blocks its successor, even when that is due; the other tender's next goes out.
    await stage(store.db, clock, [['502', 33]]);
    await makeDue(store.db);
    receiver.answer = accept;
    expect(await worker.runOnce()).toMatchObject({ sent: 1, delivered: 1 });
    expect(receiver.lastKeys()).toEqual([(await outgoing(store.db, 33))[1]!.dataKey]);
    expect((await outgoing(store.db, 32)).map((r) => r.status)).toEqual(['rejected', 'pending']);

    const ctx = { db: store.db, clock, actor: systemActor('test'), platform: 'trading' as const };
    const retried = await retryOutgoing(ctx, a1!.id);
    expect(retried).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await actions('exchange.delivery_retried')).toEqual([String(a1!.id)]);
    expect(await worker.runOnce()).toMatchObject({ sent: 2, delivered: 2 });
    expect(receiver.lastKeys()).toEqual([a1!.dataKey, a2!.dataKey]);
    [x1, x2] = await outgoing(store.db, 32);
    expect([x1!.status, x2!.status]).toEqual(['delivered', 'delivered']);
    expect(x1!.errors).toEqual([]);

    await expect(retryOutgoing(ctx, a1!.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(retryOutgoing(ctx, 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(b1!.orderSeq).toBe(1);
  });

  it('retries a deferred message and a sender the receiver has not approved yet, never dead-letters them', async () => {
    await stage(store.db, clock, [['501', 34]]);
    const notApproved = fieldError('platformCode', 'platform_not_approved', {
      value: C.platform,
      status: 'pending',
    });
    const unknown = fieldError('platformCode', 'platform_unknown', { value: C.platform });
    receiver.answer = refuse(notApproved);
    expect(await worker.runOnce()).toEqual({ sent: 1, delivered: 0, refused: 0, failed: 1 });
    let [row] = await outgoing(store.db, 34);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: notApproved.message['en-US'] });
    expect(row!.errors.map((e) => e.code)).toEqual(['platform_not_approved']);
    expect(Date.parse(row!.nextAttemptAt!)).toBeGreaterThan(Date.now());

    await makeDue(store.db);
    receiver.answer = refuse(unknown);
    await worker.runOnce();
    await makeDue(store.db);
    receiver.answer = () => ({ status: 'deferred', errors: [] });
    await worker.runOnce();
    [row] = await outgoing(store.db, 34);
    expect(row).toMatchObject({ status: 'pending', attempts: 3, lastError: 'deferred' });

    await makeDue(store.db);
    receiver.answer = () => ({ status: 'duplicate', errors: [] });
    expect(await worker.runOnce()).toMatchObject({ delivered: 1 });
    [row] = await outgoing(store.db, 34);
    expect(row).toMatchObject({ status: 'delivered', errors: [], lastError: null });
    expect(await actions('exchange.delivery_refused')).toHaveLength(1);
  });
});

describe.each(DIALECTS)('the outgoing queue of a transaction platform over HTTP (%s)', (dialect) => {
  let svc: TestService;

  beforeAll(async () => {
    svc = await startTestService('trading', dialect, {
      config: {
        services: {
          trading: {
            exchange: {
              platformCode: C.platform,
              platformName: '榕招电子交易平台',
              regionCode: '350100',
              deliveryIntervalMs: 0,
            },
          },
        },
      },
    });
  });
  afterAll(async () => svc?.close());

  it('lists messages with counts per status, and lets the operator resend a refused one', async () => {
    await stage(svc.store.db, svc.clock, [
      ['501', 41],
      ['501', 42],
      ['501', 43],
    ]);
    const [delivered, refused, deferred] = await outgoing(svc.store.db);
    const receiver = new FakeReceiver();
    receiver.answer = (m) =>
      m.dataKey === refused!.dataKey
        ? { status: 'rejected', errors: [fieldError('record.TENDER_MODE', 'codelist', { value: '9' })] }
        : m.dataKey === deferred!.dataKey
          ? { status: 'deferred', errors: [] }
          : { status: 'accepted', errors: [] };
    await workerFor(svc.store.db, svc.clock, await testSender(C.platform), receiver).runOnce();

    expect((await svc.app.inject({ method: 'GET', url: '/api/exchange/outgoing' })).statusCode).toBe(401);
    const tenderer = await svc.userWithRoles(['tenderer']);
    expect(
      (await svc.app.inject({ method: 'GET', url: '/api/exchange/outgoing', headers: auth(tenderer.token) }))
        .statusCode,
    ).toBe(403);

    const operator = (await svc.userWithRoles(['platform_operator'])).token;
    const all = await svc.app.inject({
      method: 'GET',
      url: '/api/exchange/outgoing',
      headers: auth(operator),
    });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({
      total: 3,
      page: 1,
      counts: { pending: 1, delivered: 1, rejected: 1 },
    });
    expect(all.json().items.map((i: OutgoingView) => [i.id, i.status])).toEqual([
      [delivered!.id, 'delivered'],
      [refused!.id, 'rejected'],
      [deferred!.id, 'pending'],
    ]);

    const dead = await svc.app.inject({
      method: 'GET',
      url: '/api/exchange/outgoing?status=rejected',
      headers: auth(operator),
    });
    expect(dead.json().total).toBe(1);
    expect(dead.json().items[0]).toMatchObject({
      id: refused!.id,
      dataSetCode: '501',
      errors: [expect.objectContaining({ path: 'record.TENDER_MODE', code: 'codelist' })],
    });

    const byTender = await svc.app.inject({
      method: 'GET',
      url: `/api/exchange/outgoing?orderKey=${deferred!.orderKey}`,
      headers: auth(operator),
    });
    expect(byTender.json().items.map((i: OutgoingView) => i.id)).toEqual([deferred!.id]);

    const resend = (id: number) =>
      svc.app.inject({ method: 'POST', url: `/api/exchange/outgoing/${id}/retry`, headers: auth(operator) });
    const retried = await resend(refused!.id);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id: refused!.id, status: 'pending', attempts: 0 });
    expect((await resend(delivered!.id)).statusCode).toBe(409);
    expect(errorOf(await resend(424_242)).code).toBe('NOT_FOUND');
    expect(
      (
        await svc.app.inject({
          method: 'POST',
          url: `/api/exchange/outgoing/${refused!.id}/retry`,
          headers: auth(tenderer.token),
        })
      ).statusCode,
    ).toBe(403);

    const after = await svc.app.inject({
      method: 'GET',
      url: '/api/exchange/outgoing',
      headers: auth(operator),
    });
    expect(after.json().counts).toEqual({ pending: 2, delivered: 1, rejected: 0 });
  });
});
