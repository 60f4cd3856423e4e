import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import {
  checkMessage,
  messageContentDigest,
  type ExchangeReply,
  type ReceiverContext,
  type RegisteredPlatform,
} from '../../src/exchange/check-message.ts';
import { dataKeyOf } from '../../src/exchange/data-key.ts';
import { EXAMPLE_CODES, exampleRecord } from '../../src/exchange/data-set-examples.ts';
import type { PlatformKind } from '../../src/exchange/data-set-schema.ts';
import { dataSetSchema } from '../../src/exchange/data-sets.ts';
import { platformCode } from '../../src/exchange/codes/identity-codes.ts';
import { PROTOCOL_VERSION, validateMessage, type ExchangeMessage } from '../../src/exchange/message.ts';
import { platformKeyOf, signMessage, type SigningKey } from '../../src/exchange/sign-message.ts';
import type { ExchangeRecord } from '../../src/exchange/validate-record.ts';

const { platform, hub, deal } = EXAMPLE_CODES;

/** A hub's inbox state as plain maps: what `checkMessage` is given, and what applying a message changes. */
class Inbox {
  readonly applied: ExchangeMessage[] = [];
  private readonly lastSeq = new Map<string, number>();
  private readonly digests = new Map<string, string>();
  constructor(readonly senders: Map<string, RegisteredPlatform>) {}

  async receive(message: ExchangeMessage | Record<string, unknown>): Promise<ExchangeReply> {
    const m = message as ExchangeMessage;
    const context: ReceiverContext = {
      hubCode: hub,
      sender: this.senders.get(m.platformCode) ?? null,
      lastAppliedSeq: this.lastSeq.get(`${m.platformCode} ${m.orderKey}`) ?? 0,
      appliedContentDigest: this.digests.get(`${m.platformCode} ${m.dataKey}`) ?? null,
    };
    const reply = await checkMessage(message, context);
    if (reply.status === 'accepted') {
      this.lastSeq.set(`${m.platformCode} ${m.orderKey}`, m.orderSeq);
      this.digests.set(`${m.platformCode} ${m.dataKey}`, messageContentDigest(m));
      this.applied.push(m);
    }
    return reply;
  }
}

const summary = (reply: ExchangeReply) => ({
  status: reply.status,
  errors: reply.errors.map(({ path, code }) => ({ path, code })),
});

let signing: SigningKey;
let senders: Map<string, RegisteredPlatform>;

function registration(
  platformCode: string,
  kind: PlatformKind,
  status: RegisteredPlatform['status'] = 'approved',
) {
  return { platformCode, kind, status, keys: senders.get(platform)!.keys };
}

async function message(
  dataSetCode: string,
  orderSeq: number,
  change: Partial<Omit<ExchangeMessage, 'record'>> & { record?: Record<string, unknown> } = {},
): Promise<ExchangeMessage> {
  const record = { ...exampleRecord(dataSetCode), ...change.record } as ExchangeRecord;
  const { record: _r, ...envelope } = change;
  return signMessage(
    {
      version: PROTOCOL_VERSION,
      messageId: randomUUID(),
      dataSetCode,
      dataKey: dataKeyOf(dataSetCode, record, 1),
      platformCode: platform,
      hubCode: hub,
      sentAt: '2026-03-02T09:00:05+08:00',
      orderKey: String(record[dataSetSchema(dataSetCode)!.orderKeyField]),
      orderSeq,
      record,
      ...envelope,
    },
    signing,
  );
}

beforeAll(async () => {
  const pair = await nodeSuite('gm').generateSigningKeyPair();
  const key = await platformKeyOf('gm', pair.publicKeyPem);
  signing = { suite: 'gm', keyId: key.keyId, privateKeyPem: pair.privateKeyPem };
  senders = new Map([
    [platform, { platformCode: platform, kind: 'trading', status: 'approved', keys: [key] }],
  ]);
});

describe('checkMessage: order per tender', () => {
  it('applies a tender in order, defers what arrives early, and takes it once its predecessor is in', async () => {
    const inbox = new Inbox(senders);
    const [project, section, notice] = [
      await message('501', 1),
      await message('502', 2),
      await message('503', 3),
    ];
    expect(summary(await inbox.receive(project))).toEqual({ status: 'accepted', errors: [] });
    expect(summary(await inbox.receive(notice))).toEqual({
      status: 'deferred',
      errors: [{ path: 'orderSeq', code: 'gap' }],
    });
    expect((await inbox.receive(section)).status).toBe('accepted');
    expect((await inbox.receive(notice)).status).toBe('accepted');
    expect(inbox.applied.map((m) => m.orderSeq)).toEqual([1, 2, 3]);
  });

  it('keeps separate orders for separate tenders and separate senders', async () => {
    const inbox = new Inbox(senders);
    expect((await inbox.receive(await message('501', 1))).status).toBe('accepted');
    const entity = await message('100', 1);
    expect(entity.orderKey).toBe(EXAMPLE_CODES.bidder);
    expect((await inbox.receive(entity)).status).toBe('accepted');
  });

  it('says in both languages what is missing', async () => {
    const inbox = new Inbox(senders);
    const reply = await inbox.receive(await message('501', 2));
    expect(reply.errors[0]!.message['zh-CN']).toBe(
      `顺序号 2 之前还有消息未到（${deal} 已应用到 0）：先发送前面的消息，稍后重发本条`,
    );
    expect(reply.errors[0]!.params).toMatchObject({ value: 2, lastApplied: 0, orderKey: deal });
  });
});

