import { createHash, randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/stores.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { recordTestOpeningKey, trustTestCas } from '../support/sealed-bids.ts';
import { aSealedBid, type SealingTarget } from './support/bid-factory.ts';
import { type Party, auth, cst, get, party, post, upload } from './support/tender-factory.ts';

/**
 * One tender from creation to its bid deadline, over HTTP only: publication, obtaining the
 * documents, an objection that pauses the tender and moves the deadline, a late clarification
 * (T4) that moves it again, chunked bids with receipts (E3), replace and withdraw (E2), the
 * deadline itself (E2), and what may and may not be learnt before it (E4).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Actions that reveal who obtained the documents or bid: sealed until the bid deadline (E4). */
const SEALED_ACTIONS = [
  'document.obtained',
  'bid.upload_opened',
  'bid.submitted',
  'bid.replaced',
  'bid.withdrawn',
  'objection.raised',
  'objection.tender_paused',
];
/** Words that would disclose who obtained or how many bids exist. */
const COUNT_WORDS =
  /obtainer|obtained_?count|obtainedCount|obtainment|bid_?count|bidsCount|bidderCount|numberOf|recipients|delivered/i;

interface AuditItem {
  action: string;
  objectId: string;
  objectType: string;
  actorOrganisationId: string | null;
  detail: string;
  occurredAt: string;
}

interface Receipt {
  receipt: {
    receiptId: string;
    bidId: string;
    projectId: string;
    sectionId: string;
    bidderOrganisationId: string;
    fileSha256: string;
    fileSize: number;
    receivedAt: string;
    replacesBidId: string | null;
  };
  canonical: string;
  sha256: string;
}

describe.each(DIALECTS)('a tender from creation to its bid deadline, three bidders, on %s', (dialect) => {
  let svc: TestService;
  let tenderer: Party;
  let operator: Party;
  let bidder1: Party;
  let bidder2: Party;
  let bidder3: Party;
  let bidders: Party[];
  let latecomer: Party;

  let projectId: string;
  let sectionId: string;
  let issueStart: Date;
  let issueEnd: Date;
  /** The deadline as announced; then moved by the objection's pause; then by the clarification. */
  let announcedDeadline: string;
  let deadlineAfterPause: string;
  let finalDeadline: string;
  let clarificationId: string;

  /** Per bidder: its current file and bid, and every bid id it ever had. */
  const current = new Map<string, { file: Buffer; bidId: string }>();
  const allBidIds = new Map<string, string[]>();
  let lateUploadId: string;
  let sealing: SealingTarget;

  const BOND = { amount: 20_000, payerAccount: '6222020200012345678', paidAt: cst('2026-03-10 10:00') };

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    tenderer = await party(svc, ['tenderer'], 'tenderer');
    operator = await party(svc, ['platform_operator'], 'operator');
    bidder1 = await party(svc, ['bidder'], 'bidderone');
    bidder2 = await party(svc, ['bidder'], 'biddertwo');
    bidder3 = await party(svc, ['bidder'], 'bidderthree');
    bidders = [bidder1, bidder2, bidder3];
    latecomer = await party(svc, ['bidder'], 'latecomer');
  });
  afterAll(() => svc.close());

  async function put(who: Party, url: string, payload: object): Promise<LightMyRequestResponse> {
    return svc.app.inject({ method: 'PUT', url, headers: await auth(svc, who), payload });
  }

  const projectUrl = () => `/api/projects/${projectId}`;
  const uploadsUrl = () => `/api/sections/${sectionId}/uploads`;

  /** Opens an upload of `file` cut into exactly 2 chunks and sends both; returns the upload id. */
  async function uploadInTwoChunks(who: Party, file: Buffer): Promise<string> {
    const chunkSize = Math.ceil(file.byteLength / 2);
    const opened = await post(svc, who, uploadsUrl(), {
      totalSize: file.byteLength,
      fileSha256: sha256(file),
      chunkSize,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ chunkCount: 2, status: 'open', missingChunks: [0, 1] });
    const uploadId = opened.json().id as string;
    for (const index of [0, 1]) {
      const chunk = file.subarray(index * chunkSize, (index + 1) * chunkSize);
      const stored = await svc.app.inject({
        method: 'PUT',
        url: `${uploadsUrl()}/${uploadId}/chunks/${index}`,
        headers: {
          ...(await auth(svc, who)),
          'content-type': 'application/octet-stream',
          'x-chunk-sha256': sha256(chunk),
        },
        payload: chunk,
      });
      expect(stored.statusCode, stored.body).toBe(200);
      expect(stored.json()).toMatchObject({ index, size: chunk.byteLength, sha256: sha256(chunk) });
    }
    return uploadId;
  }

  const completeUpload = (who: Party, uploadId: string) =>
    post(svc, who, `${uploadsUrl()}/${uploadId}/complete`, { bidBond: BOND });

  /** A whole bid in 2 chunks; checks the receipt (E3) and records the bid as the bidder's current one. */
  async function submitBid(who: Party, replaces: string | null = null): Promise<Receipt> {
    const file = await aSealedBid(svc, sealing, who, randomBytes(3001));
    const uploadId = await uploadInTwoChunks(who, file);
    const completed = await completeUpload(who, uploadId);
    expect(completed.statusCode, completed.body).toBe(201);
    const body = completed.json() as Receipt;
    expect(body.receipt).toMatchObject({
      projectId,
      sectionId,
      bidderOrganisationId: who.organisationId,
      fileSha256: sha256(file),
      fileSize: file.byteLength,
      receivedAt: svc.clock.now().toISOString(),
      replacesBidId: replaces,
    });
    expect(Date.parse(body.receipt.receivedAt)).toBeLessThan(Date.parse(finalDeadline));
    expect(sha256(body.canonical)).toBe(body.sha256);
    expect(JSON.parse(body.canonical)).toEqual(body.receipt);
    current.set(who.organisationId, { file, bidId: body.receipt.bidId });
    allBidIds.set(who.organisationId, [...(allBidIds.get(who.organisationId) ?? []), body.receipt.bidId]);
    return body;
  }

  /** Every audit event the operator can list now, all pages. */
  async function operatorAuditEvents(query = ''): Promise<AuditItem[]> {
    const items: AuditItem[] = [];
    for (let page = 1; ; page++) {
      const response = await get(svc, operator, `/api/audit-events?pageSize=200&page=${page}${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as { items: AuditItem[]; total: number };
      items.push(...body.items);
      if (body.items.length === 0 || items.length >= body.total) return items;
    }
  }

  /** The secrets of E4 found in a text: the bidders' organisation ids and names (user names). */
  function secretsIn(text: string): string[] {
    return bidders.flatMap((b) => [b.organisationId, b.username]).filter((s) => text.includes(s));
  }

  /**
   * E4 (办法 22): before the bid deadline in force (`deadline`), nobody — the tenderer, the
   * operator, any bidder — learns who obtained the documents, who bid, or how many, on any route.
   */
  async function expectNothingDisclosed(when: string, deadline: string): Promise<void> {
    expect(svc.clock.now().getTime()).toBeLessThan(Date.parse(deadline));
    const urls = [
      projectUrl(),
      `/api/tenders/${projectId}`,
      `/api/tenders?pageSize=200`,
      `/api/projects?pageSize=200`,
      `${projectUrl()}/documents`,
      `${projectUrl()}/clarifications`,
      `${projectUrl()}/documents/obtainers`,
      `${projectUrl()}/bids`,
      `${projectUrl()}/bids?status=current`,
    ];
    for (const who of [tenderer, operator, ...bidders]) {
      for (const url of urls) {
        const response = await get(svc, who, url);
        const where = `${when}: GET ${url} as ${who.username} → ${response.statusCode}`;
        expect.soft(response.statusCode, where).toBeLessThan(500);
        expect.soft(secretsIn(response.body), where).toEqual([]);
        expect.soft(response.body, where).not.toMatch(COUNT_WORDS);
      }
    }
    // The tenderer is refused with E4, naming the deadline in force; nobody else may ask at all.
    for (const url of [`${projectUrl()}/documents/obtainers`, `${projectUrl()}/bids`]) {
      const refused = await get(svc, tenderer, url);
      expect.soft(refused.statusCode, `${when}: ${url} as tenderer`).toBe(422);
      expect.soft(errorOf(refused).code).toBe('RULE_VIOLATION');
      expect.soft(errorOf(refused).message, `${when}: ${url} as tenderer`).toContain('E4');
      expect
        .soft(errorOf(refused).details?.[0])
        .toMatchObject({ params: { rule: 'E4', earliest: deadline } });
      for (const who of [operator, ...bidders]) {
        expect.soft((await get(svc, who, url)).statusCode, `${when}: ${url} as ${who.username}`).toBe(403);
      }
    }
    for (const who of [tenderer, ...bidders]) {
      expect
        .soft((await get(svc, who, '/api/audit-events')).statusCode, `${when}: audit as ${who.username}`)
        .toBe(403);
    }

    // The operator's audit trail: no sealed event, and no event about this tender names a bidder.
    const events = await operatorAuditEvents();
    const disclosed = events
      .filter((e) => SEALED_ACTIONS.includes(e.action))
      .map((e) => `${e.action} at ${e.occurredAt} by ${e.actorOrganisationId}`);
    expect
      .soft(disclosed, `${when}: sealed audit events listed to the operator before ${deadline}`)
      .toEqual([]);
    const aboutTender = events.filter((e) => {
      const text = JSON.stringify(e);
      return text.includes(projectId) || text.includes(sectionId);
    });
    expect(aboutTender.length).toBeGreaterThan(0);
    for (const event of aboutTender) {
      expect
        .soft(secretsIn(JSON.stringify(event)), `${when}: audit ${event.action} ${event.objectId}`)
        .toEqual([]);
      expect
        .soft(
          bidders.map((b) => b.organisationId),
          `${when}: audit ${event.action} done by a bidder`,
        )
        .not.toContain(event.actorOrganisationId);
    }
    for (const action of SEALED_ACTIONS) {
      const filtered = await get(svc, operator, `/api/audit-events?action=${action}`);
      expect.soft(filtered.json().total, `${when}: audit-events?action=${action}`).toBe(0);
    }
  }

  async function expectDeadline(deadline: string): Promise<void> {
    const detail = await get(svc, tenderer, projectUrl());
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().announcement).toMatchObject({ bidDeadline: deadline, openingAt: deadline });
    const tender = await svc.app.inject({ url: `/api/tenders/${projectId}` });
    expect(tender.statusCode, tender.body).toBe(200);
    expect(tender.json().announcement).toMatchObject({ bidDeadline: deadline, openingAt: deadline });
  }

  it('step 1: the tenderer creates the project, uploads the tender document, saves a lawful announcement and publishes', async () => {
    // The clock starts at 2026-03-02 09:00 CST.
    issueStart = new Date(svc.clock.now().getTime() + HOUR);
    issueEnd = new Date(issueStart.getTime() + 6 * DAY);
    announcedDeadline = new Date(issueStart.getTime() + 21 * DAY).toISOString();
    expect(announcedDeadline).toBe(cst('2026-03-23 10:00'));

    const created = await post(svc, tenderer, '/api/projects', {
      name: '市政道路改造工程（全流程）',
      procedure: 'open',
      qualification: 'post',
      mustTender: true,
      stateFunded: true,
      region: '350100',
      industry: 'construction',
      sections: [
        {
          name: '一标段 道路工程',
          estimatedPrice: 1_000_000,
          controlPrice: 1_100_000,
          referencePrices: [],
          bidBond: 20_000, // 2% of the estimated price: the most C3 allows
          bidValidityDays: 90,
          evaluationMethod: 'comprehensive',
          criteria: [
            { name: '技术', weight: 60 },
            { name: '价格', weight: 40 },
          ],
        },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'draft',
      mustTender: true,
      procedure: 'open',
      qualification: 'post',
      tendererOrganisationId: tenderer.organisationId,
      sections: [{ bidBond: 20_000, estimatedPrice: 1_000_000 }],
    });
    projectId = created.json().id;
    sectionId = created.json().sections[0].id;
    // Publication needs the opening key bids are sealed to, one share held by the platform; the
    // bidders' certificates come from the test CAs.
    await trustTestCas(svc.deps.config);
    sealing = {
      projectId,
      dealCode: created.json().dealCode,
      sectionId,
      sectionCode: created.json().sections[0].code,
      suite: 'gm',
      openingKey: await recordTestOpeningKey(svc, tenderer.token, projectId),
    };

    const content = Buffer.from('招标文件 第一版：投标人须知、评标办法、合同条款、工程量清单');
    const document = await upload(
      svc,
      tenderer,
      `${projectUrl()}/documents?${new URLSearchParams({ kind: 'tender', filename: '招标文件.pdf' })}`,
      content,
    );
    expect(document.statusCode, document.body).toBe(201);
    expect(document.json()).toMatchObject({ version: 1, status: 'current', hash: sha256(content) });

    const minimums = await get(
      svc,
      tenderer,
      `${projectUrl()}/schedule-minimums?documentIssueStart=${issueStart.toISOString()}`,
    );
    expect(minimums.statusCode, minimums.body).toBe(200);
    expect(Date.parse(minimums.json().bidDeadline.earliest)).toBeLessThanOrEqual(
      Date.parse(announcedDeadline),
    );
    expect(Date.parse(minimums.json().documentIssueEnd.earliest)).toBeLessThanOrEqual(issueEnd.getTime());

    const saved = await put(tenderer, `${projectUrl()}/announcement`, {
      title: '市政道路改造工程招标公告',
      body: '招标条件、项目概况与招标范围、投标人资格要求、招标文件的获取、投标文件的递交……',
      documentIssueStart: issueStart.toISOString(),
      documentIssueEnd: issueEnd.toISOString(),
      bidDeadline: announcedDeadline,
      openingAt: announcedDeadline,
      objectionContact: '张工 0591-12345678',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      status: 'draft',
      announcement: { kind: 'tender', publishedAt: null },
    });

    const published = await post(svc, tenderer, `${projectUrl()}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({
      status: 'published',
      publishedAt: svc.clock.now().toISOString(),
      pausedAt: null,
    });

    // Visible effects: the project is fixed and published, and the public tender lists it.
    const detail = await get(svc, tenderer, projectUrl());
    expect(detail.json()).toMatchObject({
      status: 'published',
      announcement: {
        publishedAt: svc.clock.now().toISOString(),
        documentIssueStart: issueStart.toISOString(),
        documentIssueEnd: issueEnd.toISOString(),
        bidDeadline: announcedDeadline,
        openingAt: announcedDeadline,
      },
    });
    const tender = await svc.app.inject({ url: `/api/tenders/${projectId}` });
    expect(tender.statusCode, tender.body).toBe(200);
    expect(tender.json()).toMatchObject({
      id: projectId,
      status: 'published',
      sections: [{ id: sectionId }],
    });
    expect(tender.json().sections[0]).not.toHaveProperty('referencePrice');
    const tenders = await svc.app.inject({ url: '/api/tenders?pageSize=200' });
    expect(tenders.json().items.map((t: { id: string }) => t.id)).toContain(projectId);
    const audit = await get(
      svc,
      operator,
      `/api/audit-events?action=project.published&objectId=${projectId}`,
    );
    expect(audit.json().total).toBe(1);
    // Fixed once published.
    const edit = await put(tenderer, projectUrl(), { ...created.json(), name: '改名' });
    expect(edit.statusCode).toBeGreaterThanOrEqual(400);
    expect(edit.statusCode).toBeLessThan(500);
  });

  it('step 2: during the issue period three bidders obtain the documents', async () => {
    svc.clock.set(cst('2026-03-03 10:00'));
    for (const who of bidders) {
      const obtained = await post(svc, who, `${projectUrl()}/documents/obtain`);
      expect(obtained.statusCode, obtained.body).toBe(200);
      expect(obtained.json()).toEqual({ projectId, obtained: true, obtainedAt: cst('2026-03-03 10:00') });
      const mine = await get(svc, who, `${projectUrl()}/documents/obtainment`);
      expect(mine.json()).toMatchObject({ obtained: true });
    }
    expect((await get(svc, latecomer, `${projectUrl()}/documents/obtainment`)).json()).toEqual({
      projectId,
      obtained: false,
      obtainedAt: null,
    });
  });

  it('step 2 (E4): before the deadline nobody learns who obtained the documents or how many', async () => {
    svc.clock.set(cst('2026-03-03 11:00'));
    await expectNothingDisclosed('after obtaining', announcedDeadline);
  });

  it('step 3: bidder3 objects; the tender pauses and refuses bids; the reply a day later moves the deadline by the pause', async () => {
    svc.clock.set(cst('2026-03-05 10:00')); // 18 days before the deadline (T5: ≥ 10)
    const raised = await post(svc, bidder3, `${projectUrl()}/objections`, {
      kind: 'tender',
      body: '评分标准中的业绩要求排斥潜在投标人。',
    });
    expect(raised.statusCode, raised.body).toBe(201);
    expect(raised.json()).toMatchObject({ organisationId: bidder3.organisationId, reply: null });
    const objectionId = raised.json().id as string;

    expect((await get(svc, tenderer, projectUrl())).json().pausedAt).toBe(cst('2026-03-05 10:00'));
    expect((await svc.app.inject({ url: `/api/tenders/${projectId}` })).json().pausedAt).toBe(
      cst('2026-03-05 10:00'),
    );
    const objections = await get(svc, tenderer, `${projectUrl()}/objections`);
    expect(objections.json()).toMatchObject({ paused: true, total: 1 });

    // Bids are refused while paused.
    svc.clock.set(cst('2026-03-05 15:00'));
    const file = randomBytes(100);
    const refused = await post(svc, bidder1, uploadsUrl(), {
      totalSize: file.byteLength,
      fileSha256: sha256(file),
      chunkSize: 50,
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(errorOf(refused).code).toBe('INVALID_STATE');
    expect(errorOf(refused).message).toContain('paused');

    svc.clock.set(cst('2026-03-06 10:00'));
    const replied = await post(svc, tenderer, `${projectUrl()}/objections/${objectionId}/reply`, {
      reply: '业绩要求符合项目需要，维持原招标文件。',
    });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json()).toMatchObject({ repliedAt: cst('2026-03-06 10:00'), overdue: false });

    // Paused for exactly one day: the deadline and the opening move one day later (条例 22).
    deadlineAfterPause = new Date(Date.parse(announcedDeadline) + DAY).toISOString();
    expect(deadlineAfterPause).toBe(cst('2026-03-24 10:00'));
    await expectDeadline(deadlineAfterPause);
    expect((await get(svc, tenderer, projectUrl())).json().pausedAt).toBeNull();
    for (const who of bidders) {
      const notices = await get(svc, who, `/api/notices?kind=schedule_changed&projectId=${projectId}`);
      expect(notices.json().total, who.username).toBe(1);
      expect(notices.json().items[0].title).toContain('2026-03-24 10:00');
    }
    const reply = await get(svc, bidder3, `/api/notices?kind=objection_reply&projectId=${projectId}`);
    expect(reply.json().items).toEqual([expect.objectContaining({ objectId: objectionId })]);
  });

  it('step 4: a clarification affecting preparation 12 days before the deadline needs a new deadline (T4)', async () => {
    svc.clock.set(cst('2026-03-12 10:00')); // 12 calendar days before 2026-03-24 10:00
    const clarification = {
      title: '关于招标文件的澄清（一）',
      body: '第三章评分标准中技术部分的评分细则调整如下……',
      affectsPreparation: true,
    };
    const refused = await post(svc, tenderer, `${projectUrl()}/clarifications`, clarification);
    expect(refused.statusCode, refused.body).toBe(422);
    const error = errorOf(refused);
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.details?.[0]).toMatchObject({ path: 'T4', code: 'RULE_VIOLATION' });
    expect(error.message).toContain('T4');
    // The earliest lawful deadline: 15 days after today, at the deadline's time of day.
    const earliest = cst('2026-03-27 10:00');
    expect(error.message).toContain('2026-03-27 10:00');
    expect(error.details?.[0]).toMatchObject({ params: { earliest } });
    await expectDeadline(deadlineAfterPause);

    const accepted = await post(svc, tenderer, `${projectUrl()}/clarifications`, {
      ...clarification,
      newBidDeadline: earliest,
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({
      kind: 'tender',
      affectsPreparation: true,
      previousBidDeadline: deadlineAfterPause,
      newBidDeadline: earliest,
    });
    clarificationId = accepted.json().id;
    finalDeadline = earliest;
    // The opening moves with the deadline (T6).
    await expectDeadline(finalDeadline);

    for (const who of bidders) {
      const notices = await get(svc, who, `/api/notices?kind=clarification&projectId=${projectId}`);
      expect(notices.json().items, who.username).toEqual([
        expect.objectContaining({ kind: 'clarification', objectId: clarificationId, readAt: null }),
      ]);
    }
    expect((await get(svc, latecomer, `/api/notices?projectId=${projectId}`)).json().total).toBe(0);
  });

  it('step 5: the three bidders bid in 2 chunks each with receipts; bidder1 replaces, bidder2 withdraws and resubmits', async () => {
    svc.clock.set(cst('2026-03-13 10:00'));
    for (const who of bidders) await submitBid(who);

    // After the deadline as first announced and as moved by the pause: the moved deadline holds.
    svc.clock.set(cst('2026-03-25 10:00'));
    const firstOfBidder1 = current.get(bidder1.organisationId)!.bidId;
    await submitBid(bidder1, firstOfBidder1);

    svc.clock.set(cst('2026-03-25 11:00'));
    const firstOfBidder2 = current.get(bidder2.organisationId)!.bidId;
    const withdrawn = await post(svc, bidder2, `/api/sections/${sectionId}/bids/withdraw`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toEqual({
      id: firstOfBidder2,
      status: 'withdrawn',
      withdrawnAt: cst('2026-03-25 11:00'),
    });
    svc.clock.set(cst('2026-03-25 12:00'));
    await submitBid(bidder2, null);

    // Each sees its own bids only.
    const own1 = await get(svc, bidder1, `/api/sections/${sectionId}/bids`);
    expect(
      own1
        .json()
        .items.map((b: { id: string; status: string }) => `${b.id} ${b.status}`)
        .sort(),
    ).toEqual([`${firstOfBidder1} replaced`, `${current.get(bidder1.organisationId)!.bidId} current`].sort());
    const own2 = await get(svc, bidder2, `/api/sections/${sectionId}/bids`);
    expect(
      own2
        .json()
        .items.map((b: { id: string; status: string }) => `${b.id} ${b.status}`)
        .sort(),
    ).toEqual(
      [`${firstOfBidder2} withdrawn`, `${current.get(bidder2.organisationId)!.bidId} current`].sort(),
    );
    const own3 = await get(svc, bidder3, `/api/sections/${sectionId}/bids`);
    expect(own3.json()).toMatchObject({ total: 1, items: [{ status: 'current' }] });

    // Nobody reads another bidder's receipt: the same 404 as for a bid that does not exist.
    for (const reader of bidders) {
      for (const owner of bidders) {
        for (const bidId of allBidIds.get(owner.organisationId)!) {
          const response = await get(svc, reader, `/api/bids/${bidId}/receipt`);
          if (reader === owner) {
            expect(response.statusCode, response.body).toBe(200);
            expect(response.json().receipt.bidderOrganisationId).toBe(owner.organisationId);
          } else {
            expect(response.statusCode, `${reader.username} reads ${owner.username}'s receipt`).toBe(404);
            expect(secretsIn(response.body)).toEqual([]);
          }
        }
      }
      const own = await get(svc, reader, `/api/sections/${sectionId}/bids`);
      const ownIds = allBidIds.get(reader.organisationId)!;
      expect(
        own
          .json()
          .items.map((b: { id: string }) => b.id)
          .sort(),
      ).toEqual([...ownIds].sort());
      const uploads = await get(svc, reader, `/api/sections/${sectionId}/uploads`);
      expect(
        uploads
          .json()
          .items.map((u: { bidId: string | null }) => u.bidId)
          .sort(),
      ).toEqual([...ownIds].sort());
      const others = bidders.filter((b) => b !== reader).flatMap((b) => [b.organisationId, b.username]);
      expect(others.filter((s) => (own.body + uploads.body).includes(s))).toEqual([]);
      expect((await get(svc, reader, `/api/projects/${projectId}/bids`)).statusCode).toBe(403);
    }
  });

  it('step 5 (E4): after the deadlines first announced but before the one in force, still nothing is disclosed', async () => {
    svc.clock.set(cst('2026-03-26 10:00'));
    expect(svc.clock.now().toISOString() > announcedDeadline).toBe(true);
    expect(svc.clock.now().toISOString() > deadlineAfterPause).toBe(true);
    await expectNothingDisclosed('after the original deadline, before the moved one', finalDeadline);
  });

  it('step 6: at the deadline itself a new upload and a replacement are refused (E2)', async () => {
    // bidder1 prepares a replacement before the deadline, but completes it only at the deadline.
    svc.clock.set(cst('2026-03-27 09:00'));
    lateUploadId = await uploadInTwoChunks(
      bidder1,
      await aSealedBid(svc, sealing, bidder1, randomBytes(2001)),
    );

    svc.clock.set(finalDeadline);
    const file = randomBytes(1000);
    const opened = await post(svc, latecomer, uploadsUrl(), {
      totalSize: file.byteLength,
      fileSha256: sha256(file),
      chunkSize: 500,
    });
    expect(opened.statusCode, opened.body).toBe(422);
    expect(errorOf(opened).code).toBe('RULE_VIOLATION');
    expect(errorOf(opened).details?.[0]).toMatchObject({ path: 'E2', params: { rule: 'E2' } });
    expect(errorOf(opened).message).toContain('E2');

    const replaced = await completeUpload(bidder1, lateUploadId);
    expect(replaced.statusCode, replaced.body).toBe(422);
    expect(errorOf(replaced).code).toBe('RULE_VIOLATION');
    expect(errorOf(replaced).details?.[0]).toMatchObject({ path: 'E2', params: { rule: 'E2' } });

    const withdraw = await post(svc, bidder3, `/api/sections/${sectionId}/bids/withdraw`);
    expect(withdraw.statusCode, withdraw.body).toBe(422);
    expect(errorOf(withdraw).details?.[0]).toMatchObject({ path: 'E2' });
  });

  it('step 7: after the deadline the tenderer lists three current bids and three obtainers; the audit shows the events', async () => {
    svc.clock.set(new Date(Date.parse(finalDeadline) + 60_000).toISOString());
    const bids = await get(svc, tenderer, `${projectUrl()}/bids?status=current`);
    expect(bids.statusCode, bids.body).toBe(200);
    expect(bids.json().total).toBe(3);
    const listed = (
      bids.json().items as { id: string; bidderOrganisationId: string; fileSha256: string; status: string }[]
    )
      .map((b) => ({ id: b.id, organisation: b.bidderOrganisationId, hash: b.fileSha256, status: b.status }))
      .sort((a, b) => a.organisation.localeCompare(b.organisation));
    const expected = bidders
      .map((b) => ({
        id: current.get(b.organisationId)!.bidId,
        organisation: b.organisationId,
        hash: sha256(current.get(b.organisationId)!.file),
        status: 'current',
      }))
      .sort((a, b) => a.organisation.localeCompare(b.organisation));
    expect(listed).toEqual(expected);
    for (const item of bids.json().items as { bidderName: string; bidderOrganisationId: string }[]) {
      const who = bidders.find((b) => b.organisationId === item.bidderOrganisationId)!;
      expect(item.bidderName).toContain(who.username);
    }
    const everything = await get(svc, tenderer, `${projectUrl()}/bids`);
    expect(everything.json().total).toBe(5); // plus bidder1's replaced and bidder2's withdrawn bid

    const obtainers = await get(svc, tenderer, `${projectUrl()}/documents/obtainers`);
    expect(obtainers.statusCode, obtainers.body).toBe(200);
    expect(obtainers.json().total).toBe(3);
    expect(
      obtainers
        .json()
        .items.map((o: { organisationId: string }) => o.organisationId)
        .sort(),
    ).toEqual(bidders.map((b) => b.organisationId).sort());

    // Still nobody else.
    for (const who of [operator, ...bidders]) {
      expect((await get(svc, who, `${projectUrl()}/bids`)).statusCode).toBe(403);
      expect((await get(svc, who, `${projectUrl()}/documents/obtainers`)).statusCode).toBe(403);
    }

    const counts: Record<string, number> = {};
    for (const action of SEALED_ACTIONS) {
      const listedEvents = await operatorAuditEvents(`&action=${action}`);
      counts[action] = listedEvents.length;
      if (action === 'document.obtained' || action.startsWith('bid.')) {
        expect(
          [...new Set(listedEvents.map((e) => e.actorOrganisationId))].sort(),
          `${action} actors`,
        ).toEqual(
          action === 'bid.replaced'
            ? [bidder1.organisationId]
            : action === 'bid.withdrawn'
              ? [bidder2.organisationId]
              : bidders.map((b) => b.organisationId).sort(),
        );
      }
    }
    expect(counts).toEqual({
      'document.obtained': 3,
      // 3 first bids, bidder1's replacement, bidder2's resubmission, bidder1's late attempt
      'bid.upload_opened': 6,
      'bid.submitted': 5,
      'bid.replaced': 1,
      'bid.withdrawn': 1,
      'objection.raised': 1,
      'objection.tender_paused': 1,
    });
  });
});
