import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/cst.ts';
import { hashHex } from '../../src/crypto/hash.ts';
import { relatedOrganisationIds } from '../../src/trading/projects/organisation-relations.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { DIALECTS } from '../support/stores.ts';
import { recordTestOpeningKey } from '../support/sealed-bids.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
type Party = { token: string; organisationId: string };

const issueStart = new Date('2026-03-03T01:00:00.000Z');
const deadline = addDays(issueStart, 20).toISOString();
const announcement = (extra: Record<string, unknown> = {}) => ({
  title: '办公楼装修工程招标公告',
  body: '项目概况与招标范围……',
  documentIssueStart: issueStart.toISOString(),
  documentIssueEnd: addDays(issueStart, 5).toISOString(),
  bidDeadline: deadline,
  openingAt: deadline,
  objectionContact: '李工 0591-87654321',
  ...extra,
});
const project = (extra: Record<string, unknown> = {}) => ({
  name: '办公楼装修工程',
  procedure: 'open',
  qualification: 'post',
  mustTender: true,
  stateFunded: false,
  region: '350100',
  industry: 'decoration',
  sections: [
    {
      name: '一标段',
      estimatedPrice: 500_000,
      referencePrices: [480_000],
      bidBond: 10_000,
      bidValidityDays: 60,
      evaluationMethod: 'lowest_price',
    },
  ],
  ...extra,
});

/** Words that would betray who obtained documents or how many bids exist (E4). */
const E4_WORDS = /obtain|bidCount|bidsCount|bidders|numberOfBids|downloads/i;

