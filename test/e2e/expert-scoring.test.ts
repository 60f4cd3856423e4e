import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { buildWebApp, WEB_DIST, webBuildIsStale } from '../../src/cli/web-build.ts';
import { startWebHost } from '../../src/server/web-host.ts';
import { launchChromium, logIn } from '../support/demo-browser.ts';
import { PASSWORD, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import { auth } from '../trading/support/bid-factory.ts';
import { aSectionWithFinalReport } from '../trading/support/award-factory.ts';
import { aSectionReadyForEvaluation, type EvaluationFixture } from '../trading/support/evaluation-factory.ts';

const SCREENSHOTS = process.env.ZHAOCAI_SCREENSHOTS ?? join('test-output', 'screenshots');
const CRITERIA = [
  { name: '技术方案', weight: 40 },
  { name: '商务资信', weight: 20 },
  { name: '投标报价', weight: 40 },
];

interface SessionView {
  requirements: { id: string }[];
  bids: { bidId: string; review: string }[];
  members: { label: string; self: boolean }[];
  scoreSheets: { member: string; entries: { bidId: string; criterion: string; points: number }[] }[];
}

/**
 * A committee member's evaluation in the browser (issue 5): the section, its bids, the drawn
 * committee and the open session are made through the HTTP API and the evaluation factory, and
 * the other four members have cast their review votes. The fifth member signs in, finds its seat
 * in the workspace, votes the review grid, fills the score sheet — a score above the criterion's
 * full marks shows its error at the cell until it is fixed — and saves it.
 */
describe.each(DIALECTS)('an expert reviews and scores bids in the browser (%s)', (dialect) => {
  let svc: TestService;
  let web: FastifyInstance | undefined;
  let browser: Browser;
  let base: string;
  let fixture: EvaluationFixture;
  let session: SessionView;

  const inject = async <T>(
    token: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
  ): Promise<T> => {
    const response = await svc.app.inject({
      method,
      url,
      headers: auth(token),
      ...(payload ? { payload } : {}),
    });
    if (response.statusCode !== 200) throw new Error(`${method} ${url}: ${response.body}`);
    return response.json();
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    if (webBuildIsStale()) await buildWebApp(() => undefined);
    svc = await startTestService('trading', dialect);
    fixture = await aSectionReadyForEvaluation(svc, {
      pricesFen: [452_000_000, 438_000_000, 465_000_000, 420_000_000],
      criteria: CRITERIA,
      controlPriceFen: 480_000_000,
    });
    const evaluation = `/api/sections/${fixture.section.sectionId}/evaluation`;
    await inject(fixture.tenderer.token, 'POST', evaluation);
    session = await inject<SessionView>(fixture.members[0]!.token, 'GET', evaluation);
    // Four members vote every bid through; the fifth votes in the browser, which ends the review.
    for (const member of fixture.members.slice(1)) {
      await inject(member.token, 'POST', `${evaluation}/votes`, {
        votes: session.bids.flatMap((bid) =>
          session.requirements.map((r) => ({ bidId: bid.bidId, requirementId: r.id, pass: true })),
        ),
      });
    }

    const trading = await svc.app.listen({ host: '127.0.0.1', port: 0 });
    const host = await startWebHost({
      root: WEB_DIST,
      host: '127.0.0.1',
      port: 0,
      upstreams: { trading, hub: trading, supervision: trading },
      logger: pino({ level: 'silent' }),
    });
    web = host.app;
    base = host.url;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await svc?.close();
  });

  async function cellError(page: Page, testId: string): Promise<string | null> {
    const error = page.getByTestId(`${testId}-error`);
    return (await error.count()) ? error.innerText() : null;
  }

  it('votes the review grid, shows a cell error, fixes it and saves the score sheet', async () => {
    const member = fixture.members[0]!;
    const { user } = await inject<{ user: { username: string } }>(member.token, 'GET', '/api/auth/me');
    const sectionId = fixture.section.sectionId;
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'America/New_York' });
    try {
      await page.goto(`${base}/`);
      await logIn(page, 'trading', user.username, PASSWORD);
      await page.getByTestId('nav-workspace').click();
      await page.getByTestId(`seat-open-${sectionId}`).click();
      await page.getByTestId('review-grid').waitFor();
      expect(await page.getByTestId('my-seat').innerText()).toMatch(/^M\d$/);

      // The bid its bidder failed to decrypt (E7) is not evaluated.
      expect(session.bids.map((b) => b.bidId)).not.toContain(fixture.failedBidId);
      for (const bid of session.bids) {
        for (const r of session.requirements)
          await page.getByTestId(`vote-${bid.bidId}-${r.id}-pass`).click();
      }
      await page.screenshot({ path: join(SCREENSHOTS, 'expert-review.png'), fullPage: true });
      await page.getByTestId('review-submit').click();
      await page.getByTestId('score-sheet').waitFor();
      const first = session.bids[0]!.bidId;
      await page.getByTestId(`vote-${first}-${session.requirements[0]!.id}-cast`).waitFor();

      // A score above the criterion's full marks shows at its cell at once, in the user's language.
      const technical = `score-${first}-技术方案`;
      await page.getByTestId(technical).fill('45');
      expect(await cellError(page, technical)).toBe('分值应在 0 至 40 之间');
      await page.getByTestId(technical).fill('35.555');
      expect(await cellError(page, technical)).toBe('最多两位小数');
      await page.getByTestId(technical).fill('35.5');
      expect(await cellError(page, technical)).toBeNull();

      const scores: Record<string, [string, string]> = {};
      session.bids.forEach((bid, i) => (scores[bid.bidId] = [`${34 + i}.25`, `${15 + i}`]));
      scores[first] = ['35.5', '16.75'];
      for (const [bidId, [tech, business]] of Object.entries(scores)) {
        await page.getByTestId(`score-${bidId}-技术方案`).fill(tech);
        await page.getByTestId(`score-${bidId}-商务资信`).fill(business);
      }
      // The price criterion is the formula's: no cell for it.
      expect(await page.getByTestId(`score-${first}-投标报价`).count()).toBe(0);
      expect(await page.getByTestId(`score-sum-${first}`).innerText()).toBe('52.25');
      await page.screenshot({ path: join(SCREENSHOTS, 'expert-score-sheet.png'), fullPage: true });
      await page.getByTestId('score-save').click();
      await page.getByTestId('score-saved-at').waitFor();
      expect(await page.getByTestId('score-saved-at').innerText()).toContain('北京时间');
    } finally {
      await page.close();
    }

    // What the platform holds: the member's votes ended the review, and its sheet as typed.
    const after = await inject<SessionView>(member.token, 'GET', `/api/sections/${sectionId}/evaluation`);
    expect(after.bids.every((b) => b.review === 'passed')).toBe(true);
    const self = after.members.find((m) => m.self)!.label;
    const sheet = after.scoreSheets.find((s) => s.member === self)!;
    expect(sheet.entries).toHaveLength(session.bids.length * 2);
    expect(sheet.entries).toContainEqual({
      bidId: session.bids[0]!.bidId,
      criterion: '技术方案',
      points: 35.5,
    });
    expect(sheet.entries).toContainEqual({
      bidId: session.bids[0]!.bidId,
      criterion: '商务资信',
      points: 16.75,
    });
  }, 90_000);

  it('shows the tenderer the committee and the evaluation, and the operator the expert pool', async () => {
    const { user } = await inject<{ user: { username: string } }>(
      fixture.tenderer.token,
      'GET',
      '/api/auth/me',
    );
    const page = await browser.newPage({ locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${base}/`);
      await logIn(page, 'trading', user.username, PASSWORD);
      // In-app navigation: the service's manual clock makes a stored sign-in look expired on reload.
      await page.getByTestId('nav-projects').click();
      await page.getByTestId(`project-link-${fixture.section.projectId}`).click();
      await page.getByRole('tab', { name: '评标与定标' }).click();
      await page.getByTestId('committee-seats').waitFor();
      // Before the result the seats are anonymous to the tenderer (法 37); the draw replays.
      const seats = await page.getByTestId('committee-seats').innerText();
      expect(seats).toContain('保密');
      expect(seats).not.toContain('评委');
      await page.getByText('平台重放抽取记录').waitFor();
      const status = await page.getByTestId('evaluation-status').innerText();
      expect(status).toContain('评标中');
      expect(status).toContain('通过 3，否决 0，共 3');
      await page.screenshot({ path: join(SCREENSHOTS, 'tenderer-evaluation.png'), fullPage: true });
    } finally {
      await page.close();
    }

    await svc.userWithRoles(['platform_operator'], `pool-operator-${dialect}`);
    const pool = await browser.newPage({ locale: 'zh-CN' });
    pool.on('pageerror', (error) => errors.push(error.message));
    try {
      await pool.goto(`${base}/`);
      await logIn(pool, 'trading', `pool-operator-${dialect}`, PASSWORD);
      await pool.getByTestId('nav-expert-pool').click();
      await pool.getByTestId('expert-table').getByText('评委').first().waitFor();
      await pool.getByTestId('expert-specialty').locator('input').fill('no-such-specialty');
      await pool.getByTestId('expert-specialty').locator('input').press('Enter');
      await pool.waitForURL(/specialty=no-such-specialty/);
    } finally {
      await pool.close();
    }
    expect(errors).toEqual([]);
  }, 60_000);

  it('lets the tenderer publish the candidates by the T7 deadline, and a candidate see its rank and object', async () => {
    const award = await aSectionWithFinalReport(svc);
    // The bid factory stores the section's criteria as '{}', which the project view refuses to serve.
    await tradingDb(svc.store.db)
      .updateTable('tenderSection')
      .set({ criteria: canonicalJson(CRITERIA) })
      .where('id', '=', award.section.sectionId)
      .execute();
    const timelineUrl = `/api/sections/${award.section.sectionId}/award/timeline`;
    type Timeline = {
      steps: { step: string; status: string; dueByCst: string | null }[];
      objections: unknown[];
    };
    const before = await inject<Timeline>(award.tenderer.token, 'GET', timelineUrl);
    const t7 = before.steps.find((s) => s.step === 'candidates_published')!;
    expect(t7.status).toBe('pending');

    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Europe/London' });
    try {
      await page.goto(`${base}/`);
      await logIn(page, 'trading', award.tenderer.username, PASSWORD);
      await page.getByTestId('nav-projects').click();
      await page.getByTestId(`project-link-${award.section.projectId}`).click();
      await page.getByRole('tab', { name: '评标与定标' }).click();
      await page.getByTestId('award-step-candidates_published-pending').waitFor();
      // No committee on this section: the request form checks C5 on its fields as it is filled.
      const request = page.getByTestId('committee-request');
      await page.getByTestId('committee-size').fill('4');
      const fieldError = request.locator('.ant-form-item-explain-error');
      await fieldError.waitFor();
      expect(await fieldError.innerText()).toContain('《招标投标法》第37条');
      await page.getByTestId('committee-size').fill('7');
      await request.getByText('各专业人数之和（5）加招标人代表（0）应等于委员会人数（7）').waitFor();
      // The legal deadline is shown in Beijing time, as the platform computed it.
      expect(await page.getByTestId('award-timeline').innerText()).toContain(t7.dueByCst!);
      expect(await page.getByTestId('award-timeline').innerText()).toContain('《招标投标法实施条例》第54条');
      await page.getByTestId('award-publish').click();
      await page.getByTestId('award-step-candidates_published-done').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'award-timeline.png'), fullPage: true });
    } finally {
      await page.close();
    }

    const first = award.bidders[0]!;
    const bidder = await browser.newPage({ locale: 'zh-CN' });
    try {
      await bidder.goto(`${base}/`);
      await logIn(bidder, 'trading', first.username, PASSWORD);
      await bidder.getByTestId('nav-bid-results').click();
      const row = bidder.getByTestId('result-table').locator(`tr[data-row-key="${first.bidId}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain('第 1 名');
      await row.locator('.ant-table-row-expand-icon').click();
      await bidder.getByTestId('objection-text').fill('第一名的项目经理另有在建项目。');
      await bidder.getByTestId('objection-submit').click();
      await bidder.getByText('异议已提交').waitFor();
    } finally {
      await bidder.close();
    }
    const after = await inject<Timeline>(award.tenderer.token, 'GET', timelineUrl);
    expect(after.objections).toHaveLength(1);
  }, 60_000);
});
