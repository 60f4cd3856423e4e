import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBidPackage } from '../../src/crypto/portable/bid-package.ts';
import type { OpeningHall } from '../../web/src/components/opening-hall/hall-types.ts';
import {
  type HallEvent,
  hallEventOf,
  hallReducer,
  type HallView,
  needsSnapshot,
} from '../../web/src/components/opening-hall/hall-reducer.ts';
import { SseParser } from '../../web/src/components/opening-hall/sse-parser.ts';
import { bidFormFromInput } from '../../web/src/sealing/bid-form-input.ts';
import { bidPackageFile } from '../../web/src/sealing/bid-package-file.ts';

describe('the bid form as typed', () => {
  it('turns yuan with thousands separators into integer fen and leaves blanks out', () => {
    const result = bidFormFromInput(
      {
        price: ' 1,234,567.8 ',
        durationDays: 180,
        qualityCommitment: '合格',
        bidBond: '20,000',
        items: [{ key: '项目经理', value: '张三' }, { key: '', value: '' }, undefined],
      },
      'zh-CN',
    );
    expect(result).toEqual({
      ok: true,
      form: {
        version: 1,
        priceFen: 123_456_780,
        durationDays: 180,
        qualityCommitment: '合格',
        bidBondFen: 2_000_000,
        items: { 项目经理: '张三' },
      },
    });
  });

  it('names each wrong field in the user’s language', () => {
    const zh = bidFormFromInput({ price: '12.345', durationDays: 0, bidBond: 'abc' }, 'zh-CN');
    expect(zh.ok).toBe(false);
    if (zh.ok) return;
    const byField = Object.fromEntries(zh.errors.map((e) => [JSON.stringify(e.field), e.message]));
    expect(byField['"price"']).toContain('投标报价应为金额');
    expect(byField['"bidBond"']).toContain('投标保证金应为金额');
    expect(byField['"durationDays"']).toBe('工期（日历天）不得小于 1');

    const en = bidFormFromInput({}, 'en-US');
    expect(en).toEqual({ ok: false, errors: [{ field: 'price', message: 'The bid price is required' }] });
  });

  it('refuses a read-out item named twice or without a name, on that row', () => {
    const result = bidFormFromInput(
      {
        price: '100',
        items: [
          { key: '项目经理', value: '张三' },
          { key: '项目经理', value: '李四' },
          { key: '', value: '无名' },
        ],
      },
      'en-US',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual([
      ['items', 1, 'key'],
      ['items', 2, 'key'],
    ]);
    expect(result.errors[0]!.message).toBe('The read-out item "项目经理" appears twice');
  });

  it('puts the items the tender requires first under their own names, insists on each, and keeps free items', () => {
    const required = ['项目经理', '工期'];
    const filled = bidFormFromInput(
      {
        price: '100',
        requiredItems: [' 张三 ', '365 日历天'],
        items: [{ key: '质量', value: '合格' }],
      },
      'zh-CN',
      required,
    );
    expect(filled).toEqual({
      ok: true,
      form: { version: 1, priceFen: 10_000, items: { 项目经理: '张三', 工期: '365 日历天', 质量: '合格' } },
    });
    if (!filled.ok) return;
    expect(Object.keys(filled.form.items)).toEqual(['项目经理', '工期', '质量']);

    const lacking = bidFormFromInput(
      {
        price: '100',
        requiredItems: ['张三', '  '],
        items: [{ key: '项目经理', value: '李四' }],
      },
      'zh-CN',
      required,
    );
    expect(lacking).toEqual({
      ok: false,
      errors: [
        { field: ['requiredItems', 1], message: '请填写招标文件要求唱标的“工期”' },
        { field: ['items', 0, 'key'], message: '唱标内容“项目经理”重复' },
      ],
    });

    const tooLong = bidFormFromInput(
      { price: '100', requiredItems: ['张三', 'x'.repeat(1001)] },
      'en-US',
      required,
    );
    expect(tooLong.ok).toBe(false);
    if (tooLong.ok) return;
    expect(tooLong.errors.map((e) => e.field)).toEqual([['requiredItems', 1]]);
  });

  it('packs the form with the bid file into the package the platform reads', async () => {
    const form = bidFormFromInput({ price: '9,876.54' }, 'zh-CN');
    if (!form.ok) throw new Error('form');
    const content = new TextEncoder().encode('投标文件内容');
    const packed = await bidPackageFile(form.form, new File([content], '投标文件.pdf'));
    const bytes = new Uint8Array(await packed.arrayBuffer());
    const opened = readBidPackage(bytes);
    expect(opened.form.priceFen).toBe(987_654);
    expect(opened.files['投标文件.pdf']).toEqual(content);
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual(['bid-form.json', '投标文件.pdf']);
  });
});

describe('the event-stream parser', () => {
  it('reads frames split anywhere, skipping heartbeats and keeping the retry delay', () => {
    const parser = new SseParser();
    const stream =
      'retry: 3000\n\n: \n\nid: 7\nevent: decryption.progress\ndata: {"seq":7,"at":"2026-01-01T00:00:00.000Z","total":3}\n\n' +
      'id: 8\r\nevent: hall.roster\r\ndata: {"seq":8,\r\ndata: "at":"x"}\r\n\r\n';
    const events = [];
    for (let i = 0; i < stream.length; i += 5) events.push(...parser.push(stream.slice(i, i + 5)));
    expect(parser.retryMs).toBe(3000);
    expect(events).toEqual([
      {
        id: 7,
        type: 'decryption.progress',
        data: '{"seq":7,"at":"2026-01-01T00:00:00.000Z","total":3}',
      },
      { id: 8, type: 'hall.roster', data: '{"seq":8,\n"at":"x"}' },
    ]);
  });

  it('takes the number, time and payload out of a frame’s data', () => {
    expect(hallEventOf('opening.opened', '{"seq":3,"at":"t","openedAt":"o"}')).toEqual({
      seq: 3,
      type: 'opening.opened',
      at: 't',
      payload: { openedAt: 'o' },
    });
    expect(hallEventOf('x', 'not json')).toBeNull();
    expect(hallEventOf('x', '{"at":"t"}')).toBeNull();
  });
});

const T0 = '2026-03-01T02:00:00.000Z';

function snapshot(overrides: Partial<OpeningHall> = {}): OpeningHall {
  return {
    projectId: 'p1',
    projectName: '供水管网改造',
    dealCode: 'D1',
    openingAt: T0,
    window: { openedAt: T0, closesAt: '2026-03-01T03:00:00.000Z' },
    stage: 'waiting',
    openedAt: null,
    windowClosedAt: null,
    readOutAt: null,
    lastSeq: 2,
    you: { organisationId: 'tenderer', host: true },
    signIns: [],
    progress: null,
    bids: [
      {
        bidId: 'b1',
        sectionCode: 'S1',
        bidderName: '甲公司',
        status: 'pending',
        statusText: '待解密',
        decryptedBy: null,
        bidForm: null,
        bidFormText: null,
        priceFen: null,
        priceYuan: null,
        durationDays: null,
        qualityCommitment: null,
        bidBondFen: null,
        items: {},
      },
    ],
    record: null,
    responses: [],
    exceptions: [],
    ...overrides,
  };
}

const event = (seq: number, type: string, payload: Record<string, unknown> = {}): HallEvent => ({
  seq,
  type,
  at: T0,
  payload,
});

function play(start: OpeningHall, ...events: HallEvent[]): HallView {
  let view = hallReducer(null, { kind: 'snapshot', hall: start });
  for (const e of events) view = hallReducer(view, { kind: 'event', event: e });
  return view!;
}

describe('the hall reducer', () => {
  it('lists replayed history newest first but applies only events after the snapshot', () => {
    const view = play(
      snapshot({ stage: 'opened', openedAt: T0 }),
      event(1, 'hall.signed_in', { organisationName: '甲公司', capacity: 'bidder', signedInAt: T0 }),
      event(2, 'opening.opened', { openedAt: 'earlier' }),
      event(3, 'decryption.bid', { bidId: 'b1', status: 'decrypted', decryptedBy: 'bidder' }),
      event(3, 'decryption.bid', { bidId: 'b1', status: 'decrypted', decryptedBy: 'bidder' }),
    );
    expect(view.events.map((e) => e.seq)).toEqual([3, 2, 1]);
    // Events 1 and 2 are already in the snapshot: they change nothing.
    expect(view.hall.signIns).toEqual([]);
    expect(view.hall.openedAt).toBe(T0);
    expect(view.hall.bids[0]).toMatchObject({ status: 'decrypted', decryptedBy: 'bidder' });
    expect(view.hall.lastSeq).toBe(3);
  });

  it('follows the opening from sign-in to the confirmed record', () => {
    const line = { ...snapshot().bids[0]!, status: 'decrypted', bidForm: 'present', priceFen: 123_456_789 };
    const record = { readOutAt: '2026-03-01T03:05:00.000Z', sections: [] };
    const view = play(
      snapshot(),
      event(3, 'hall.signed_in', { organisationName: '甲公司', capacity: 'bidder', signedInAt: T0 }),
      event(4, 'opening.opened', { openedAt: T0 }),
      event(5, 'hall.roster', {
        signedIn: [{ organisationName: '甲公司', capacity: 'bidder', signedInAt: T0 }],
      }),
      event(6, 'decryption.progress', {
        total: 1,
        pending: 1,
        decrypted: 0,
        failed_bidder: 0,
        failed_other: 0,
      }),
      event(7, 'decryption.window_closed', {
        closedAt: '2026-03-01T03:00:00.000Z',
        progress: { total: 1, pending: 0, decrypted: 1, failed_bidder: 0, failed_other: 0 },
      }),
      event(8, 'readout.line', line),
      event(9, 'record.published', { sha256: 'abc', record }),
      event(10, 'record.objection', { objectionId: 'o1', bidderName: '甲公司', text: '报价读错' }),
      event(11, 'record.answer', { objectionId: 'o1', answer: '已核对', answeredAt: T0 }),
      event(12, 'record.confirmed', { responseId: 'r1', bidderName: '甲公司' }),
    );
    const { hall } = view;
    expect(hall.stage).toBe('read_out');
    expect(hall.signIns).toHaveLength(1);
    expect(hall.progress?.decrypted).toBe(1);
    expect(hall.windowClosedAt).toBe('2026-03-01T03:00:00.000Z');
    expect(hall.bids[0]?.priceFen).toBe(123_456_789);
    expect(hall.record).toEqual({ sha256: 'abc', body: record });
    expect(hall.readOutAt).toBe(record.readOutAt);
    expect(hall.responses.map((r) => [r.id, r.kind, r.text, r.answer])).toEqual([
      ['o1', 'objection', '报价读错', '已核对'],
      ['r1', 'confirmed', null, null],
    ]);
  });

  it('ignores a snapshot older than what the stream applied, and asks for one after a C1 failure', () => {
    const view = play(snapshot(), event(3, 'opening.opened', { openedAt: T0 }));
    const stale = hallReducer(view, { kind: 'snapshot', hall: snapshot({ lastSeq: 2 }) });
    expect(stale).toBe(view);
    expect(needsSnapshot('opening.failed')).toBe(true);
    expect(needsSnapshot('decryption.bid')).toBe(false);
  });

  it('adds a bid the host first hears of through its status event', () => {
    const view = play(
      snapshot({ bids: [] }),
      event(3, 'decryption.bid', {
        bidId: 'b9',
        bidderName: '乙公司',
        sectionCode: 'S2',
        status: 'failed_bidder',
      }),
    );
    expect(view.hall.bids).toMatchObject([{ bidId: 'b9', bidderName: '乙公司', status: 'failed_bidder' }]);
  });
});
