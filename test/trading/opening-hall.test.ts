import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hallBroadcasterOf } from '../../src/trading/opening-hall/hall-broadcaster.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { anOpeningKey } from '../support/sealed-bids.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import { aPublishedSection, type BidSection } from './support/bid-factory.ts';
import {
  aBidForm,
  aPackagedBid,
  type Bidder,
  connectSse,
  decryptOwnBid,
  hall,
  handInShare,
  listening,
} from './support/opening-factory.ts';

const MINUTE = 60_000;

describe.each(DIALECTS)('the remote opening hall (%s)', (dialect) => {
  let svc: TestService;

  beforeEach(async () => {
    svc = await startTestService('trading', dialect);
  });
  afterEach(async () => svc.close());

  const at = (iso: string, offsetMs = 0) => svc.clock.set(new Date(Date.parse(iso) + offsetMs));

  async function fiveBids(section: BidSection) {
    const bidders: Bidder[] = [];
    const bidIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const bidder = await svc.userWithRoles(['bidder']);
      bidders.push(bidder);
      // One a minute: the read-out follows the order of submission.
      svc.clock.advance(MINUTE);
      bidIds.push(
        await aPackagedBid(
          svc,
          section,
          bidder,
          aBidForm(100_000_000 + i * 1_234_567, { 项目经理: `经理${i}` }),
        ),
      );
    }
    return { bidders, bidIds };
  }

  it('five bidders: four decrypt, one does not; the read-out and the record list every bid with its status (E6–E8)', async () => {
    const section = await aPublishedSection(svc, { openingKeyRemedy: false, decryptionWindowMinutes: 30 });
    const { bidders, bidIds } = await fiveBids(section);
    const room = hall(svc, section.projectId);
    const tenderer = section.tenderer.token;

    // Sign-in opens 30 minutes before the opening; before the deadline a bidder's sign-in is its own (E4).
    at(section.deadline, -31 * MINUTE);
    expect((await room.post(bidders[0]!.token, '/sign-in')).statusCode).toBe(409);
    at(section.deadline, -10 * MINUTE);
    expect((await room.post(tenderer, '/sign-in')).json()).toMatchObject({ capacity: 'tenderer' });
    for (const bidder of bidders.slice(0, 3))
      expect((await room.post(bidder.token, '/sign-in')).statusCode).toBe(200);
    const early = (await room.get(bidders[0]!.token)).json();
    expect(early.signIns.map((s: { capacity: string }) => s.capacity).sort()).toEqual(['bidder', 'tenderer']);
    expect(early.bids).toEqual([]);
    expect(early.progress).toBeNull();

    // The opening: not a millisecond before the announced time (E5), exactly at it.
    at(section.deadline, -1);
    const tooEarly = await room.post(tenderer, '/open');
    expect(tooEarly.statusCode).toBe(422);
    expect(errorOf(tooEarly).message).toContain('E5');
    expect((await room.post(bidders[0]!.token, '/open')).statusCode).toBe(403);
    at(section.deadline);
    const opened = await room.post(tenderer, '/open');
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ opened: true, sections: [{ bids: 5, opened: true }] });
    expect((await room.post(tenderer, '/open')).statusCode).toBe(409);

    at(section.deadline, 5 * MINUTE);
    for (let i = 0; i < 4; i++) {
      const res = await decryptOwnBid(svc, bidders[i]!, bidIds[i]!);
      expect(res.statusCode, res.body).toBe(200);
    }
    // Before the read-out the host sees statuses but no price; a bidder sees its own price only.
    const host = (await room.get(tenderer)).json();
    expect(host.progress).toMatchObject({ total: 5, decrypted: 4, pending: 1 });
    expect(host.bids.every((b: { priceFen: unknown }) => b.priceFen === null)).toBe(true);
    const own = (await room.get(bidders[1]!.token)).json();
    expect(own.bids).toEqual([expect.objectContaining({ bidId: bidIds[1], priceFen: 101_234_567 })]);
    expect((await room.post(tenderer, '/read-out')).statusCode).toBe(409);

    at(section.deadline, 31 * MINUTE);
    expect((await decryptOwnBid(svc, bidders[4]!, bidIds[4]!)).statusCode).toBe(409);
    const readOut = await room.post(tenderer, '/read-out');
    expect(readOut.statusCode, readOut.body).toBe(200);
    const record = readOut.json();
    expect(record).toMatchObject({ rule: 'E8', openingAt: section.deadline, openedAt: section.deadline });
    const lines = record.sections[0].lines;
    expect(lines.map((l: { bidId: string }) => l.bidId)).toEqual(bidIds);
    expect(lines[2]).toMatchObject({
      status: 'decrypted',
      bidForm: 'present',
      priceFen: 102_469_134,
      priceYuan: '1,024,691.34',
      durationDays: 180,
      items: { 项目经理: '经理2' },
    });
    expect(lines[4]).toMatchObject({ status: 'failed_bidder', priceFen: null, bidForm: null });
    expect(lines[4].statusText).toContain('撤销');
    expect(record.signIns).toHaveLength(4);
    expect((await room.post(tenderer, '/read-out')).statusCode).toBe(409);

    const outbox = await tradingDb(svc.store.db)
      .selectFrom('outbox')
      .select(['dataSetCode', 'payload'])
      .where('aggregateId', '=', section.projectId)
      .execute();
    const codes = outbox.map((o) => o.dataSetCode);
    expect(codes).toEqual(expect.arrayContaining(['506', '507']));

    // 条例 44: confirmations, an objection on the spot and the tenderer's answer, all in the record.
    expect((await room.post(bidders[0]!.token, '/record/responses', { kind: 'confirmed' })).statusCode).toBe(
      200,
    );
    expect(
      (await room.post(bidders[0]!.token, '/record/responses', { kind: 'objection', text: '晚了' }))
        .statusCode,
    ).toBe(409);
    expect((await room.post(bidders[1]!.token, '/record/responses', { kind: 'objection' })).statusCode).toBe(
      400,
    );
    at(section.deadline, 32 * MINUTE);
    const objection = await room.post(bidders[1]!.token, '/record/responses', {
      kind: 'objection',
      text: '第五家的解密状态有误',
    });
    expect(objection.statusCode, objection.body).toBe(200);
    const objectionId = objection.json().id as string;
    expect(
      (await room.post(bidders[2]!.token, `/record/objections/${objectionId}/answer`, { answer: 'x' }))
        .statusCode,
    ).toBe(403);
    const answer = await room.post(tenderer, `/record/objections/${objectionId}/answer`, {
      answer: '经核查，该投标人未在解密时限内解密',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(
      (await room.post(tenderer, `/record/objections/${objectionId}/answer`, { answer: '再答' })).statusCode,
    ).toBe(409);
    const after = (await room.get(bidders[3]!.token)).json();
    expect(after.stage).toBe('read_out');
    expect(after.record.body.sections[0].lines).toHaveLength(5);
    expect(after.responses).toMatchObject([
      { kind: 'confirmed', answer: null },
      { kind: 'objection', text: '第五家的解密状态有误', answer: '经核查，该投标人未在解密时限内解密' },
    ]);
    const audit = await svc.store.db
      .selectFrom('auditEvent')
      .select('action')
      .where('objectId', '=', section.projectId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'opening.signed_in',
        'opening.opened',
        'opening.window_closed',
        'opening.read_out',
        'opening.record_confirmed',
        'opening.objection_raised',
        'opening.objection_answered',
      ]),
    );
  });

  it('a bid not decrypted through others is withdrawn (撤回); the remedy opens one its bidder failed; a plaintext without a bid form says 未提供投标函', async () => {
    const key = await anOpeningKey('gm', { threshold: 2, holders: 3 });
    const section = await aPublishedSection(svc, {
      openingKey: key,
      openingKeyRemedy: true,
      decryptionWindowMinutes: 30,
    });
    const bidders = [];
    for (let i = 0; i < 4; i++) bidders.push(await svc.userWithRoles(['bidder']));
    const decrypts = await aPackagedBid(svc, section, bidders[0]!, aBidForm(50_000_00));
    const noForm = await aPackagedBid(svc, section, bidders[1]!, null);
    const remedied = await aPackagedBid(svc, section, bidders[2]!, aBidForm(60_000_00));
    const lost = await aPackagedBid(svc, section, bidders[3]!, aBidForm(70_000_00));
    const room = hall(svc, section.projectId);
    const tenderer = section.tenderer.token;
    at(section.deadline);
    expect((await room.post(tenderer, '/open')).statusCode).toBe(200);
    expect((await decryptOwnBid(svc, bidders[0]!, decrypts)).statusCode).toBe(200);
    expect((await decryptOwnBid(svc, bidders[1]!, noForm)).statusCode).toBe(200);

    // The stored envelope of one bid is damaged on the platform's side: not the bidder's doing.
    const stored = await tradingDb(svc.store.db)
      .selectFrom('bid')
      .select('fileSha256')
      .where('id', '=', lost)
      .executeTakeFirstOrThrow();
    writeFileSync(svc.deps.blobs.pathOf(stored.fileSha256), Buffer.from('损坏的存储'));

    at(section.deadline, 31 * MINUTE);
    const waiting = await room.post(tenderer, '/read-out');
    expect(waiting.statusCode).toBe(409);
    expect(waiting.body).toContain('awaiting_opening_key');
    for (const holderId of ['holder-1', 'holder-2']) {
      const res = await handInShare(svc, section, key, holderId);
      expect(res.statusCode, res.body).toBe(200);
    }
    const record = (await room.post(tenderer, '/read-out')).json();
    const byId = Object.fromEntries(record.sections[0].lines.map((l: { bidId: string }) => [l.bidId, l]));
    expect(byId[decrypts]).toMatchObject({
      status: 'decrypted',
      decryptedBy: 'bidder',
      priceYuan: '50,000.00',
    });
    expect(byId[noForm]).toMatchObject({
      status: 'decrypted',
      bidForm: 'missing',
      bidFormText: '未提供投标函',
      priceFen: null,
    });
    expect(byId[remedied]).toMatchObject({
      status: 'decrypted',
      decryptedBy: 'opening_key',
      priceFen: 60_000_00,
    });
    expect(byId[lost]).toMatchObject({ status: 'failed_other', priceFen: null });
    expect(byId[lost].statusText).toContain('撤回');
    expect(record.openingKey).toMatchObject({ remedy: true });
    expect(record.openingKey.reassembledAt).not.toBeNull();
    const missing = await tradingDb(svc.store.db)
      .selectFrom('bid')
      .select(['bidFormStatus', 'bidFormProblem'])
      .where('id', '=', noForm)
      .executeTakeFirstOrThrow();
    expect(missing).toMatchObject({ bidFormStatus: 'missing' });
    expect(missing.bidFormProblem).toContain('not-a-zip');
  });

  it('reads out the items the tender documents require: one a bid form lacks is 未提供 for that bid only, the form still present', async () => {
    const section = await aPublishedSection(svc, { openingKeyRemedy: false, decryptionWindowMinutes: 30 });
    // The factory writes the published section directly; the documents require these two items.
    await tradingDb(svc.store.db)
      .updateTable('tenderSection')
      .set({ readOutItems: JSON.stringify(['项目经理', '工期']) })
      .where('id', '=', section.sectionId)
      .execute();
    const tender = await svc.app.inject({ method: 'GET', url: `/api/tenders/${section.projectId}` });
    expect(tender.statusCode, tender.body).toBe(200);
    expect(tender.json().sections[0].readOutItems).toEqual(['项目经理', '工期']);

    // Three bids, so the opening goes ahead (C1); only the second lacks 工期.
    const complete = await svc.userWithRoles(['bidder']);
    const lacking = await svc.userWithRoles(['bidder']);
    const third = await svc.userWithRoles(['bidder']);
    const full = await aPackagedBid(
      svc,
      section,
      complete,
      aBidForm(80_000_00, { 项目经理: '王五', 工期: '300 日历天', 质量: '优良' }),
    );
    const partial = await aPackagedBid(svc, section, lacking, aBidForm(90_000_00, { 项目经理: '赵六' }));
    const other = await aPackagedBid(
      svc,
      section,
      third,
      aBidForm(95_000_00, { 工期: '280 日历天', 项目经理: '钱七' }),
    );
    const room = hall(svc, section.projectId);
    const tenderer = section.tenderer.token;
    at(section.deadline);
    expect((await room.post(tenderer, '/open')).statusCode).toBe(200);
    for (const [bidder, bidId] of [
      [complete, full],
      [lacking, partial],
      [third, other],
    ] as const) {
      const res = await decryptOwnBid(svc, bidder, bidId);
      expect(res.statusCode, res.body).toBe(200);
    }
    // Before the read-out the host sees no content, the required items included.
    const host = (await room.get(tenderer)).json();
    expect(host.bids.map((b: { requiredItems: unknown }) => b.requiredItems)).toEqual([[], [], []]);

    at(section.deadline, 31 * MINUTE);
    const readOut = await room.post(tenderer, '/read-out');
    expect(readOut.statusCode, readOut.body).toBe(200);
    const record = readOut.json();
    expect(record.sections[0].readOutItems).toEqual(['项目经理', '工期']);
    const byId = Object.fromEntries(record.sections[0].lines.map((l: { bidId: string }) => [l.bidId, l]));
    expect(byId[full]).toMatchObject({
      bidForm: 'present',
      priceFen: 80_000_00,
      items: { 项目经理: '王五', 工期: '300 日历天', 质量: '优良' },
      requiredItems: [
        { name: '项目经理', value: '王五', text: '王五' },
        { name: '工期', value: '300 日历天', text: '300 日历天' },
      ],
    });
    expect(byId[partial]).toMatchObject({
      bidForm: 'present',
      bidFormText: null,
      priceFen: 90_000_00,
      requiredItems: [
        { name: '项目经理', value: '赵六', text: '赵六' },
        { name: '工期', value: null, text: '未提供' },
      ],
    });
    expect(byId[other].requiredItems).toEqual([
      { name: '项目经理', value: '钱七', text: '钱七' },
      { name: '工期', value: '280 日历天', text: '280 日历天' },
    ]);

    // The stored record (hashed, published to the hub) says the same; the bid is not rejected.
    const stored = await tradingDb(svc.store.db)
      .selectFrom('openingRecord')
      .select('body')
      .where('projectId', '=', section.projectId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.body)).toEqual(record);
    const forms = await tradingDb(svc.store.db)
      .selectFrom('bid')
      .select(['id', 'bidFormStatus', 'status'])
      .where('projectId', '=', section.projectId)
      .orderBy('id')
      .execute();
    expect(forms.map((f) => [f.bidFormStatus, f.status])).toEqual([
      ['present', 'current'],
      ['present', 'current'],
      ['present', 'current'],
    ]);
    const after = (await room.get(lacking.token)).json();
    expect(after.bids[0].requiredItems).toEqual(byId[partial].requiredItems);
  });

  it('streams every change in order over SSE, only what each may see, and resumes from Last-Event-ID', async () => {
    const section = await aPublishedSection(svc, { openingKeyRemedy: false, decryptionWindowMinutes: 30 });
    const bidders: Bidder[] = [];
    const bidIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const bidder = await svc.userWithRoles(['bidder']);
      bidders.push(bidder);
      bidIds.push(await aPackagedBid(svc, section, bidder, aBidForm(1_000_00 * (i + 1))));
    }
    const room = hall(svc, section.projectId);
    const tenderer = section.tenderer.token;
    const base = await listening(svc);
    at(section.deadline, -10 * MINUTE);
    const hostStream = await connectSse(base, section.projectId, tenderer);
    const bidderStream = await connectSse(base, section.projectId, bidders[0]!.token);
    const outsider = await svc.userWithRoles(['bidder']);
    await expect(connectSse(base, section.projectId, outsider.token)).rejects.toThrow('404');

    await room.post(bidders[1]!.token, '/sign-in');
    await room.post(bidders[0]!.token, '/sign-in');
    at(section.deadline);
    await room.post(tenderer, '/open');
    await decryptOwnBid(svc, bidders[0]!, bidIds[0]!);
    await decryptOwnBid(svc, bidders[1]!, bidIds[1]!);
    at(section.deadline, 31 * MINUTE);
    await room.post(tenderer, '/read-out');
    await hostStream.waitFor((events) => events.some((e) => e.event === 'record.published'));
    await bidderStream.waitFor((events) => events.some((e) => e.event === 'record.published'));

    const ids = hostStream.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    const types = hostStream.events.map((e) => e.event);
    expect(types.indexOf('opening.opened')).toBeLessThan(types.indexOf('decryption.bid'));
    expect(types.indexOf('decryption.window_closed')).toBeLessThan(types.indexOf('readout.line'));
    expect(types.filter((t) => t === 'readout.line')).toHaveLength(3);
    // The bidder's sign-in before the deadline reaches only itself; the host learns it from the roster.
    const signIns = (stream: typeof hostStream) => stream.events.filter((e) => e.event === 'hall.signed_in');
    expect(signIns(hostStream)).toHaveLength(0);
    expect(signIns(bidderStream)).toHaveLength(1);
    const roster = hostStream.events.find((e) => e.event === 'hall.roster')!;
    expect((roster.data.signedIn as unknown[]).length).toBe(2);
    // Per-bid decryption: the host sees each bid, a bidder only its own; before the read-out no price.
    const decryptions = (stream: typeof hostStream) =>
      stream.events.filter((e) => e.event === 'decryption.bid').map((e) => e.data.bidId);
    expect(new Set(decryptions(hostStream))).toEqual(new Set(bidIds));
    expect(new Set(decryptions(bidderStream))).toEqual(new Set([bidIds[0]]));
    const beforeReadOut = bidderStream.events.filter(
      (e) => e.id < bidderStream.events.find((x) => x.event === 'readout.line')!.id,
    );
    expect(JSON.stringify(beforeReadOut)).not.toContain('priceFen');

    // Resume: a reconnecting bidder asks for what followed the last event it saw, and gets exactly that.
    const seen = bidderStream.events.find((e) => e.event === 'decryption.window_closed')!.id;
    bidderStream.close();
    const resumed = await connectSse(base, section.projectId, bidders[0]!.token, seen);
    await resumed.waitFor((events) => events.some((e) => e.event === 'record.published'));
    expect(resumed.events.map((e) => e.id)).toEqual(
      bidderStream.events.filter((e) => e.id > seen).map((e) => e.id),
    );
    await room.post(bidders[0]!.token, '/record/responses', { kind: 'confirmed' });
    await resumed.waitFor((events) => events.some((e) => e.event === 'record.confirmed'));
    await hostStream.waitFor((events) => events.some((e) => e.event === 'record.confirmed'));
    const snapshot = (await room.get(tenderer)).json();
    expect(snapshot.lastSeq).toBe(hostStream.events.at(-1)!.id);
    hostStream.close();
    resumed.close();
  });
  it('feeds 2,000 connected clients of one hall, each only what it may see', async () => {
    const section = await aPublishedSection(svc, { openingKeyRemedy: false });
    const bidders: Bidder[] = [];
    for (let i = 0; i < 3; i++) {
      const bidder = await svc.userWithRoles(['bidder']);
      bidders.push(bidder);
      await aPackagedBid(svc, section, bidder, aBidForm(1_000_00));
    }
    const broadcaster = hallBroadcasterOf(svc.store.db);
    const received: string[][] = [];
    const unsubscribes: (() => void)[] = [];
    for (let i = 0; i < 2000; i++) {
      const frames: string[] = [];
      received.push(frames);
      const viewer =
        i === 0
          ? { organisationId: section.tenderer.organisationId, isManager: true }
          : { organisationId: bidders[i % 3]!.organisationId, isManager: false };
      unsubscribes.push(
        await broadcaster.subscribe(
          section.projectId,
          { viewer, write: (f) => frames.push(f), end: () => {} },
          0,
        ),
      );
    }
    expect(broadcaster.clientCount(section.projectId)).toBe(2000);
    at(section.deadline, -10 * MINUTE);
    await hall(svc, section.projectId).post(bidders[1]!.token, '/sign-in');
    at(section.deadline);
    await hall(svc, section.projectId).post(section.tenderer.token, '/open');
    const events = (frames: string[]) => frames.map((f) => /event: (.+)/.exec(f)![1]);
    expect(events(received[0]!)).toEqual(['opening.opened', 'hall.roster', 'decryption.progress']);
    // Client 1 is bidder 1: it also saw its own sign-in, made before the deadline (E4).
    expect(events(received[1]!)).toEqual([
      'hall.signed_in',
      'opening.opened',
      'hall.roster',
      'decryption.progress',
    ]);
    expect(received.filter((frames) => frames.length === 4)).toHaveLength(667);
    expect(received.filter((frames) => frames.length === 3)).toHaveLength(1333);
    for (const unsubscribe of unsubscribes) unsubscribe();
  });
});
