import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tradingDb } from '../../src/trading/schema.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import { aPublishedSection, auth, type BidSection } from './support/bid-factory.ts';
import { aBidForm, aPackagedBid, type Bidder, decryptOwnBid, hall } from './support/opening-factory.ts';

describe.each(DIALECTS)('tender exceptions (%s)', (dialect) => {
  let svc: TestService;

  beforeEach(async () => {
    svc = await startTestService('trading', dialect);
  });
  afterEach(async () => svc.close());

  async function bids(section: BidSection, n: number) {
    const out: { bidder: Bidder; bidId: string }[] = [];
    for (let i = 0; i < n; i++) {
      const bidder = await svc.userWithRoles(['bidder']);
      out.push({ bidder, bidId: await aPackagedBid(svc, section, bidder, aBidForm(1_000_00 * (i + 1))) });
    }
    return out;
  }

  const exceptions = (section: BidSection, projectId = section.projectId) =>
    svc.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/exceptions`,
      headers: auth(section.tenderer.token),
    });
  const post = (section: BidSection, path: string, payload?: object) =>
    svc.app.inject({
      method: 'POST',
      url: `/api/projects/${section.projectId}${path}`,
      headers: auth(section.tenderer.token),
      ...(payload ? { payload } : {}),
    });
  const outboxOf = (projectId: string) =>
    tradingDb(svc.store.db)
      .selectFrom('outbox')
      .select(['eventType', 'dataSetCode', 'payload'])
      .where('aggregateId', '=', projectId)
      .orderBy('seq')
      .execute();

  it('C1: with 2 bids the section is not opened, the tender fails, and a re-tender is linked to it', async () => {
    const section = await aPublishedSection(svc);
    const [first] = await bids(section, 2);
    svc.clock.set(new Date(section.deadline));
    const res = await hall(svc, section.projectId).post(section.tenderer.token, '/open');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      opened: false,
      openedAt: null,
      sections: [{ code: section.sectionCode, bids: 2, opened: false }],
    });

    const listed = (await exceptions(section)).json();
    expect(listed.exceptions).toMatchObject([
      { kind: 'failed', rule: 'C1', sectionCode: section.sectionCode, retenderProjectId: null },
    ]);
    expect(listed.exceptions[0].reason).toContain('《招标投标法》第28条');
    expect(listed.exceptions[0].reason).toContain('《招标投标法实施条例》第44条');
    const project = await tradingDb(svc.store.db)
      .selectFrom('tenderProject')
      .select('status')
      .where('id', '=', section.projectId)
      .executeTakeFirstOrThrow();
    expect(project.status).toBe('failed');
    const outbox = await outboxOf(section.projectId);
    expect(outbox.at(-1)).toMatchObject({ eventType: 'tender.failed', dataSetCode: '517' });
    expect(JSON.parse(outbox.at(-1)!.payload)).toMatchObject({ rule: 'C1', bids: 2, limit: 3 });
    const audit = await tradingDb(svc.store.db)
      .selectFrom('auditEvent')
      .select('action')
      .where('action', '=', 'tender.failed')
      .execute();
    expect(audit).toHaveLength(1);
    // Nothing in a failed section is opened: not by its bidder either.
    expect((await decryptOwnBid(svc, first!.bidder, first!.bidId)).statusCode).toBe(409);

    const retender = await post(section, '/retender');
    expect(retender.statusCode, retender.body).toBe(201);
    const copy = retender.json();
    expect(copy).toMatchObject({ retenderOf: section.projectId, sectionCodes: [`${copy.dealCode}001`] });
    const created = await tradingDb(svc.store.db)
      .selectFrom('tenderProject')
      .selectAll()
      .where('id', '=', copy.projectId)
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({
      status: 'draft',
      publishedAt: null,
      tendererOrganisationId: section.tenderer.organisationId,
    });
    expect((await exceptions(section, copy.projectId)).json()).toEqual({
      exceptions: [],
      retenderOf: section.projectId,
    });
    expect((await exceptions(section)).json().exceptions[0].retenderProjectId).toBe(copy.projectId);
    expect((await post(section, '/retender')).statusCode).toBe(409);
  });

  it('C1: with 3 bids the opening takes place', async () => {
    const section = await aPublishedSection(svc);
    await bids(section, 3);
    svc.clock.set(new Date(section.deadline));
    const res = await hall(svc, section.projectId).post(section.tenderer.token, '/open');
    expect(res.json()).toMatchObject({ opened: true, sections: [{ bids: 3, opened: true }] });
    expect((await exceptions(section)).json().exceptions).toEqual([]);
    expect((await post(section, '/retender')).statusCode).toBe(409);
  });

  it('termination (终止招标) by the tenderer with a reason: audited, published (517), final', async () => {
    const section = await aPublishedSection(svc);
    await bids(section, 1);
    const someoneElse = await svc.userWithRoles(['tenderer']);
    const refused = await svc.app.inject({
      method: 'POST',
      url: `/api/projects/${section.projectId}/terminate`,
      headers: auth(someoneElse.token),
      payload: { reason: '项目取消' },
    });
    expect(refused.statusCode).toBe(403);
    expect((await post(section, '/terminate', { reason: '' })).statusCode).toBe(400);
    const res = await post(section, '/terminate', { reason: '因规划调整，项目取消' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'terminated',
      rule: null,
      sectionId: null,
      reason: '因规划调整，项目取消',
    });
    const outbox = await outboxOf(section.projectId);
    expect(outbox.at(-1)).toMatchObject({ eventType: 'tender.terminated', dataSetCode: '517' });
    expect(JSON.parse(outbox.at(-1)!.payload)).toMatchObject({ article: '《招标投标法实施条例》第31条' });
    const project = await tradingDb(svc.store.db)
      .selectFrom('tenderProject')
      .select('status')
      .where('id', '=', section.projectId)
      .executeTakeFirstOrThrow();
    expect(project.status).toBe('terminated');
    expect((await post(section, '/terminate', { reason: '再次终止' })).statusCode).toBe(409);
    expect((await post(section, '/retender')).statusCode).toBe(409);
    svc.clock.set(new Date(section.deadline));
    expect((await hall(svc, section.projectId).post(section.tenderer.token, '/open')).statusCode).toBe(409);
    const audit = await tradingDb(svc.store.db)
      .selectFrom('auditEvent')
      .select(['action', 'detail'])
      .where('action', '=', 'tender.terminated')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('failure for another reason: recorded, published (517), and re-tendered with every section', async () => {
    const section = await aPublishedSection(svc);
    await bids(section, 3);
    svc.clock.set(new Date(Date.parse(section.deadline) + 3_600_000));
    const res = await post(section, '/fail', { reason: '所有投标均被评标委员会否决' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'failed', rule: null });
    expect((await outboxOf(section.projectId)).at(-1)).toMatchObject({
      eventType: 'tender.failed',
      dataSetCode: '517',
    });
    const retender = await post(section, '/retender');
    expect(retender.statusCode, retender.body).toBe(201);
    expect(retender.json().sectionCodes).toHaveLength(1);
  });
});
