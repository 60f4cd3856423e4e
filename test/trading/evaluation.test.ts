import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.ts';
import { findFinalEvaluationReport } from '../../src/trading/evaluation/evaluation-report-repository.ts';
import { getEvaluationSession } from '../../src/trading/evaluation/get-evaluation-session.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import { auth } from './support/bid-factory.ts';
import { aSectionReadyForEvaluation, type EvaluationFixture } from './support/evaluation-factory.ts';

const CRITERIA = [
  { name: '技术方案', weight: 40 },
  { name: '商务资信', weight: 20 },
  { name: '投标报价', weight: 40 },
];
// A, B, C, D decrypted; the fifth failed to decrypt. D is abnormally low among A, B, D.
const PRICES = [452_000_000, 438_000_000, 465_000_000, 350_000_000, 440_000_000];

describe.each(DIALECTS)('online evaluation on %s', (dialect) => {
  let svc: TestService;
  let fx: EvaluationFixture;
  let other: EvaluationFixture;
  let outsider: { token: string; userId: string };
  const url = (path = '', sectionId = fx.section.sectionId) => `/api/sections/${sectionId}/evaluation${path}`;
  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    who: { token: string },
    path: string,
    payload?: object,
    remoteAddress = '127.0.0.1',
  ): Promise<LightMyRequestResponse> =>
    svc.app.inject({
      method,
      url: path,
      headers: auth(who.token),
      remoteAddress,
      ...(payload ? { payload } : {}),
    });
  const [A, B, C, D] = [0, 1, 2, 3];
  const bid = (i: number) => fx.bidIds[i]!;
  const member = (i: number) => fx.members[i]!;

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    fx = await aSectionReadyForEvaluation(svc, {
      pricesFen: PRICES,
      criteria: CRITERIA,
      controlPriceFen: 480_000_000,
    });
    other = await aSectionReadyForEvaluation(svc, {
      pricesFen: [400_000_000, 410_000_000],
      criteria: CRITERIA,
    });
    outsider = await svc.userWithRoles(['expert'], `outsider-expert-${dialect}`);
  }, 120_000);
  afterAll(async () => svc?.close());

  it('documents every evaluation route in the OpenAPI description', async () => {
    const paths = Object.keys((await svc.app.inject('/openapi.json')).json().paths).filter((p) =>
      p.startsWith('/api/sections/{sectionId}/evaluation'),
    );
    expect(paths.sort()).toEqual(
      [
        '',
        '/bids/{bidId}/package',
        '/votes',
        '/score-sheet',
        '/chair',
        '/clarifications',
        '/price-deviations',
        '/price-deviations/{deviationId}',
        '/report',
        '/dissent',
        '/sign',
        '/request-more-time',
        '/extend',
        '/finalise',
      ]
        .map((p) => `/api/sections/{sectionId}/evaluation${p}`)
        .sort(),
    );
  });

  it('opens the session for the tenderer only, once', async () => {
    expect((await call('POST', member(0), url())).statusCode).toBe(403);
    const opened = await call('POST', fx.tenderer, url());
    expect(opened.statusCode, opened.body).toBe(200);
    expect((await call('POST', fx.tenderer, url())).statusCode).toBe(409);
    expect((await call('POST', other.tenderer, url('', other.section.sectionId))).statusCode).toBe(200);
  });

  it('lets only seated members of this section read decrypted bids and act', async () => {
    const download = await call('GET', member(1), url(`/bids/${bid(A)}/package`));
    expect(download.statusCode, download.body).toBe(200);
    expect(download.body).toMatch(/^bid package 0 /);
    expect((await call('GET', member(1), url(`/bids/${fx.failedBidId}/package`))).statusCode).toBe(404);
    expect((await call('GET', member(1), url(`/bids/${other.bidIds[0]}/package`))).statusCode).toBe(404);
    for (const who of [outsider, other.members[0]!]) {
      expect((await call('GET', who, url(`/bids/${bid(A)}/package`))).statusCode).toBe(403);
      expect((await call('GET', who, url())).statusCode).toBe(403);
      const vote = await call('POST', who, url('/votes'), {
        votes: [{ bidId: bid(A), requirementId: 'qualified', pass: true }],
      });
      expect(vote.statusCode).toBe(403);
    }
    expect((await call('GET', fx.section.tenderer, url(`/bids/${bid(A)}/package`))).statusCode).toBe(403);

    const state = (await call('GET', member(1), url())).json();
    expect(state.view).toBe('member');
    expect(state.bids.map((b: { bidId: string }) => b.bidId).sort()).toEqual(
      [bid(A), bid(B), bid(C), bid(D)].sort(),
    );
    expect(state.members.filter((m: { name: string | null }) => m.name !== null)).toHaveLength(1);
  });

  it('reviews: one rejection with its ground, a majority without a ground refused (条例 51)', async () => {
    const votes = (i: number, failBWithoutGround: boolean) => ({
      votes: [A, B, C, D].flatMap((b) =>
        ['qualified', 'signed_sealed', 'responsive'].map((requirementId) => ({
          bidId: bid(b),
          requirementId,
          pass: !(
            (b === C && requirementId === 'qualified' && i < 3) ||
            (b === B && requirementId === 'responsive' && failBWithoutGround)
          ),
        })),
      ),
    });
    for (const i of [0, 1]) {
      const response = await call('POST', member(i), url('/votes'), votes(i, true), '10.20.30.40');
      expect(response.statusCode, response.body).toBe(200);
    }
    const refused = await call('POST', member(2), url('/votes'), votes(2, true));
    expect(refused.statusCode).toBe(422);
    expect(errorOf(refused).code).toBe('REJECTION_GROUND_MISSING');
    expect(errorOf(refused).message).toMatch(/第51条/);
    expect((await call('POST', member(2), url('/votes'), votes(2, false))).statusCode).toBe(200);
    expect((await call('POST', member(2), url('/votes'), votes(2, false))).statusCode).toBe(400);
    for (const i of [3, 4])
      expect((await call('POST', member(i), url('/votes'), votes(i, false))).statusCode).toBe(200);

    const state = (await call('GET', member(0), url())).json();
    const review = Object.fromEntries(
      state.bids.map((b: { bidId: string; review: string }) => [b.bidId, b.review]),
    );
    expect(review).toEqual({
      [bid(A)]: 'passed',
      [bid(B)]: 'passed',
      [bid(C)]: 'rejected',
      [bid(D)]: 'passed',
    });
    expect(state.bids.find((b: { bidId: string }) => b.bidId === bid(C)).grounds).toEqual([
      'bidder_not_qualified',
    ]);
    expect(
      state.votes.every(
        (v: { member: string }) => v.member === state.members.find((m: { self: boolean }) => m.self).label,
      ),
    ).toBe(true);
    const rejected = await tradingDb(svc.store.db)
      .selectFrom('evaluationBidReview')
      .selectAll()
      .where('bidId', '=', bid(C))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(rejected.grounds)).toEqual(['bidder_not_qualified']);
    expect(state.abnormalPrices.map((w: { bidId: string }) => w.bidId)).toEqual([bid(D)]);
    expect(state.priceScores).toHaveLength(3);
    expect(state.basePriceFen).toBe(413_333_333);
  });

  it('elects a chair by majority and asks for more time (条例 48)', async () => {
    for (const i of [0, 1])
      expect(
        (await call('POST', member(i), url('/chair'), { expertId: member(0).expertId })).json().chairExpertId,
      ).toBeNull();
    expect(
      (await call('POST', member(2), url('/chair'), { expertId: member(0).expertId })).json().chairExpertId,
    ).toBe(member(0).expertId);
    expect((await call('POST', member(3), url('/chair'), { expertId: member(3).expertId })).statusCode).toBe(
      409,
    );

    expect(
      (await call('POST', member(1), url('/request-more-time'), { reason: '投标文件较多' })).json()
        .moreTimeRequired,
    ).toBe(false);
    expect(
      (await call('POST', member(2), url('/request-more-time'), { reason: '需核对报价' })).json()
        .moreTimeRequired,
    ).toBe(true);
    const until = new Date(svc.clock.now().getTime() + 86_400_000).toISOString();
    expect((await call('POST', member(1), url('/extend'), { until, reason: 'x' })).statusCode).toBe(403);
    const extended = await call('POST', fx.tenderer, url('/extend'), {
      until,
      reason: '评标委员会三分之一以上成员认为时间不够',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json().requestedBy.sort()).toEqual([member(1).expertId, member(2).expertId].sort());
  });

  it('scores with field-level errors, requires the clarification, drafts 3 candidates (C7)', async () => {
    const sheet = (points: [number, number][]) => ({
      entries: [A, B, D].flatMap((b, k) => [
        { bidId: bid(b), criterion: '技术方案', points: points[k]![0] },
        { bidId: bid(b), criterion: '商务资信', points: points[k]![1] },
      ]),
    });
    const bad = await call('PUT', member(0), url('/score-sheet'), {
      entries: [
        { bidId: bid(A), criterion: '技术方案', points: 41 },
        { bidId: bid(A), criterion: '投标报价', points: 30 },
        { bidId: bid(C), criterion: '商务资信', points: 10.123 },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(errorOf(bad).code).toBe('SCORE_SHEET_INVALID');
    const paths = errorOf(bad).details!.map((d) => `${d.path}:${d.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'entries.0.points:out_of_range',
        'entries.1.criterion:not_scored_by_experts',
        'entries.2.bidId:unknown_bid',
        'entries.2.points:at_most_2_decimals',
        `bids.${bid(B)}.技术方案:required`,
      ]),
    );
    for (let i = 0; i < 5; i += 1) {
      const saved = await call(
        'PUT',
        member(i),
        url('/score-sheet'),
        sheet([
          [35 + (i % 2), 16],
          [37, 17],
          [30, 15],
        ]),
      );
      expect(saved.statusCode, saved.body).toBe(200);
    }
    const early = await call('POST', member(0), url('/report'));
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).message).toMatch(/clarification_pending/);
    expect(
      (
        await call('POST', member(1), url('/clarifications'), {
          bidId: bid(D),
          decision: 'accepted',
          note: '已书面说明',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await call('POST', member(0), url('/clarifications'), {
          bidId: bid(D),
          decision: 'accepted',
          note: '投标人书面说明并提供了成本证明',
        })
      ).statusCode,
    ).toBe(200);
    expect((await call('POST', member(1), url('/report'))).statusCode).toBe(409);
    const drafted = await call('POST', member(0), url('/report'));
    expect(drafted.statusCode, drafted.body).toBe(200);
    const { candidates } = drafted.json() as { candidates: { bidId: string; rank: number; score: number }[] };
    expect(candidates.map((c) => c.rank)).toEqual([1, 2, 3]);
    expect(candidates.map((c) => c.bidId).sort()).toEqual([bid(A), bid(B), bid(D)].sort());
    expect(candidates[0]!.bidId).toBe(bid(B));
  });

  it('records a dissent, signs over the SHA-256 by all, then freezes the report', async () => {
    const { report } = (await call('GET', member(0), url())).json();
    expect(report.status).toBe('draft');
    expect(
      (
        await call('POST', member(4), url('/dissent'), {
          opinion: '对 D 的成本说明有保留',
          reason: '证明材料不足',
        })
      ).statusCode,
    ).toBe(200);
    const wrong = await call('POST', member(1), url('/sign'), {
      reportSha256: 'a'.repeat(64),
      kind: 'signed',
    });
    expect(wrong.statusCode).toBe(400);
    for (const i of [0, 1, 2, 3]) {
      const signed = await call('POST', member(i), url('/sign'), {
        reportSha256: report.reportSha256,
        kind: 'signed',
      });
      expect(signed.statusCode, signed.body).toBe(200);
    }
    expect(
      (await call('POST', member(0), url('/sign'), { reportSha256: report.reportSha256, kind: 'signed' }))
        .statusCode,
    ).toBe(409);
    const unsigned = await call('POST', member(0), url('/finalise'));
    expect(unsigned.statusCode).toBe(422);
    expect(errorOf(unsigned).message).toMatch(/E9/);
    expect(
      (await call('POST', member(4), url('/sign'), { reportSha256: report.reportSha256, kind: 'signed' }))
        .statusCode,
    ).toBe(200);
    expect((await call('POST', member(1), url('/finalise'))).statusCode).toBe(409);
    const final = await call('POST', member(0), url('/finalise'));
    expect(final.statusCode, final.body).toBe(200);

    const stored = await findFinalEvaluationReport(tradingDb(svc.store.db), fx.section.sectionId);
    expect(stored!.candidates).toHaveLength(3);
    expect(stored!.candidates[0]).toMatchObject({ rank: 1, bidId: bid(B), priceFen: PRICES[B] });
    expect(typeof stored!.candidates[0]!.score).toBe('number');
    const frozen = JSON.parse(stored!.reportJson);
    expect(frozen.findingsSha256).toBe(report.reportSha256);
    expect(frozen.dissents).toHaveLength(1);
    expect(
      frozen.conclusions.filter((c: { conclusion: string }) => c.conclusion === 'dissented'),
    ).toHaveLength(1);
    const outbox = await tradingDb(svc.store.db)
      .selectFrom('outbox')
      .select('dataSetCode')
      .where('aggregateId', '=', fx.section.sectionId)
      .execute();
    expect(outbox.map((o) => o.dataSetCode).sort()).toEqual(['509', '520']);
    expect((await call('GET', member(1), url(`/bids/${bid(A)}/package`))).statusCode).toBe(409);
    expect((await call('PUT', member(1), url('/score-sheet'), { entries: [] })).statusCode).toBe(409);
  });

  it('audits every member action with its network address (E9) and shows supervisors everything', async () => {
    const events = await tradingDb(svc.store.db)
      .selectFrom('auditEvent')
      .select(['action', 'ip', 'actorUserId'])
      .where('action', 'like', 'evaluation.%')
      .where('objectId', 'in', [fx.section.sectionId, ...fx.bidIds])
      .execute();
    const actions = new Set(events.map((e) => e.action));
    for (const action of [
      'evaluation.opened',
      'evaluation.bid_downloaded',
      'evaluation.review_voted',
      'evaluation.chair_nominated',
      'evaluation.score_sheet_saved',
      'evaluation.clarification_recorded',
      'evaluation.report_drafted',
      'evaluation.dissent_recorded',
      'evaluation.report_signed',
      'evaluation.more_time_requested',
      'evaluation.time_extended',
      'evaluation.report_finalised',
    ]) {
      expect(actions).toContain(action);
    }
    expect(events.every((e) => e.ip)).toBe(true);
    const fromAfar = events.filter((e) => e.action === 'evaluation.review_voted' && e.ip === '10.20.30.40');
    expect(fromAfar.map((e) => e.actorUserId).sort()).toEqual([member(0).userId, member(1).userId].sort());

    const supervisor: Actor = {
      userId: 'sup-1',
      username: 'supervisor',
      organisationId: null,
      roles: ['supervisor'],
      ip: '10.0.0.9',
      userAgent: null,
    };
    const seen = await getEvaluationSession(
      { db: svc.store.db, clock: svc.clock, actor: supervisor, platform: 'trading' },
      { sectionId: fx.section.sectionId },
    );
    expect(seen.view).toBe('supervisor');
    expect(seen.members.every((m) => m.name !== null)).toBe(true);
    expect(seen.votes).toHaveLength(5 * 4 * 3);
    expect(seen.scoreSheets).toHaveLength(5);
    const tendererView = (await call('GET', fx.tenderer, url())).json();
    expect(tendererView.view).toBe('manager');
    expect(tendererView.votes).toEqual([]);
  });
  it('ranks the lowest evaluated price by the chair’s quantified deviations (价格折算), audited', async () => {
    // X0 is the cheapest, X1 next; X2 is rejected at the review; the fourth failed to decrypt.
    const lp = await aSectionReadyForEvaluation(svc, {
      pricesFen: [400_000_000, 410_000_000, 420_000_000, 430_000_000],
      criteria: CRITERIA,
    });
    const sectionId = lp.section.sectionId;
    await tradingDb(svc.store.db)
      .updateTable('tenderSection')
      .set({ evaluationMethod: 'lowest_price' })
      .where('id', '=', sectionId)
      .execute();
    const [X0, X1, X2] = lp.bidIds as [string, string, string];
    const chair = lp.members[0]!;
    const lpUrl = (path = '') => url(path, sectionId);
    const deviate = (who: { token: string }, payload: object) =>
      call('POST', who, lpUrl('/price-deviations'), payload, '10.1.2.3');
    const missing = {
      bidId: X0,
      description: '缺漏项：设备安装未报价，按其他投标人最高报价折算',
      amountFen: 15_000_000,
    };

    expect((await call('POST', lp.tenderer, lpUrl())).statusCode).toBe(200);
    for (let i = 0; i < 5; i += 1) {
      const votes = [X0, X1, X2].flatMap((bidId) =>
        ['qualified', 'signed_sealed', 'responsive'].map((requirementId) => ({
          bidId,
          requirementId,
          pass: !(bidId === X2 && requirementId === 'qualified' && i < 3),
        })),
      );
      expect((await call('POST', lp.members[i]!, lpUrl('/votes'), { votes })).statusCode).toBe(200);
    }
    for (const i of [0, 1, 2])
      await call('POST', lp.members[i]!, lpUrl('/chair'), { expertId: chair.expertId });

    const notChair = await deviate(lp.members[1]!, missing);
    expect(notChair.statusCode).toBe(403);
    expect(errorOf(notChair).message).toMatch(/负责人/);
    const rejected = await deviate(chair, { ...missing, bidId: X2 });
    expect(rejected.statusCode).toBe(409);
    expect(errorOf(rejected).message).toMatch(/bid_rejected/);
    expect((await deviate(chair, { ...missing, amountFen: 0 })).statusCode).toBe(400);
    expect((await deviate(chair, { ...missing, amountFen: 1.5 })).statusCode).toBe(400);
    expect((await deviate(chair, { ...missing, description: ' ' })).statusCode).toBe(400);
    expect((await deviate(chair, { ...missing, description: 'x'.repeat(501) })).statusCode).toBe(400);
    const comprehensive = await call(
      'POST',
      other.members[0]!,
      url('/price-deviations', other.section.sectionId),
      {
        ...missing,
        bidId: other.bidIds[0],
      },
    );
    expect(comprehensive.statusCode).toBe(409);

    const bare = await call('POST', chair, lpUrl('/report'));
    expect(bare.statusCode, bare.body).toBe(200);
    expect(bare.json().candidates.map((c: { bidId: string }) => c.bidId)).toEqual([X0, X1]);

    const recorded = await deviate(chair, missing);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({
      bidId: X0,
      evaluatedPriceFen: 415_000_000,
      reportDiscarded: true,
    });
    const favour = await deviate(chair, {
      bidId: X1,
      description: '付款条件优于招标文件',
      amountFen: -1_000_000,
    });
    expect(favour.json().evaluatedPriceFen).toBe(409_000_000);
    expect(
      (await call('DELETE', lp.members[2]!, lpUrl(`/price-deviations/${favour.json().id}`))).statusCode,
    ).toBe(403);
    const removed = await call(
      'DELETE',
      chair,
      lpUrl(`/price-deviations/${favour.json().id}`),
      undefined,
      '10.1.2.3',
    );
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({
      bidId: X1,
      evaluatedPriceFen: 410_000_000,
      reportDiscarded: false,
    });
    expect((await call('DELETE', chair, lpUrl(`/price-deviations/${favour.json().id}`))).statusCode).toBe(
      404,
    );
    const kept = await tradingDb(svc.store.db)
      .selectFrom('evaluationPriceDeviation')
      .select(['removedByUserId', 'removedAt'])
      .where('id', '=', favour.json().id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ removedByUserId: chair.userId, removedAt: removed.json().at });

    const seen = (await call('GET', lp.members[3]!, lpUrl())).json();
    expect(seen.report).toBeNull();
    const byBid = Object.fromEntries(
      seen.bids.map((b: { bidId: string; deviations: unknown[]; evaluatedPriceFen: number | null }) => [
        b.bidId,
        b,
      ]),
    );
    expect(byBid[X0].deviations).toMatchObject([{ description: missing.description, amountFen: 15_000_000 }]);
    expect(byBid[X0].evaluatedPriceFen).toBe(415_000_000);
    expect(byBid[X1].deviations).toEqual([]);
    expect(byBid[X2].evaluatedPriceFen).toBeNull();
    expect(
      (await call('GET', lp.tenderer, lpUrl()))
        .json()
        .bids.every((b: { deviations: unknown[] }) => !b.deviations.length),
    ).toBe(true);

    const drafted = await call('POST', chair, lpUrl('/report'));
    expect(drafted.statusCode, drafted.body).toBe(200);
    const { candidates, reportSha256 } = drafted.json() as {
      reportSha256: string;
      candidates: { bidId: string; rank: number; priceFen: number; evaluatedPriceFen: number }[];
    };
    expect(candidates.map((c) => [c.rank, c.bidId, c.priceFen, c.evaluatedPriceFen])).toEqual([
      [1, X1, 410_000_000, 410_000_000],
      [2, X0, 400_000_000, 415_000_000],
    ]);
    for (let i = 0; i < 5; i += 1) {
      const signed = await call('POST', lp.members[i]!, lpUrl('/sign'), { reportSha256, kind: 'signed' });
      expect(signed.statusCode, signed.body).toBe(200);
    }
    const signing = await deviate(chair, { ...missing, bidId: X1 });
    expect(signing.statusCode).toBe(409);
    expect(errorOf(signing).message).toMatch(/signing/);
    expect((await call('POST', chair, lpUrl('/finalise'))).statusCode).toBe(200);
    const finalised = await deviate(chair, { ...missing, bidId: X1 });
    expect(finalised.statusCode).toBe(409);
    expect(errorOf(finalised).message).toMatch(/finalised/);

    const stored = await findFinalEvaluationReport(tradingDb(svc.store.db), sectionId);
    expect(stored!.candidates.map((c) => [c.bidId, c.evaluatedPriceFen])).toEqual([
      [X1, 410_000_000],
      [X0, 415_000_000],
    ]);
    const frozen = JSON.parse(stored!.reportJson).findings.bids.find(
      (b: { bidId: string }) => b.bidId === X0,
    );
    expect(frozen.deviations).toEqual([{ description: missing.description, amountFen: 15_000_000 }]);

    const events = await tradingDb(svc.store.db)
      .selectFrom('auditEvent')
      .select(['action', 'ip', 'actorUserId', 'objectId', 'detail'])
      .where('action', 'in', ['evaluation.price_deviation_recorded', 'evaluation.price_deviation_removed'])
      .where('objectId', 'in', [X0, X1])
      .execute();
    expect(events.map((e) => `${e.action} ${e.objectId}`).sort()).toEqual(
      [
        `evaluation.price_deviation_recorded ${X0}`,
        `evaluation.price_deviation_recorded ${X1}`,
        `evaluation.price_deviation_removed ${X1}`,
      ].sort(),
    );
    expect(events.every((e) => e.ip === '10.1.2.3' && e.actorUserId === chair.userId)).toBe(true);
    const first = events.find((e) => e.action === 'evaluation.price_deviation_recorded' && e.objectId === X0);
    expect(first!.detail).toContain(bare.json().reportSha256);
  }, 120_000);
});
