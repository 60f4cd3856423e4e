import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tradingDb } from '../../src/trading/schema.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import {
  aPublishedSection,
  aSealedBid,
  auth,
  type BidSection,
  complete,
  countRows,
  openUpload,
  putChunk,
  storedChunks,
  submitBid,
  uploadAllChunks,
} from './support/bid-factory.ts';

function expectE2(res: { statusCode: number; json(): unknown }, deadline: string) {
  expect(res.statusCode).toBe(422);
  const error = (
    res.json() as {
      error: { code: string; message: string; details: { path: string; params: Record<string, unknown> }[] };
    }
  ).error;
  expect(error.code).toBe('RULE_VIOLATION');
  expect(error.details[0]!.path).toBe('E2');
  expect(error.details[0]!.params.latest).toBe(deadline);
  expect(error.message).toContain('E2');
}

describe.each(DIALECTS)('bid deadline E2 (%s)', (dialect) => {
  let svc: TestService;
  let section: BidSection;
  let bidder: { token: string; organisationId: string };

  beforeEach(async () => {
    svc = await startTestService('trading', dialect);
    section = await aPublishedSection(svc);
    bidder = await svc.userWithRoles(['bidder']);
  });
  afterEach(async () => svc.close());

  const at = (offsetMs: number) => new Date(new Date(section.deadline).getTime() + offsetMs).toISOString();

  it('accepts a completion at deadline − 1 ms; the receipt states that time', async () => {
    const uploadId = await uploadAllChunks(
      svc,
      bidder.token,
      section.sectionId,
      await aSealedBid(svc, section, bidder),
    );
    svc.clock.set(at(-1));
    const res = await complete(svc, bidder.token, section.sectionId, uploadId);
    expect(res.statusCode).toBe(201);
    expect(res.json().receipt.receivedAt).toBe(at(-1));
  });

  it('refuses a completion at the deadline instant itself (the opening is AT the deadline) and records nothing', async () => {
    const uploadId = await uploadAllChunks(
      svc,
      bidder.token,
      section.sectionId,
      await aSealedBid(svc, section, bidder),
    );
    svc.clock.set(section.deadline);
    const audits = await countRows(svc, 'auditEvent');
    const res = await complete(svc, bidder.token, section.sectionId, uploadId);
    expectE2(res, section.deadline);
    expect(await countRows(svc, 'bid')).toBe(0);
    expect(await countRows(svc, 'auditEvent')).toBe(audits);
  });

  it('after the deadline refuses a new upload, a chunk, a replace and a withdraw; an open upload counts as withdrawn', async () => {
    const file = randomBytes(2000);
    expect((await submitBid(svc, bidder.token, section.sectionId)).statusCode).toBe(201);
    const uploadId = (await openUpload(svc, bidder.token, section.sectionId, file, 1000)).json().id;
    await putChunk(svc, bidder.token, section.sectionId, uploadId, 0, file.subarray(0, 1000));
    svc.clock.set(at(0));
    const bids = await countRows(svc, 'bid');

    expectE2(await openUpload(svc, bidder.token, section.sectionId, file, 1000), section.deadline);
    expectE2(
      await putChunk(svc, bidder.token, section.sectionId, uploadId, 1, file.subarray(1000)),
      section.deadline,
    );
    expectE2(await complete(svc, bidder.token, section.sectionId, uploadId), section.deadline);
    expectE2(
      await svc.app.inject({
        method: 'POST',
        url: `/api/sections/${section.sectionId}/bids/withdraw`,
        headers: auth(bidder.token),
      }),
      section.deadline,
    );
    expect(await countRows(svc, 'bid')).toBe(bids);
    expect(await storedChunks(svc, bidder.token, section.sectionId, uploadId)).toEqual([0]);
    const state = await svc.app.inject({
      method: 'GET',
      url: `/api/sections/${section.sectionId}/uploads/${uploadId}`,
      headers: auth(bidder.token),
    });
    expect(state.json()).toMatchObject({ status: 'expired', bidId: null });
    const own = await svc.app.inject({
      method: 'GET',
      url: `/api/sections/${section.sectionId}/bids`,
      headers: auth(bidder.token),
    });
    expect(own.json()).toMatchObject({ total: 1, items: [{ status: 'current' }] });
  });

  it('refuses bids while the tender is paused by an objection, and when the project is not published', async () => {
    const paused = await aPublishedSection(svc, { pausedAt: svc.clock.now().toISOString() });
    const res = await openUpload(svc, bidder.token, paused.sectionId, randomBytes(10), 1000);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: 'INVALID_STATE' });
    expect(errorOf(res).message).toContain('paused');

    // Paused after the chunks were sent: completion is refused too.
    const uploadId = await uploadAllChunks(
      svc,
      bidder.token,
      section.sectionId,
      await aSealedBid(svc, section, bidder),
    );
    await tradingDb(svc.store.db)
      .updateTable('tenderProject')
      .set({ pausedAt: svc.clock.now().toISOString() })
      .where('id', '=', section.projectId)
      .execute();
    const refused = await complete(svc, bidder.token, section.sectionId, uploadId);
    expect(refused.statusCode).toBe(409);
    expect(await countRows(svc, 'bid')).toBe(0);

    const draft = await aPublishedSection(svc, { status: 'draft' });
    const notPublished = await openUpload(svc, bidder.token, draft.sectionId, randomBytes(10), 1000);
    expect(notPublished.statusCode).toBe(409);
    expect(errorOf(notPublished).code).toBe('INVALID_STATE');
    expect(await countRows(svc, 'bidUpload')).toBe(1);
  });
});

describe('20 completions racing the deadline (sqlite)', () => {
  let svc: TestService;
  afterEach(async () => svc.close());

  it('every receipt is timed before the deadline, every refusal cites E2, and only receipted bids exist', async () => {
    svc = await startTestService('trading', 'sqlite');
    const section = await aPublishedSection(svc);
    const bidders = await Promise.all(Array.from({ length: 20 }, () => svc.userWithRoles(['bidder'])));
    const uploads = await Promise.all(
      bidders.map(async (b) =>
        uploadAllChunks(
          svc,
          b.token,
          section.sectionId,
          await aSealedBid(svc, section, b, randomBytes(3000)),
        ),
      ),
    );
    // Every look at the clock moves it 1 ms on, so the deadline falls in the middle of the race:
    // the 20 completions take about 60 looks before the first envelope is checked and one reaches
    // its receipt.
    const deadline = new Date(section.deadline).getTime();
    svc.clock.set(new Date(deadline - 80));
    const base = svc.clock.now.bind(svc.clock);
    svc.clock.now = () => {
      svc.clock.advance(1);
      return base();
    };
    const results = await Promise.all(
      bidders.map((b, i) => complete(svc, b.token, section.sectionId, uploads[i]!)),
    );
    svc.clock.now = base;

    const accepted = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of accepted) expect(new Date(r.json().receipt.receivedAt).getTime()).toBeLessThan(deadline);
    for (const r of refused) expectE2(r, section.deadline);
    expect(await countRows(svc, 'bid')).toBe(accepted.length);
    expect(await countRows(svc, 'bidReceipt')).toBe(accepted.length);
    const latest = await tradingDb(svc.store.db)
      .selectFrom('bid')
      .select((eb) => eb.fn.max('submittedAt').as('t'))
      .executeTakeFirstOrThrow();
    expect(new Date(String(latest.t)).getTime()).toBeLessThan(deadline);
  });
});
