import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../../src/domain/credit-code.ts';
import { platformCode } from '../../src/exchange/codes/identity-codes.ts';
import { EXAMPLE_CODES, exampleRegistration } from '../../src/exchange/data-set-examples.ts';
import type { ExchangeMessage } from '../../src/exchange/message.ts';
import { signMessage } from '../../src/exchange/sign-message.ts';
import { exchangeDb } from '../../src/exchange/transport/exchange-tables.ts';
import type { MessageReply } from '../../src/exchange/transport/inbox.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import {
  signedMessage,
  testSender,
  type MessageOptions,
  type TestSender,
} from '../support/exchange-messages.ts';

const C = EXAMPLE_CODES;
const HUB = C.hub;
const credit = (body: string) => body + creditCodeCheckCharacter(body);
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const summary = (reply: MessageReply) => ({
  status: reply.status,
  errors: reply.errors.map(({ path, code }) => ({ path, code })),
});
const rejected = (path: string, code: string) => ({ status: 'rejected', errors: [{ path, code }] });

describe.each(DIALECTS)('the exchange inbox over HTTP (%s)', (dialect) => {
  let svc: TestService;
  let operator: string;
  let sender: TestSender;

  const message = (dataSetCode: string, orderSeq: number, options?: MessageOptions) =>
    signedMessage(sender, HUB, dataSetCode, orderSeq, options);

  async function send(messages: readonly unknown[]): Promise<MessageReply[]> {
    const response = await svc.app.inject({
      method: 'POST',
      url: '/api/exchange/messages',
      payload: { messages },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().replies as MessageReply[];
  }

  async function register(registration: object) {
    return svc.app.inject({ method: 'POST', url: '/api/exchange/registrations', payload: registration });
  }

  async function decide(code: string, decision: string, token: string | null = operator) {
    return svc.app.inject({
      method: 'POST',
      url: `/api/exchange/registrations/${code}/${decision}`,
      headers: token ? auth(token) : {},
      payload: {},
    });
  }

  async function counts() {
    const db = exchangeDb(svc.store.db);
    const count = async (table: 'exchangeInbox' | 'exchangeOrder' | 'auditEvent') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      inbox: await count('exchangeInbox'),
      order: await count('exchangeOrder'),
      audit: await count('auditEvent'),
    };
  }

  beforeAll(async () => {
    svc = await startTestService('hub', dialect, {
      config: {
        services: {
          hub: {
            exchange: {
              platformCode: HUB,
              platformName: '福州市公共资源交易公共服务平台',
              regionCode: '350100',
              deliveryIntervalMs: 0,
            },
          },
        },
      },
    });
    operator = (await svc.userWithRoles(['hub_operator'])).token;
    sender = await testSender(C.platform);
    const registered = await register(exampleRegistration([sender.publicKey]));
    expect(registered.statusCode, registered.body).toBe(201);
    expect((await decide(C.platform, 'approve')).statusCode).toBe(200);
  });
  afterAll(async () => svc?.close());

  describe('registration', () => {
    it('refuses an invalid registration with field errors', async () => {
      const good = exampleRegistration([sender.publicKey]);
      const bad = await register({
        ...good,
        platformCode: '1234',
        kind: 'broker',
        services: [{ ...good.services[0]!, fee: '10.00' }],
        submittedAt: 'yesterday',
      });
      expect(bad.statusCode).toBe(422);
      expect(errorOf(bad).code).toBe('EXCHANGE_INVALID');
      expect(errorOf(bad).details!.map(({ path, code }) => ({ path, code }))).toEqual([
        { path: 'platformCode', code: 'format' },
        { path: 'kind', code: 'codelist' },
        { path: 'services[0].fee', code: 'inconsistent' },
        { path: 'submittedAt', code: 'format' },
      ]);

      const wrongKeyId = await register({
        ...good,
        publicKeys: [{ ...good.publicKeys[0]!, keyId: 'ab'.repeat(32) }],
      });
      expect(wrongKeyId.statusCode).toBe(422);
      expect(errorOf(wrongKeyId).details!.map(({ path, code }) => ({ path, code }))).toEqual([
        { path: 'publicKeys[0].keyId', code: 'inconsistent' },
      ]);
      expect(await counts()).toMatchObject({ inbox: 0 });
    });

    it('keeps a resubmitted registration, sends a changed one back for approval, and lets only the operator decide', async () => {
      const other = await testSender(platformCode(credit('91350100MA0000101'), 1));
      const registration = {
        ...exampleRegistration([other.publicKey]),
        platformCode: other.platformCode,
        platformName: '闽台电子交易平台',
      };
      const submitted = await register(registration);
      expect(submitted.statusCode, submitted.body).toBe(201);
      expect(submitted.json()).toEqual({
        platformCode: other.platformCode,
        status: 'pending',
        changed: true,
      });

      // A pending platform may not send yet.
      const early = await signedMessage(other, HUB, '501', 1, { tender: 21 });
      expect((await send([early])).map(summary)).toEqual([rejected('platformCode', 'platform_not_approved')]);

      expect((await decide(other.platformCode, 'approve', null)).statusCode).toBe(401);
      const plain = await svc.userWithRoles(['hub_operator']);
      await svc.store.db.deleteFrom('userRole').where('userId', '=', plain.userId).execute();
      expect((await decide(other.platformCode, 'approve', plain.token)).statusCode).toBe(403);
      expect((await decide(other.platformCode, 'suspend', plain.token)).statusCode).toBe(403);
      expect((await decide(other.platformCode, 'reject', plain.token)).statusCode).toBe(403);
      expect((await decide(platformCode(credit('91350100MA0000111'), 1), 'approve')).statusCode).toBe(404);

      const disclosed = async () =>
        (
          (await svc.app.inject({ method: 'GET', url: '/api/exchange/platforms' })).json().items as {
            platformCode: string;
          }[]
        ).map((p) => p.platformCode);
      expect(await disclosed()).toEqual([C.platform]);

      const approved = await decide(other.platformCode, 'approve');
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json()).toMatchObject({
        status: 'approved',
        approvedAt: svc.clock.now().toISOString(),
      });
      expect((await disclosed()).sort()).toEqual([C.platform, other.platformCode].sort());
      expect((await send([early]))[0]!.status).toBe('accepted');

      svc.clock.advance(60_000);
      const again = await register({ ...registration, submittedAt: '2026-03-02T10:00:00+08:00' });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ platformCode: other.platformCode, status: 'approved', changed: false });

      const changed = await register({ ...registration, platformName: '闽台电子招标投标交易平台' });
      expect(changed.statusCode).toBe(201);
      expect(changed.json()).toMatchObject({ status: 'pending', changed: true });
      expect(await disclosed()).toEqual([C.platform]);
      const next = await signedMessage(other, HUB, '502', 2, { tender: 21 });
      expect((await send([next])).map(summary)).toEqual([rejected('platformCode', 'platform_not_approved')]);

      const suspended = await decide(other.platformCode, 'suspend');
      expect(suspended.json()).toMatchObject({ status: 'suspended', approvedAt: null });
      expect((await send([next])).map(summary)).toEqual([rejected('platformCode', 'platform_not_approved')]);
      expect((await decide(other.platformCode, 'reject')).json()).toMatchObject({ status: 'rejected' });
      expect(await disclosed()).toEqual([C.platform]);

      const listed = await svc.app.inject({
        method: 'GET',
        url: '/api/exchange/registrations?status=rejected',
        headers: auth(operator),
      });
      expect(listed.json().items.map((p: { platformCode: string }) => p.platformCode)).toEqual([
        other.platformCode,
      ]);
      const actions = await svc.store.db
        .selectFrom('auditEvent')
        .select('action')
        .where('objectType', '=', 'exchange_peer')
        .where('objectId', '=', other.platformCode)
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        'exchange.platform_registered',
        'exchange.platform_approved',
        'exchange.platform_registered',
        'exchange.platform_suspended',
        'exchange.platform_rejected',
      ]);
    });
  });

  describe('refusals', () => {
    it('answers each malformed, unsigned, wrongly signed or misaddressed message with field errors and changes nothing', async () => {
      const before = await counts();
      const good = await message('501', 1, { tender: 11 });
      const stranger = await testSender(C.platform);
      const unregistered = await testSender(platformCode(credit('91350100MA0000091'), 1));
      const { signature: _signature, ...unsigned } = good;
      const batch: unknown[] = [
        'not an object',
        await message('503', 1, { tender: 11, record: { NOTICE_NAME: undefined } }),
        await message('501', 1, { tender: 11, record: { TENDER_MODE: '9' } }),
        await message('503', 1, { tender: 11, record: { BID_OPEN_TIME: '2026-03-22T09:30:00+08:00' } }),
        unsigned,
        { ...good, record: { ...good.record, TENDERER_NAME: '别的单位' } },
        await signMessage(good, { ...stranger.signing, keyId: sender.publicKey.keyId }),
        await signMessage(good, stranger.signing),
        await message('501', 1, {
          tender: 11,
          envelope: { hubCode: C.platform },
          record: { PUB_SERVICE_PLAT_CODE: C.platform },
        }),
        await signedMessage(unregistered, HUB, '501', 1, { tender: 11 }),
        await message('300', 1),
      ];
      const replies = await send(batch);
      expect(replies.map(summary)).toEqual([
        rejected('', 'type'),
        rejected('record.NOTICE_NAME', 'required'),
        rejected('record.TENDER_MODE', 'codelist'),
        rejected('record.BID_OPEN_TIME', 'date_order'),
        rejected('signature', 'unsigned'),
        rejected('signature.value', 'bad_signature'),
        rejected('signature.value', 'bad_signature'),
        rejected('signature.keyId', 'unknown_key'),
        rejected('hubCode', 'wrong_receiver'),
        rejected('platformCode', 'platform_unknown'),
        rejected('dataSetCode', 'sender_not_allowed'),
      ]);
      expect(replies[0]!.messageId).toBeNull();
      expect(replies[5]!.messageId).toBe(good.messageId);
      expect(await counts()).toEqual(before);

      // None took the order's first place.
      expect((await send([good]))[0]!.status).toBe('accepted');
    });

    it('refuses a batch of more than 1000 messages before looking at any', async () => {
      const before = await counts();
      const one = await message('501', 1, { tender: 12 });
      const response = await svc.app.inject({
        method: 'POST',
        url: '/api/exchange/messages',
        payload: { messages: Array.from({ length: 1001 }, () => one) },
      });
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
      expect(errorOf(response).details!.map((d) => d.path)).toEqual(['body.messages']);
      const empty = await svc.app.inject({
        method: 'POST',
        url: '/api/exchange/messages',
        payload: { messages: [] },
      });
      expect(empty.statusCode).toBe(400);
      expect(await counts()).toEqual(before);
    });
  });

  describe('applying', () => {
    it('applies a message once: a replay is a duplicate, other content under its data key a conflict, an old sequence stale', async () => {
      const first = await message('501', 1, { tender: 13 });
      const before = await counts();
      const accepted = (await send([first]))[0]!;
      expect(summary(accepted)).toEqual({ status: 'accepted', errors: [] });
      expect(accepted.feedSeq).toBeGreaterThan(0);
      expect(await counts()).toEqual({
        inbox: before.inbox + 1,
        order: before.order + 1,
        audit: before.audit + 1,
      });

      // The same message, and the same content resent under a new message id at a later time.
      const resent = await message('501', 1, {
        tender: 13,
        envelope: { sentAt: '2026-03-02T09:10:00+08:00' },
      });
      expect(resent.messageId).not.toBe(first.messageId);
      const replays = await send([first, resent]);
      expect(replays.map(summary)).toEqual([
        { status: 'duplicate', errors: [] },
        { status: 'duplicate', errors: [] },
      ]);
      const conflict = await message('501', 2, {
        tender: 13,
        dataKey: first.dataKey,
        record: { TENDER_PROJECT_NAME: '另一个项目' },
      });
      const stale = await message('502', 1, { tender: 13 });
      expect((await send([conflict, stale])).map(summary)).toEqual([
        rejected('dataKey', 'conflict'),
        rejected('orderSeq', 'stale'),
      ]);
      expect(await counts()).toEqual({
        inbox: before.inbox + 1,
        order: before.order + 1,
        audit: before.audit + 1,
      });

      const rows = await exchangeDb(svc.store.db)
        .selectFrom('exchangeInbox')
        .select(['messageId', 'orderSeq'])
        .where('dataKey', '=', first.dataKey)
        .execute();
      expect(rows.map((r) => [r.messageId, Number(r.orderSeq)])).toEqual([[first.messageId, 1]]);
      const applied = await svc.store.db
        .selectFrom('auditEvent')
        .select(['action', 'detail'])
        .where('objectId', '=', `${C.platform}/${first.dataKey}`)
        .execute();
      expect(applied.map((a) => a.action)).toEqual(['exchange.messages_applied']);
      expect(JSON.parse(applied[0]!.detail!)).toEqual({ dataSetCode: '501', messageId: first.messageId });
    });

    // The inbox decides again under its write lock, so two requests never both take a data key or
    // a place in an order (on PostgreSQL an advisory lock; SQLite has one writer).
    it('applies concurrent requests as if one came after the other', async () => {
      const post = (message: ExchangeMessage) =>
        svc.app.inject({ method: 'POST', url: '/api/exchange/messages', payload: { messages: [message] } });
      const project = await message('501', 1, { tender: 16 });
      const before = await counts();
      const twice = await Promise.all([post(project), post(project)]);
      expect(twice.map((r) => r.statusCode)).toEqual([200, 200]);
      const statuses = twice.map((r) => (r.json().replies as MessageReply[])[0]!.status);
      expect(statuses.sort()).toEqual(['accepted', 'duplicate']);
      expect(await counts()).toEqual({
        inbox: before.inbox + 1,
        order: before.order + 1,
        audit: before.audit + 1,
      });

      // Two different messages claiming the first place of one order: one is applied, the other is stale.
      const rivals = await Promise.all([
        post(await message('501', 1, { tender: 17 })),
        post(await message('503', 1, { tender: 17 })),
      ]);
      const replies = rivals.map((r) => (r.json().replies as MessageReply[])[0]!);
      expect(replies.map((r) => r.status).sort()).toEqual(['accepted', 'rejected']);
      expect(replies.find((r) => r.status === 'rejected')!.errors.map((e) => e.code)).toEqual(['stale']);
    });

    it('defers a message whose predecessor is missing, then applies both in order from one batch', async () => {
      const project = await message('501', 1, { tender: 14 });
      const section = await message('502', 2, { tender: 14 });
      const before = await counts();
      expect((await send([section])).map(summary)).toEqual([
        { status: 'deferred', errors: [{ path: 'orderSeq', code: 'gap' }] },
      ]);
      expect(await counts()).toEqual(before);

      const replies = await send([project, section]);
      expect(replies.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      expect(replies[1]!.feedSeq).toBeGreaterThan(replies[0]!.feedSeq!);
      const order = await exchangeDb(svc.store.db)
        .selectFrom('exchangeOrder')
        .select('lastSeq')
        .where('platformCode', '=', C.platform)
        .where('orderKey', '=', project.orderKey)
        .executeTakeFirstOrThrow();
      expect(Number(order.lastSeq)).toBe(2);
      expect(await counts()).toEqual({
        inbox: before.inbox + 2,
        order: before.order + 1,
        audit: before.audit + 2,
      });
    });

    it('publishes notices and serves each data set’s feed in order, resumable, without supervisors-only fields for the public', async () => {
      const title = '闽江口湿地公园配套工程施工招标公告';
      const batch = [
        await message('501', 1, { tender: 15 }),
        await message('502', 2, { tender: 15 }),
        await message('503', 3, { tender: 15, record: { NOTICE_NAME: title } }),
        await message('519', 4, { tender: 15 }),
      ];
      expect((await send(batch)).map((r) => r.status)).toEqual([
        'accepted',
        'accepted',
        'accepted',
        'accepted',
      ]);

      const found = await svc.app.inject({
        method: 'GET',
        url: `/api/public/notices?q=${encodeURIComponent('湿地公园')}`,
      });
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json().total).toBe(1);
      expect(found.json().items[0].title).toBe(title);

      // The 501 feed, two at a time, equals the inbox's 501 rows in feed order.
      const expected = await exchangeDb(svc.store.db)
        .selectFrom('exchangeInbox')
        .select('dataKey')
        .where('dataSetCode', '=', '501')
        .orderBy('feedSeq')
        .execute();
      expect(expected.length).toBeGreaterThanOrEqual(3);
      const read: string[] = [];
      let cursor = '';
      for (let page = 0; page < 10; page++) {
        const r = await svc.app.inject({
          method: 'GET',
          url: `/api/exchange/feeds/501?limit=2&cursor=${cursor}`,
        });
        expect(r.statusCode, r.body).toBe(200);
        const body = r.json() as { items: ExchangeMessage[]; next: string | null };
        if (body.items.length === 0) {
          expect(body.next).toBeNull();
          break;
        }
        expect(body.items.length).toBeLessThanOrEqual(2);
        read.push(...body.items.map((m) => m.dataKey));
        cursor = body.next!;
      }
      expect(read).toEqual(expected.map((e) => e.dataKey));
      const foreign = await svc.app.inject({
        method: 'GET',
        url: `/api/exchange/feeds/502?cursor=${cursor}`,
      });
      expect(foreign.statusCode).toBe(422);
      expect(errorOf(foreign).details).toEqual([
        expect.objectContaining({ path: 'cursor', code: 'inconsistent' }),
      ]);

      const bidFeed = await svc.app.inject({ method: 'GET', url: '/api/exchange/feeds/519' });
      const [publicItem] = bidFeed.json().items as (ExchangeMessage & { redactedFields?: string[] })[];
      expect(publicItem!.dataKey).toBe(batch[3]!.dataKey);
      expect(publicItem!.record.CPU_ID).toBeUndefined();
      expect(publicItem!.record.BID_DOCUMENT_NAME).toBe(batch[3]!.record.BID_DOCUMENT_NAME);
      expect(publicItem!.redactedFields).toContain('CPU_ID');
      expect(publicItem!.signature).toBeNull();
      const full = await svc.app.inject({
        method: 'GET',
        url: '/api/exchange/feeds/519',
        headers: auth(operator),
      });
      expect(full.json().items[0]).toEqual(batch[3]);
    });
  });
});