describe('checkMessage: idempotency and replay', () => {
  it('answers a resent or replayed message as a duplicate and applies it once', async () => {
    const inbox = new Inbox(senders);
    const first = await message('501', 1);
    expect((await inbox.receive(first)).status).toBe('accepted');
    expect(summary(await inbox.receive(first))).toEqual({ status: 'duplicate', errors: [] });
    // A retry re-signed with a new message id and time is still the same message.
    const retry = await signMessage(
      { ...first, messageId: randomUUID(), sentAt: '2026-03-02T09:10:00+08:00' },
      signing,
    );
    expect((await inbox.receive(retry)).status).toBe('duplicate');
    // A replay of an old message after later ones were applied changes nothing either.
    expect((await inbox.receive(await message('502', 2))).status).toBe('accepted');
    expect((await inbox.receive(first)).status).toBe('duplicate');
    expect(inbox.applied).toHaveLength(2);
  });

  it('refuses different content under a data key already applied', async () => {
    const inbox = new Inbox(senders);
    const first = await message('501', 1);
    await inbox.receive(first);
    const changed = await message('501', 2, {
      dataKey: first.dataKey,
      record: { TENDER_PROJECT_NAME: '福州市滨海新城第二小学新建工程施工招标（更正）' },
    });
    expect(summary(await inbox.receive(changed))).toEqual({
      status: 'rejected',
      errors: [{ path: 'dataKey', code: 'conflict' }],
    });
    // The correction as a new revision, with a new data key, is taken.
    const corrected = await message('501', 2, {
      dataKey: dataKeyOf('501', changed.record, 2),
      record: changed.record,
    });
    expect((await inbox.receive(corrected)).status).toBe('accepted');
  });

  it('refuses a new message that reuses a sequence number already applied', async () => {
    const inbox = new Inbox(senders);
    await inbox.receive(await message('501', 1));
    await inbox.receive(await message('502', 2));
    expect(summary(await inbox.receive(await message('503', 2)))).toEqual({
      status: 'rejected',
      errors: [{ path: 'orderSeq', code: 'stale' }],
    });
  });

  it('does not let a rejected message take its sequence number or data key', async () => {
    const inbox = new Inbox(senders);
    const bad = await message('501', 1, { record: { TENDER_MODE: '9' } });
    expect(summary(await inbox.receive(bad))).toEqual({
      status: 'rejected',
      errors: [{ path: 'record.TENDER_MODE', code: 'codelist' }],
    });
    const fixed = await message('501', 1, { dataKey: bad.dataKey });
    expect((await inbox.receive(fixed)).status).toBe('accepted');
  });
});