describe.each(DIALECTS)('project access, entrustments, public tenders and relations on %s', (dialect) => {
  let service: TestService;
  let tendererA: Party;
  let tendererB: Party;
  let agency: Party;
  let bidder: Party;
  let invited: Party;
  let operator: Party;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: object) =>
    service.app.inject({ method, url, headers: token ? auth(token) : {}, payload });

  async function auditCount() {
    const row = await service.store.db
      .selectFrom('auditEvent')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function published(token: string, body: object, extra: Record<string, unknown> = {}) {
    const created = await call('POST', '/api/projects', token, body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(
      (await call('PUT', `/api/projects/${id}/announcement`, token, announcement(extra))).statusCode,
    ).toBe(200);
    await recordTestOpeningKey(service, token, id);
    const response = await call('POST', `/api/projects/${id}/publish`, token);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  beforeAll(async () => {
    service = await startTestService('trading', dialect);
    tendererA = await service.userWithRoles(['tenderer'], 'tenderer-a');
    tendererB = await service.userWithRoles(['tenderer'], 'tenderer-b');
    agency = await service.userWithRoles(['agency'], 'agency-x');
    bidder = await service.userWithRoles(['bidder'], 'bidder-1');
    invited = await service.userWithRoles(['bidder'], 'bidder-invited');
    operator = await service.userWithRoles(['platform_operator'], 'operator-1');
  });
  afterAll(() => service.close());

  it("a tenderer can neither see nor change another tenderer's project", async () => {
    const own = (await call('POST', '/api/projects', tendererA.token, project())).json();
    const before = await auditCount();
    for (const [method, url, payload] of [
      ['GET', `/api/projects/${own.id}`, undefined],
      ['PUT', `/api/projects/${own.id}`, project({ name: '篡改' })],
      ['PUT', `/api/projects/${own.id}/announcement`, announcement()],
      ['POST', `/api/projects/${own.id}/publish`, undefined],
    ] as const) {
      const response = await call(method, url, tendererB.token, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(errorOf(response)).toMatchObject({ code: 'FORBIDDEN', message: '无权操作其他单位的数据' });
    }
    const forOther = await call('POST', '/api/projects', tendererB.token, {
      ...project(),
      tendererOrganisationId: tendererA.organisationId,
    });
    expect(forOther.statusCode).toBe(403);
    expect(await auditCount()).toBe(before);
    const list = (await call('GET', '/api/projects', tendererB.token)).json();
    expect(list.items.map((p: { id: string }) => p.id)).not.toContain(own.id);
    expect((await call('GET', `/api/projects/${own.id}`, tendererA.token)).json().name).toBe(
      '办公楼装修工程',
    );
    expect((await call('GET', `/api/projects/${own.id}`, operator.token)).statusCode).toBe(200);
    expect((await call('GET', `/api/projects/${own.id}`, bidder.token)).statusCode).toBe(403);
  });

  it('an agency acts for a tenderer only under an entrustment that is in force', async () => {
    const body = { ...project({ name: '代理的工程' }), tendererOrganisationId: tendererA.organisationId };
    const before = await auditCount();
    const refused = await call('POST', '/api/projects', agency.token, body);
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused)).toMatchObject({
      code: 'FORBIDDEN',
      message: '招标代理机构只能为委托其代理且委托有效的招标人办理',
    });
    expect(await auditCount()).toBe(before);

    expect(
      (
        await call('POST', '/api/entrustments', agency.token, {
          agencyOrganisationId: agency.organisationId,
          scope: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const entrusted = await call('POST', '/api/entrustments', tendererA.token, {
      agencyOrganisationId: agency.organisationId,
      scope: '办公楼装修工程全部招标事宜',
    });
    expect(entrusted.statusCode, entrusted.body).toBe(201);
    expect(entrusted.json()).toMatchObject({
      active: true,
      agencyName: 'agency-x 有限公司',
      revokedAt: null,
    });
    const audit = await service.store.db
      .selectFrom('auditEvent')
      .selectAll()
      .where('action', '=', 'entrustment.recorded')
      .where('objectId', '=', entrusted.json().id)
      .execute();
    expect(audit).toHaveLength(1);

    const created = await call('POST', '/api/projects', agency.token, body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({
      tendererOrganisationId: tendererA.organisationId,
      agencyOrganisationId: agency.organisationId,
    });
    expect(
      (await call('PUT', `/api/projects/${id}`, agency.token, project({ name: '代理修改' }))).statusCode,
    ).toBe(200);
    const agencyList = (await call('GET', '/api/projects?q=代理修改', agency.token)).json();
    expect(agencyList.items.map((p: { id: string }) => p.id)).toEqual([id]);
    const tendererList = (await call('GET', '/api/projects?q=代理修改&status=draft', tendererA.token)).json();
    expect(tendererList.total).toBe(1);
    expect((await call('GET', '/api/entrustments?active=true', agency.token)).json().total).toBe(1);

    const revoked = await call('POST', `/api/entrustments/${entrusted.json().id}/revoke`, tendererA.token);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().active).toBe(false);
    expect((await call('PUT', `/api/projects/${id}`, agency.token, project())).statusCode).toBe(403);
    expect((await call('POST', `/api/projects/${id}/publish`, agency.token)).statusCode).toBe(403);
    expect((await call('GET', `/api/projects/${id}`, agency.token)).statusCode).toBe(200);
    expect(
      (await call('POST', `/api/entrustments/${entrusted.json().id}/revoke`, tendererA.token)).statusCode,
    ).toBe(409);
  });

  it('an expired entrustment no longer lets the agency act', async () => {
    const entrusted = await call('POST', '/api/entrustments', tendererB.token, {
      agencyOrganisationId: agency.organisationId,
      scope: '一年期委托',
      validUntil: '2026-03-02T05:00:00.000Z',
    });
    expect(entrusted.statusCode, entrusted.body).toBe(201);
    const body = { ...project(), tendererOrganisationId: tendererB.organisationId };
    expect((await call('POST', '/api/projects', agency.token, body)).statusCode).toBe(201);
    service.clock.set('2026-03-02T05:00:00.000Z');
    try {
      expect((await call('POST', '/api/projects', agency.token, body)).statusCode).toBe(403);
    } finally {
      service.clock.set('2026-03-02T01:00:00.000Z');
    }
  });

  it('lists published open tenders to anyone, without reference prices, obtainers or bid counts (E4)', async () => {
    const open = await published(
      tendererA.token,
      project({ name: '公开招标的学校工程', region: '350200', industry: 'education' }),
    );
    const draft = (
      await call('POST', '/api/projects', tendererA.token, project({ name: '草稿中的学校工程' }))
    ).json();

    const list = await call('GET', '/api/tenders?q=学校工程');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((t: { id: string }) => t.id)).toEqual([open.id]);
    const item = list.json().items[0];
    expect(item).toMatchObject({
      dealCode: open.dealCode,
      tendererName: 'tenderer-a 有限公司',
      announcement: {
        kind: 'tender',
        title: '办公楼装修工程招标公告',
        bidDeadline: deadline,
        openingAt: deadline,
      },
    });
    expect(item.sections[0]).toMatchObject({ estimatedPrice: 500_000, bidBond: 10_000 });
    expect(item.sections[0]).not.toHaveProperty('referencePrice');
    expect(list.body).not.toMatch(E4_WORDS);
    expect(list.body).not.toContain('480000');

    expect(
      (await call('GET', '/api/tenders?region=350200')).json().items.map((t: { id: string }) => t.id),
    ).toEqual([open.id]);
    expect((await call('GET', '/api/tenders?region=350200&industry=construction')).json().total).toBe(0);
    expect((await call('GET', `/api/tenders/${open.id}`)).json().name).toBe('公开招标的学校工程');
    expect((await call('GET', `/api/tenders/${draft.id}`)).statusCode).toBe(404);
    expect((await call('GET', '/api/tenders?pageSize=1')).json()).toMatchObject({ page: 1, pageSize: 1 });
    expect((await call('GET', '/api/tenders?pageSize=1000')).statusCode).toBe(400);

    for (const token of [tendererA.token, operator.token]) {
      const detail = await call('GET', `/api/projects/${open.id}`, token);
      expect(detail.body).not.toMatch(E4_WORDS);
      const mine = await call('GET', '/api/projects', token);
      expect(mine.body).not.toMatch(E4_WORDS);
    }
  });

  it('shows an invitation (投标邀请书, 505) only to the invited and to the tenderer', async () => {
    const invitation = await published(
      tendererB.token,
      project({ name: '邀请招标的机房工程', procedure: 'invited' }),
      { invitedOrganisationIds: [invited.organisationId] },
    );
    expect(invitation.announcement).toMatchObject({
      kind: 'invitation',
      invitedOrganisationIds: [invited.organisationId],
    });
    const outbox = await tradingDb(service.store.db)
      .selectFrom('outbox')
      .select(['dataSetCode', 'payload'])
      .where('aggregateId', '=', invitation.announcement.id)
      .execute();
    expect(outbox.map((row) => row.dataSetCode)).toEqual(['505']);

    const ids = async (token?: string) =>
      (await call('GET', '/api/tenders?q=机房', token)).json().items.map((t: { id: string }) => t.id);
    expect(await ids()).toEqual([]);
    expect(await ids(bidder.token)).toEqual([]);
    expect(await ids(invited.token)).toEqual([invitation.id]);
    expect(await ids(tendererB.token)).toEqual([invitation.id]);
    expect((await call('GET', `/api/tenders/${invitation.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/tenders/${invitation.id}`, bidder.token)).statusCode).toBe(404);
    const seen = await call('GET', `/api/tenders/${invitation.id}`, invited.token);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().announcement).not.toHaveProperty('invitedOrganisationIds');
  });

  it('refuses an invitation without invitees and invitees on an open tender', async () => {
    const invitedProject = (
      await call('POST', '/api/projects', tendererA.token, project({ procedure: 'invited' }))
    ).json();
    const none = await call(
      'PUT',
      `/api/projects/${invitedProject.id}/announcement`,
      tendererA.token,
      announcement(),
    );
    expect(errorOf(none)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'invitedOrganisationIds', code: 'required' }],
    });
    const openProject = (await call('POST', '/api/projects', tendererA.token, project())).json();
    const some = await call(
      'PUT',
      `/api/projects/${openProject.id}/announcement`,
      tendererA.token,
      announcement({ invitedOrganisationIds: [bidder.organisationId] }),
    );
    expect(errorOf(some).details).toEqual([{ path: 'invitedOrganisationIds', code: 'not_allowed' }]);
  });

  it('records heads (only a hash of the ID number) and control relations; relatedOrganisationIds finds them', async () => {
    const other = await service.userWithRoles(['bidder'], 'bidder-same-head');
    const child = await service.userWithRoles(['bidder'], 'bidder-child');
    const head = await call('POST', `/api/organisations/${bidder.organisationId}/relations`, bidder.token, {
      kind: 'head',
      personName: '王五',
      personIdNumber: '35010219800101123x',
    });
    expect(head.statusCode, head.body).toBe(201);
    expect(head.body).not.toContain('35010219800101123');
    const stored = await tradingDb(service.store.db)
      .selectFrom('organisationRelation')
      .selectAll()
      .where('id', '=', head.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.personIdHash).toBe(hashHex('35010219800101123X'));

    // Same person, typed differently, recorded by the operator.
    expect(
      (
        await call('POST', `/api/organisations/${other.organisationId}/relations`, operator.token, {
          kind: 'head',
          personName: '王五',
          personIdNumber: ' 350102 19800101 123X ',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await call('POST', `/api/organisations/${child.organisationId}/relations`, child.token, {
          kind: 'controls',
          relatedOrganisationId: bidder.organisationId,
        })
      ).statusCode,
    ).toBe(201);

    const before = await auditCount();
    const foreign = await call('POST', `/api/organisations/${bidder.organisationId}/relations`, other.token, {
      kind: 'controls',
      relatedOrganisationId: other.organisationId,
    });
    expect(foreign.statusCode).toBe(403);
    const badId = await call('POST', `/api/organisations/${bidder.organisationId}/relations`, bidder.token, {
      kind: 'head',
      personName: '王五',
      personIdNumber: '3501021980',
    });
    expect(errorOf(badId)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'personIdNumber' }],
    });
    const self = await call('POST', `/api/organisations/${child.organisationId}/relations`, child.token, {
      kind: 'controls',
      relatedOrganisationId: child.organisationId,
    });
    expect(self.statusCode).toBe(400);
    expect(await auditCount()).toBe(before);

    const db = service.store.db;
    expect(await relatedOrganisationIds(db, bidder.organisationId)).toEqual(
      [other.organisationId, child.organisationId].sort(),
    );
    expect(await relatedOrganisationIds(db, other.organisationId)).toEqual([bidder.organisationId]);
    expect(await relatedOrganisationIds(db, child.organisationId)).toEqual([bidder.organisationId]);
    expect(await relatedOrganisationIds(db, invited.organisationId)).toEqual([]);

    // A new head replaces the old one.
    await call('POST', `/api/organisations/${other.organisationId}/relations`, other.token, {
      kind: 'head',
      personName: '赵六',
      personIdNumber: '350102198001011246',
    });
    expect(await relatedOrganisationIds(db, other.organisationId)).toEqual([]);

    const listed = await call('GET', `/api/organisations/${bidder.organisationId}/relations`, bidder.token);
    expect(listed.json().total).toBe(2);
    expect(listed.body).not.toContain(stored.personIdHash!);
    expect(
      (await call('GET', `/api/organisations/${bidder.organisationId}/relations`, other.token)).statusCode,
    ).toBe(403);
  });
});
