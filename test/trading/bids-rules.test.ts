import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tradingDb } from '../../src/trading/schema.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import {
  aPublishedSection,
  aSealedBid,
  auth,
  BOND,
  type BidSection,
  complete,
  countRows,
  openUpload,
  relate,
  submitBid,
  uploadAllChunks,
} from './support/bid-factory.ts';

describe.each(DIALECTS)('bid replace, withdraw, C3 and C9 (%s)', (dialect) => {
  let svc: TestService;
  let section: BidSection;
  let bidder: { token: string; organisationId: string };

  beforeEach(async () => {
    svc = await startTestService('trading', dialect);
    // Required bond 10 000 yuan; estimated price 1 000 000 yuan, so C3 caps any bond at 20 000.
    section = await aPublishedSection(svc, { bidBondYuan: 10_000, estimatedPriceYuan: 1_000_000 });
    bidder = await svc.userWithRoles(['bidder']);
  });
  afterEach(async () => svc.close());

  const ownBids = async (token = bidder.token) =>
    (
      await svc.app.inject({
        method: 'GET',
        url: `/api/sections/${section.sectionId}/bids`,
        headers: auth(token),
      })
    ).json();

  it('only a bidder that obtained the documents may bid', async () => {
    const file = randomBytes(1024);
    const refused = await openUpload(svc, bidder.token, section.sectionId, file, 1024, undefined, {
      obtainFirst: false,
    });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused)).toMatchObject({
      code: 'FORBIDDEN',
      message: '贵单位未获取招标文件，不能执行此操作',
    });
    expect(await countRows(svc, 'bidUpload')).toBe(0);
    expect((await openUpload(svc, bidder.token, section.sectionId, file, 1024)).statusCode).toBe(201);
  });

  it('a second completion replaces the first; one current bid per bidder and section', async () => {
    const first = (await submitBid(svc, bidder.token, section.sectionId)).json().receipt;
    svc.clock.advance(1000);
    const second = await submitBid(svc, bidder.token, section.sectionId);
    expect(second.statusCode).toBe(201);
    expect(second.json().receipt.replacesBidId).toBe(first.bidId);
    const page = await ownBids();
    expect(page.total).toBe(2);
    expect(page.items).toMatchObject([
      { id: second.json().receipt.bidId, status: 'current', bidBond: BOND },
      { id: first.bidId, status: 'replaced', replacedAt: svc.clock.now().toISOString() },
    ]);
    const actions = await tradingDb(svc.store.db)
      .selectFrom('auditEvent')
      .select('action')
      .where('action', 'like', 'bid.%')
      .execute();
    expect(actions.map((a) => a.action)).toContain('bid.replaced');
  });

  it('withdraws the current bid (audited); nothing left to withdraw afterwards', async () => {
    const receipt = (await submitBid(svc, bidder.token, section.sectionId)).json().receipt;
    const res = await svc.app.inject({
      method: 'POST',
      url: `/api/sections/${section.sectionId}/bids/withdraw`,
      headers: auth(bidder.token),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: receipt.bidId,
      status: 'withdrawn',
      withdrawnAt: svc.clock.now().toISOString(),
    });
    expect((await ownBids()).items[0]).toMatchObject({ status: 'withdrawn' });
    const events = await tradingDb(svc.store.db)
      .selectFrom('auditEvent')
      .select(['action', 'sealKey'])
      .where('objectId', '=', receipt.bidId)
      .execute();
    expect(events).toContainEqual({ action: 'bid.withdrawn', sealKey: `tender:${section.projectId}` });
    const again = await svc.app.inject({
      method: 'POST',
      url: `/api/sections/${section.sectionId}/bids/withdraw`,
      headers: auth(bidder.token),
    });
    expect(again.statusCode).toBe(404);
    // A new bid after a withdrawal is a fresh current bid.
    expect((await submitBid(svc, bidder.token, section.sectionId)).statusCode).toBe(201);
  });

  it('C3: refuses a bond below the required one and one above 2% of the estimated price; records the payer account', async () => {
    const audits = await countRows(svc, 'auditEvent');
    const low = await submitBid(
      svc,
      bidder.token,
      section.sectionId,
      await aSealedBid(svc, section, bidder, randomBytes(100)),
      {
        ...BOND,
        amount: 9_999.99,
      },
    );
    expect(low.statusCode).toBe(400);
    expect(errorOf(low)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(errorOf(low).message).toContain('bidBond.amount');
    expect(errorOf(low).details?.[0]).toMatchObject({ path: 'bidBond.amount', code: 'too_small' });

    const high = await submitBid(
      svc,
      bidder.token,
      section.sectionId,
      await aSealedBid(svc, section, bidder, randomBytes(100)),
      {
        ...BOND,
        amount: 20_000.01,
      },
    );
    expect(high.statusCode).toBe(422);
    expect(errorOf(high).details?.[0]).toMatchObject({
      path: 'C3',
      params: { kind: 'max', limit: 20_000, actual: 20_000.01 },
    });
    expect(errorOf(high).message).toContain('C3');
    expect(await countRows(svc, 'bid')).toBe(0);
    // Only the uploads' own events (opened, chunks) were recorded; no bid.
    const bidEvents = await tradingDb(svc.store.db)
      .selectFrom('auditEvent')
      .select('action')
      .where('action', '=', 'bid.submitted')
      .execute();
    expect(bidEvents).toEqual([]);
    expect(await countRows(svc, 'auditEvent')).toBeGreaterThan(audits);

    const ok = await submitBid(
      svc,
      bidder.token,
      section.sectionId,
      await aSealedBid(svc, section, bidder, randomBytes(100)),
      {
        amount: 20_000,
        payerAccount: '6222 0000 1111',
        paidAt: '2026-03-02T00:00:00.000Z',
      },
    );
    expect(ok.statusCode).toBe(201);
    const row = await tradingDb(svc.store.db)
      .selectFrom('bid')
      .select(['bondAmountFen', 'bondPayerAccount'])
      .executeTakeFirstOrThrow();
    expect({ ...row, bondAmountFen: Number(row.bondAmountFen) }).toEqual({
      bondAmountFen: 2_000_000,
      bondPayerAccount: '6222 0000 1111',
    });
  });

  for (const kind of ['head', 'controls'] as const) {
    for (const order of ['controller first', 'controlled first'] as const) {
      it(`C9 (${kind}, ${order}): a related bidder is refused without naming who bid`, async () => {
        const other = await svc.userWithRoles(['bidder']);
        const [controller, controlled] = [bidder, other];
        await relate(svc, kind, controller.organisationId, controlled.organisationId);
        const [firstBidder, secondBidder] =
          order === 'controller first' ? [controller, controlled] : [controlled, controller];
        // The second bidder had already uploaded when the first completed: refused at completion.
        const pending = await uploadAllChunks(
          svc,
          secondBidder.token,
          section.sectionId,
          await aSealedBid(svc, section, secondBidder),
        );
        expect((await submitBid(svc, firstBidder.token, section.sectionId)).statusCode).toBe(201);
        const refused = await complete(svc, secondBidder.token, section.sectionId, pending);
        // A later attempt is refused as soon as it opens an upload.
        const refusedAtOpen = await openUpload(
          svc,
          secondBidder.token,
          section.sectionId,
          randomBytes(10),
          1000,
        );
        for (const res of [refused, refusedAtOpen]) {
          expect(res.statusCode).toBe(422);
          const error = errorOf(res);
          expect(error.details?.[0]).toMatchObject({ path: 'C9', code: 'RULE_VIOLATION' });
          expect(error.message).toContain('C9');
          expect(res.body).not.toContain(firstBidder.organisationId);
          expect(res.body).not.toMatch(/有限公司|user\d/);
        }
        expect(await countRows(svc, 'bid')).toBe(1);
        // An unrelated bidder is not affected.
        const stranger = await svc.userWithRoles(['bidder']);
        expect((await submitBid(svc, stranger.token, section.sectionId)).statusCode).toBe(201);
      });
    }
  }

  it('C9: once the related bid is withdrawn, the other organisation may bid', async () => {
    const other = await svc.userWithRoles(['bidder']);
    await relate(svc, 'head', bidder.organisationId, other.organisationId);
    expect((await submitBid(svc, bidder.token, section.sectionId)).statusCode).toBe(201);
    expect((await openUpload(svc, other.token, section.sectionId, randomBytes(10), 1000)).statusCode).toBe(
      422,
    );
    await svc.app.inject({
      method: 'POST',
      url: `/api/sections/${section.sectionId}/bids/withdraw`,
      headers: auth(bidder.token),
    });
    expect((await submitBid(svc, other.token, section.sectionId)).statusCode).toBe(201);
  });

  it('C9 is per section: a related organisation may bid on another section', async () => {
    const other = await svc.userWithRoles(['bidder']);
    await relate(svc, 'controls', other.organisationId, bidder.organisationId);
    const second = await aPublishedSection(svc);
    expect((await submitBid(svc, bidder.token, section.sectionId)).statusCode).toBe(201);
    expect((await submitBid(svc, other.token, second.sectionId)).statusCode).toBe(201);
  });
});
