import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/cst.ts';
import { parseDealCode } from '../../src/domain/deal-code.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { DIALECTS } from '../support/stores.ts';
import { anOpeningKey, recordTestOpeningKey } from '../support/sealed-bids.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

function aSection(overrides: Record<string, unknown> = {}) {
  return {
    name: '一标段 道路工程',
    estimatedPrice: 1_000_000,
    controlPrice: 1_100_000,
    referencePrices: [950_000],
    bidBond: 20_000,
    bidValidityDays: 90,
    evaluationMethod: 'comprehensive',
    criteria: [
      { name: '技术', weight: 60 },
      { name: '价格', weight: 40 },
    ],
    ...overrides,
  };
}

function aProject(overrides: Record<string, unknown> = {}) {
  return {
    name: '市政道路改造工程',
    procedure: 'open',
    qualification: 'post',
    mustTender: true,
    stateFunded: true,
    region: '350100',
    industry: 'construction',
    sections: [aSection()],
    ...overrides,
  };
}

describe.each(DIALECTS)('tender projects and their publication on %s', (dialect) => {
  let service: TestService;
  let tenderer: { token: string; organisationId: string };
  // The test clock starts at 2026-03-02 09:00 CST; issue starts the next day at the same time.
  const issueStart = new Date('2026-03-03T01:00:00.000Z');

  function anAnnouncement(days: { issue?: number; deadline?: number; pq?: number } = {}, extra = {}) {
    const deadline = addDays(issueStart, days.deadline ?? 20).toISOString();
    return {
      title: '市政道路改造工程招标公告',
      body: '招标条件、项目概况与招标范围、投标人资格要求……',
      documentIssueStart: issueStart.toISOString(),
      documentIssueEnd: addDays(issueStart, days.issue ?? 5).toISOString(),
      bidDeadline: deadline,
      openingAt: deadline,
      ...(days.pq !== undefined
        ? { prequalificationDeadline: addDays(issueStart, (days.issue ?? 5) + days.pq).toISOString() }
        : {}),
      objectionContact: '张工 0591-12345678',
      ...extra,
    };
  }

  async function counts() {
    const db = tradingDb(service.store.db);
    const audit = await db
      .selectFrom('auditEvent')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const outbox = await db
      .selectFrom('outbox')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return { audit: Number(audit.n), outbox: Number(outbox.n) };
  }

  async function create(project = aProject(), token = tenderer.token) {
    return service.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: auth(token),
      payload: project,
    });
  }

  async function draftWith(announcement: object, project = aProject(), options = { openingKey: true }) {
    const created = await create(project);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const saved = await service.app.inject({
      method: 'PUT',
      url: `/api/projects/${id}/announcement`,
      headers: auth(tenderer.token),
      payload: announcement,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    if (options.openingKey) await recordTestOpeningKey(service, tenderer.token, id);
    return id;
  }

  const publish = (id: string, token = tenderer.token) =>
    service.app.inject({ method: 'POST', url: `/api/projects/${id}/publish`, headers: auth(token) });

  /** Publication is refused with this rule first, and nothing at all is written. */
  async function expectRefused(id: string, rule: string) {
    const before = await counts();
    const response = await publish(id);
    expect(response.statusCode, response.body).toBe(422);
    const error = errorOf(response);
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.details?.[0]).toMatchObject({ params: { rule } });
    expect(await counts()).toEqual(before);
    const project = await service.app.inject({ url: `/api/projects/${id}`, headers: auth(tenderer.token) });
    expect(project.json()).toMatchObject({
      status: 'draft',
      publishedAt: null,
      announcement: { publishedAt: null },
    });
    return error;
  }

  async function expectPublished(id: string) {
    const response = await publish(id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe('published');
    return response.json();
  }

  beforeAll(async () => {
    service = await startTestService('trading', dialect);
    tenderer = await service.userWithRoles(['tenderer'], 'tenderer-pub');
  });
  afterAll(() => service.close());

  it('creates a draft under a valid unified deal code, serial per tenderer per day, sections numbered', async () => {
    const { creditCode } = await service.store.db
      .selectFrom('organisation')
      .select('creditCode')
      .where('id', '=', tenderer.organisationId)
      .executeTakeFirstOrThrow();
    const first = await create(aProject({ sections: [aSection(), aSection({ name: '二标段' })] }));
    expect(first.statusCode, first.body).toBe(201);
    const body = first.json();
    const parts = parseDealCode(body.dealCode);
    expect(parts).toMatchObject({ creditCode, date: '20260302' });
    expect(body).toMatchObject({
      status: 'draft',
      mustTender: true,
      tendererOrganisationId: tenderer.organisationId,
    });
    expect(body.sections.map((s: { code: string }) => s.code)).toEqual([
      `${body.dealCode}001`,
      `${body.dealCode}002`,
    ]);
    expect(body.sections[0]).toMatchObject({
      estimatedPrice: 1_000_000,
      bidBond: 20_000,
      referencePrice: 950_000,
    });
    const second = (await create()).json();
    expect(parseDealCode(second.dealCode).serial).toBe(parts.serial + 1);
  });

  it('gives concurrent creations for one tenderer distinct serials', async () => {
    const responses = await Promise.all(Array.from({ length: 5 }, () => create()));
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const serials = responses.map((r) => parseDealCode(r.json().dealCode).serial);
    expect(new Set(serials).size).toBe(5);
  });

  it('refuses to publish without an opening key, and records none of which the platform holds no share', async () => {
    const id = await draftWith(anAnnouncement(), aProject(), { openingKey: false });
    const before = await counts();
    const missing = await publish(id);
    expect(missing.statusCode, missing.body).toBe(422);
    expect(errorOf(missing).code).toBe('OPENING_KEY_INVALID');
    expect(await counts()).toEqual(before);
    const withoutPlatform = await service.app.inject({
      method: 'PUT',
      url: `/api/projects/${id}/opening-key`,
      headers: auth(tenderer.token),
      payload: (await anOpeningKey('gm')).input,
    });
    expect(withoutPlatform.statusCode).toBe(422);
    expect(errorOf(withoutPlatform).code).toBe('OPENING_KEY_INVALID');
    await recordTestOpeningKey(service, tenderer.token, id);
    await expectPublished(id);
  });

  it('refuses to publish an announcement saved before the project changed its procedure', async () => {
    const id = await draftWith(anAnnouncement());
    const edited = await service.app.inject({
      method: 'PUT',
      url: `/api/projects/${id}`,
      headers: auth(tenderer.token),
      payload: aProject({ qualification: 'pre' }),
    });
    expect(edited.statusCode).toBe(200);
    const before = await counts();
    const response = await publish(id);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toEqual([
      { path: 'announcement.kind', code: 'outdated' },
      { path: 'announcement.prequalificationDeadline', code: 'required' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('T1: a bid deadline 19 days after issue starts is refused, naming the rule, article, limit, actual and earliest date', async () => {
    const id = await draftWith(anAnnouncement({ deadline: 19 }));
    const error = await expectRefused(id, 'T1');
    expect(error.message).toBe(
      '不符合规则 T1（《招标投标法》第24条）：自招标文件开始发出之日起至投标截止时间应不少于 20 日，实为 19 日；最早可为 2026-03-23 09:00（北京时间）',
    );
    expect(error.details).toEqual([
      expect.objectContaining({ path: 'announcement.bidDeadline', code: 'RULE_VIOLATION' }),
    ]);
    const en = await service.app.inject({
      method: 'POST',
      url: `/api/projects/${id}/publish`,
      headers: { ...auth(tenderer.token), 'accept-language': 'en-US' },
    });
    expect(errorOf(en).message).toBe(
      'Breaks rule T1 (Tendering and Bidding Law art. 24): from first issue of the tender documents to the bid deadline must be at least 20 days, not 19 days; the earliest that complies is 2026-03-23 09:00 CST',
    );
  });

  it('T1: 20 days is accepted; publication writes 501, 502 per section and 503 with the audit event, in one transaction', async () => {
    const id = await draftWith(
      anAnnouncement({ deadline: 20 }),
      aProject({ sections: [aSection(), aSection()] }),
    );
    const before = await counts();
    const published = await expectPublished(id);
    expect(published.announcement).toMatchObject({ kind: 'tender', publishedAt: '2026-03-02T01:00:00.000Z' });
    const db = tradingDb(service.store.db);
    const outbox = await db
      .selectFrom('outbox')
      .selectAll()
      .where('createdAt', '=', published.publishedAt)
      .orderBy('seq')
      .execute();
    const mine = outbox.filter((row) => JSON.parse(row.payload).dealCode === published.dealCode);
    expect(mine.map((row) => row.dataSetCode)).toEqual(['501', '502', '502', '503']);
    for (const row of mine.filter((r) => r.dataSetCode === '502')) {
      expect(JSON.parse(row.payload)).not.toHaveProperty('referencePrice');
    }
    const audit = await db
      .selectFrom('auditEvent')
      .selectAll()
      .where('objectId', '=', id)
      .where('action', '=', 'project.published')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.occurredAt).toBe(mine[0]!.createdAt);
    expect(await counts()).toEqual({ audit: before.audit + 1, outbox: before.outbox + 4 });
  });

  it('T2: 4 days of issue refused, 5 accepted', async () => {
    await expectRefused(await draftWith(anAnnouncement({ issue: 4 })), 'T2');
    await expectPublished(await draftWith(anAnnouncement({ issue: 5 })));
  });

  it('T3: pre-qualification applications 4 days after issue ends refused, 5 accepted (资格预审公告, 503)', async () => {
    const pre = aProject({ qualification: 'pre' });
    await expectRefused(await draftWith(anAnnouncement({ pq: 4 }), pre), 'T3');
    const published = await expectPublished(await draftWith(anAnnouncement({ pq: 5 }), pre));
    expect(published.announcement.kind).toBe('prequalification');
    const codes = await tradingDb(service.store.db)
      .selectFrom('outbox')
      .select('dataSetCode')
      .where('aggregateId', '=', published.announcement.id)
      .execute();
    expect(codes).toEqual([{ dataSetCode: '503' }]);
  });

  it('T6: an opening time other than the bid deadline is refused', async () => {
    const announcement = anAnnouncement({}, { openingAt: addDays(issueStart, 21).toISOString() });
    await expectRefused(await draftWith(announcement), 'T6');
  });

  it('refuses with the first violation and lists every violation in details', async () => {
    const id = await draftWith(
      anAnnouncement({ issue: 4, deadline: 19 }, { openingAt: addDays(issueStart, 25).toISOString() }),
    );
    const error = await expectRefused(id, 'T2');
    expect(error.details?.map((d) => [d.path, (d as { params?: { rule?: string } }).params?.rule])).toEqual([
      ['announcement.documentIssueEnd', 'T2'],
      ['announcement.bidDeadline', 'T1'],
      ['announcement.openingAt', 'T6'],
    ]);
  });

  it('T1 and T3 bind only must-tender projects (scope must_tender)', async () => {
    const loose = aProject({ mustTender: false, qualification: 'pre' });
    const published = await expectPublished(await draftWith(anAnnouncement({ deadline: 19, pq: 4 }), loose));
    expect(published.mustTender).toBe(false);
    await expectRefused(await draftWith(anAnnouncement({ issue: 4, deadline: 19, pq: 4 }), loose), 'T2');
  });

  it('refuses a document issue that would start before now, by the clock', async () => {
    const start = new Date('2026-03-02T02:00:00.000Z');
    const deadline = addDays(start, 20).toISOString();
    const id = await draftWith({
      ...anAnnouncement(),
      documentIssueStart: start.toISOString(),
      documentIssueEnd: addDays(start, 5).toISOString(),
      bidDeadline: deadline,
      openingAt: deadline,
    });
    service.clock.set('2026-03-02T02:00:00.001Z');
    try {
      const before = await counts();
      const response = await publish(id);
      expect(response.statusCode).toBe(400);
      expect(errorOf(response)).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'announcement.documentIssueStart', code: 'in_the_past' }],
      });
      expect(await counts()).toEqual(before);
      service.clock.set(start);
      await expectPublished(id);
    } finally {
      service.clock.set('2026-03-02T01:00:00.000Z');
    }
  });

  it('C3: a bond of exactly 2% is accepted; 2% + 1 fen is refused and nothing is created', async () => {
    expect((await create(aProject({ sections: [aSection({ bidBond: 20_000 })] }))).statusCode).toBe(201);
    const before = await counts();
    const response = await create(aProject({ sections: [aSection({ bidBond: 20_000.01 })] }));
    expect(response.statusCode).toBe(422);
    const error = errorOf(response);
    expect(error).toMatchObject({ code: 'RULE_VIOLATION', details: [{ path: 'sections.0.bidBond' }] });
    expect(error.message).toBe(
      '不符合规则 C3（《招标投标法实施条例》第26条）：投标保证金（上限为招标项目估算价的2%）不得超过 20,000.00 元，实为 20,000.01 元',
    );
    expect(await counts()).toEqual(before);
  });

  it('C10: two reference prices are refused, and so is any minimum bid price', async () => {
    const before = await counts();
    const two = await create(aProject({ sections: [aSection({ referencePrices: [900_000, 950_000] })] }));
    expect(two.statusCode).toBe(422);
    expect(errorOf(two)).toMatchObject({
      code: 'RULE_VIOLATION',
      details: [{ path: 'sections.0.referencePrices' }],
    });
    expect(errorOf(two).message).toContain('C10（《招标投标法实施条例》第27条）');
    const minimum = await create(
      aProject({ sections: [aSection(), aSection({ minimumBidPrice: 800_000 })] }),
    );
    expect(minimum.statusCode).toBe(422);
    expect(errorOf(minimum)).toMatchObject({
      code: 'RULE_VIOLATION',
      details: [{ path: 'sections.1.minimumBidPrice', params: { rule: 'C10', kind: 'forbidden' } }],
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses malformed input with VALIDATION_FAILED, naming the fields, and creates nothing', async () => {
    const before = await counts();
    const response = await create(aProject({ sections: [], procedure: 'negotiated', name: '' }));
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.name', 'body.procedure', 'body.sections']),
    );
    const fractional = await create(aProject({ sections: [aSection({ bidBond: 100.001 })] }));
    expect(errorOf(fractional).details).toEqual([
      expect.objectContaining({ path: 'body.sections.0.bidBond' }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses criteria whose weights do not sum to 100, and criteria for the lowest-price method', async () => {
    const before = await counts();
    const bad = await create(
      aProject({
        sections: [
          aSection({
            criteria: [
              { name: '技术', weight: 60 },
              { name: '价格', weight: 30 },
            ],
          }),
          aSection({ evaluationMethod: 'lowest_price' }),
        ],
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { path: 'sections.0.criteria', code: 'weights_sum_100' },
        { path: 'sections.1.criteria', code: 'not_allowed' },
      ],
    });
    expect(await counts()).toEqual(before);
    const lowest = await create(
      aProject({ sections: [aSection({ evaluationMethod: 'lowest_price', criteria: [] })] }),
    );
    expect(lowest.statusCode).toBe(201);
  });

  it('edits a draft; a published project, its sections and announcement are fixed (INVALID_STATE)', async () => {
    const id = await draftWith(anAnnouncement());
    const edited = await service.app.inject({
      method: 'PUT',
      url: `/api/projects/${id}`,
      headers: auth(tenderer.token),
      payload: aProject({ name: '改名后的工程', sections: [aSection(), aSection({ name: '二标段' })] }),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: '改名后的工程', announcement: { kind: 'tender' } });
    expect(edited.json().sections).toHaveLength(2);
    await expectPublished(id);
    const before = await counts();
    for (const [method, url, payload] of [
      ['PUT', `/api/projects/${id}`, aProject()],
      ['PUT', `/api/projects/${id}/announcement`, anAnnouncement()],
      ['POST', `/api/projects/${id}/publish`, undefined],
    ] as const) {
      const response = await service.app.inject({ method, url, headers: auth(tenderer.token), payload });
      expect(response.statusCode).toBe(409);
      expect(errorOf(response).code).toBe('INVALID_STATE');
    }
    expect(await counts()).toEqual(before);
  });

  it('checks the order of dates and pre-qualification fields when saving the announcement', async () => {
    const id = (await create()).json().id as string;
    const response = await service.app.inject({
      method: 'PUT',
      url: `/api/projects/${id}/announcement`,
      headers: auth(tenderer.token),
      payload: anAnnouncement({ issue: 5, deadline: 3, pq: 1 }),
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toEqual([
      { path: 'bidDeadline', code: 'not_before_issue_end' },
      { path: 'prequalificationDeadline', code: 'not_allowed' },
    ]);
  });

  it('answers the earliest lawful dates for a proposed issue start, with the rule ids', async () => {
    const id = (await create(aProject({ qualification: 'pre' }))).json().id as string;
    const response = await service.app.inject({
      url: `/api/projects/${id}/schedule-minimums?documentIssueStart=${encodeURIComponent(issueStart.toISOString())}`,
      headers: auth(tenderer.token),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      documentIssueStart: issueStart.toISOString(),
      documentIssueEnd: { earliest: '2026-03-08T01:00:00.000Z', earliestDate: '2026-03-08', rules: ['T2'] },
      prequalificationDeadline: {
        earliest: '2026-03-13T01:00:00.000Z',
        earliestDate: '2026-03-13',
        rules: ['T2', 'T3'],
      },
      bidDeadline: { earliest: '2026-03-23T01:00:00.000Z', earliestDate: '2026-03-23', rules: ['T1'] },
    });
    const bad = await service.app.inject({
      url: `/api/projects/${id}/schedule-minimums?documentIssueStart=tomorrow`,
      headers: auth(tenderer.token),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('documents its routes in OpenAPI', async () => {
    const openapi = (await service.app.inject('/openapi.json')).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/projects',
        '/api/projects/{id}',
        '/api/projects/{id}/announcement',
        '/api/projects/{id}/publish',
        '/api/projects/{id}/schedule-minimums',
        '/api/tenders',
        '/api/tenders/{id}',
        '/api/entrustments',
        '/api/organisations/{id}/relations',
      ]),
    );
    expect(openapi.paths['/api/projects/{id}/publish'].post.tags).toEqual(['projects']);
  });
});