describe('checkMessage: refusals', () => {
  it('refuses tampering, an unknown key and a missing signature', async () => {
    const inbox = new Inbox(senders);
    const good = await message('501', 1);
    const tampered = { ...good, record: { ...good.record, TENDERER_NAME: '别的单位' } };
    expect(summary(await inbox.receive(tampered))).toEqual({
      status: 'rejected',
      errors: [{ path: 'signature.value', code: 'bad_signature' }],
    });
    const pair = await nodeSuite('gm').generateSigningKeyPair();
    const stranger = await platformKeyOf('gm', pair.publicKeyPem);
    const byStranger = await signMessage(good, {
      suite: 'gm',
      keyId: stranger.keyId,
      privateKeyPem: pair.privateKeyPem,
    });
    expect(summary(await inbox.receive(byStranger)).errors).toEqual([
      { path: 'signature.keyId', code: 'unknown_key' },
    ]);
    const { signature: _s, ...unsigned } = good;
    expect(summary(await inbox.receive(unsigned)).errors).toEqual([{ path: 'signature', code: 'unsigned' }]);
    expect(inbox.applied).toEqual([]);
  });

  it('refuses messages for another receiver, from unknown or unapproved platforms', async () => {
    const inbox = new Inbox(senders);
    expect(summary(await inbox.receive(await message('501', 1, { hubCode: platform })))).toEqual({
      status: 'rejected',
      errors: [{ path: 'hubCode', code: 'wrong_receiver' }],
    });
    const other = await message('501', 1, { platformCode: hub });
    expect(summary(await inbox.receive(other)).errors).toEqual([
      { path: 'platformCode', code: 'platform_unknown' },
    ]);
    for (const status of ['pending', 'suspended'] as const) {
      const pending = new Inbox(new Map([[platform, registration(platform, 'trading', status)]]));
      const reply = await pending.receive(await message('501', 1));
      expect(summary(reply).errors).toEqual([{ path: 'platformCode', code: 'platform_not_approved' }]);
      expect(reply.errors[0]!.params).toMatchObject({ status });
    }
  });

  it('lets only supervision platforms and hubs send credit records', async () => {
    const subject = EXAMPLE_CODES.bidder;
    const blacklist = await message('302', 1, { record: { PLATFORM_CODE: platform } });
    expect(blacklist.orderKey).toBe(subject);
    const fromTrading = new Inbox(senders);
    expect(summary(await fromTrading.receive(blacklist)).errors).toEqual([
      { path: 'dataSetCode', code: 'sender_not_allowed' },
    ]);
    const fromSupervision = new Inbox(new Map([[platform, registration(platform, 'supervision')]]));
    expect((await fromSupervision.receive(blacklist)).status).toBe('accepted');
  });

  it('lets a hub forward a record that names its origin, and no one else', async () => {
    // A trading platform behind a lower hub sent the record there; the lower hub forwards it unchanged.
    const origin = {
      PLATFORM_CODE: platformCode(EXAMPLE_CODES.operator, 2),
      PUB_SERVICE_PLAT_CODE: platform,
    };
    const forwarded = await message('501', 1, { record: origin });
    const asTrading = new Inbox(senders);
    expect(summary(await asTrading.receive(forwarded)).errors).toEqual([
      { path: 'platformCode', code: 'inconsistent' },
      { path: 'hubCode', code: 'inconsistent' },
    ]);
    const asHub = new Inbox(new Map([[platform, registration(platform, 'hub')]]));
    expect((await asHub.receive(forwarded)).status).toBe('accepted');
  });

  it('refuses an order key that is not the tender’s deal code', async () => {
    const inbox = new Inbox(senders);
    const reply = await inbox.receive(await message('502', 1, { orderKey: 'batch-1' }));
    expect(summary(reply).errors).toEqual([{ path: 'orderKey', code: 'inconsistent' }]);
  });

  it('refuses malformed envelopes with field errors', async () => {
    const inbox = new Inbox(senders);
    const good = await message('501', 1);
    const cases: [Record<string, unknown>, { path: string; code: string }[]][] = [
      [{ ...good, version: 2 }, [{ path: 'version', code: 'unsupported_version' }]],
      [{ ...good, messageId: 'm-1' }, [{ path: 'messageId', code: 'format' }]],
      [{ ...good, dataSetCode: '599' }, [{ path: 'dataSetCode', code: 'unknown_data_set' }]],
      [{ ...good, orderSeq: 0 }, [{ path: 'orderSeq', code: 'out_of_range' }]],
      [{ ...good, orderSeq: '1' }, [{ path: 'orderSeq', code: 'type' }]],
      [{ ...good, sentAt: '2026-03-02 09:00' }, [{ path: 'sentAt', code: 'format' }]],
      [{ ...good, dataKey: '数据/1' }, [{ path: 'dataKey', code: 'format' }]],
      [{ ...good, priority: 'high' }, [{ path: 'priority', code: 'unknown_field' }]],
      [
        { ...good, signature: { ...good.signature, suite: 'rsa' } },
        [{ path: 'signature.suite', code: 'codelist' }],
      ],
    ];
    for (const [bad, expected] of cases) {
      const reply = await inbox.receive(bad);
      expect(reply.status).toBe('rejected');
      expect(summary(reply).errors, JSON.stringify(expected)).toEqual(expect.arrayContaining(expected));
    }
    expect(summary(await inbox.receive({ ...good, platformCode: undefined })).errors).toContainEqual({
      path: 'platformCode',
      code: 'required',
    });
    expect(
      summary(
        await checkMessage('hello', {
          hubCode: hub,
          sender: null,
          lastAppliedSeq: 0,
          appliedContentDigest: null,
        }),
      ).errors,
    ).toEqual([{ path: '', code: 'type' }]);
  });

  it('answers an invalid record with every field error at once', async () => {
    const inbox = new Inbox(senders);
    const bad = await message('503', 1, {
      record: { BID_OPEN_TIME: '2026-03-22T09:30:00+08:00', BULLETIN_TYPE: '2', NOTICE_NAME: '' },
    });
    expect(summary(await inbox.receive(bad))).toEqual({
      status: 'rejected',
      errors: [
        { path: 'record.NOTICE_NAME', code: 'required' },
        { path: 'record.PREQUAL_APPLY_END_TIME', code: 'required' },
        { path: 'record.BID_OPEN_TIME', code: 'date_order' },
      ],
    });
  });
});

describe('validateMessage before signing', () => {
  it('checks an unsigned message the sender is about to sign', async () => {
    const { signature: _s, ...unsigned } = await message('501', 1);
    expect(validateMessage(unsigned, { signed: false, forwarding: false })).toEqual([]);
    expect(validateMessage(unsigned).map((e) => e.code)).toEqual(['unsigned']);
  });
});
