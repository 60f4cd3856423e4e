import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXCHANGE } from '../../src/cli/demo-exchange.ts';
import {
  DEMO_PASSWORD,
  type Demo,
  type DemoPorts,
  freeDemoPorts,
  launchChromium,
  logIn,
  startDemo,
} from '../support/demo-browser.ts';

const SCREENSHOTS = process.env.ZHAOCAI_SCREENSHOTS ?? join('test-output', 'screenshots');

/** A clarification the demo publishes for one of its tenders (src/cli/demo-tenders.ts). */
const CLARIFICATION = { phrase: '类似业绩', title: '第 1 号澄清：类似业绩认定' };
/** The candidates' publicity of the demo's sewer tender: its section is estimated at ¥7,907,600.00. */
const PUBLICITY = { phrase: '污水管网', title: '福州市闽侯县上街镇污水管网工程施工中标候选人公示' };

interface Hit {
  readonly id: string;
  readonly title: string;
  readonly regionCode: string;
  readonly platformCode: string;
  readonly amount: number | null;
  readonly publishedAt: string;
}

/** An instant as the pages show it: China Standard Time (UTC+8, no daylight saving), to the second. */
function cst(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * 公开信息 and 数据交换 in the browser, on the demo's own data: its trading platform publishes the
 * demo tenders' notices to the city hub over the data exchange, and the hub lists the platforms it
 * approved. Nothing is seeded or faked here; what the pages show is checked against the APIs.
 */
describe('the public portal and the data-exchange page on the demo', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhaocai-portal-'));
  let ports: DemoPorts;
  let demo: Demo | undefined;
  let browser: Browser;
  let base: string;

  async function search(q: string): Promise<{ items: Hit[]; total: number }> {
    const response = await fetch(`${base}/hub/api/public/notices?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    return (await response.json()) as { items: Hit[]; total: number };
  }

  /** The hub has a notice once the trading platform delivered it (a few seconds after start). */
  async function untilPublished(phrase: string, title: string): Promise<Hit> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const hit = (await search(phrase)).items.find((item) => item.title === title);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`the hub never published ${title}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ports = await freeDemoPorts();
    demo = await startDemo(dataDir, ports);
    base = `http://127.0.0.1:${ports.web}`;
    await untilPublished(CLARIFICATION.phrase, CLARIFICATION.title);
    await untilPublished(PUBLICITY.phrase, PUBLICITY.title);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The result row of the notice with this title. */
  function resultRow(page: Page, title: string) {
    return page.locator('[data-testid="portal-results"] tr[data-row-key]').filter({ hasText: title });
  }

  it('searches a Chinese phrase, opens the notice and follows its Atom feed', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'America/New_York' });
    try {
      await page.goto(`${base}/login`);
      await page.getByTestId('login-portal').click();
      await page.getByTestId('portal-results').waitFor();
      await page.locator('[data-testid="portal-notice-link"]').first().waitFor();

      const found = await search(CLARIFICATION.phrase);
      const hit = found.items.find((item) => item.title === CLARIFICATION.title)!;
      await page.getByTestId('portal-search-input').fill(CLARIFICATION.phrase);
      await page.getByTestId('portal-search-submit').click();
      await page.waitForURL(/q=%E7%B1%BB%E4%BC%BC%E4%B8%9A%E7%BB%A9/);
      await page
        .getByTestId('portal-total')
        .filter({ hasText: `共 ${found.total} 条` })
        .waitFor();
      expect(await page.getByTestId('portal-notice-link').count()).toBe(found.items.length);
      const row = resultRow(page, CLARIFICATION.title);
      const text = await row.innerText();
      expect(text).toContain('澄清与修改');
      expect(text).toContain(hit.regionCode);
      expect(text).toContain('—'); // a clarification has no amount
      // The hub's instant in China Standard Time, whatever the browser's zone.
      expect(text).toContain(cst(hit.publishedAt));
      expect(await row.locator('mark').first().innerText()).toBe(CLARIFICATION.phrase);
      const atom = await page.getByTestId('portal-atom').getAttribute('href');
      expect(atom).toBe(`/hub/api/public/notices.atom?q=${encodeURIComponent(CLARIFICATION.phrase)}`);
      await page.screenshot({ path: join(SCREENSHOTS, 'portal-search.png'), fullPage: true });

      // The Atom link answers with a feed holding the same notice.
      const feed = await fetch(`${base}${atom}`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const xml = await feed.text();
      expect(xml).toContain(`<link rel="alternate" type="text/html" href="/public/notices/${hit.id}"/>`);
      expect(xml).toContain(CLARIFICATION.title);

      const detail = (await (await fetch(`${base}/hub/api/public/notices/${hit.id}`)).json()) as Hit & {
        body: string;
        procedure: string | null;
      };
      await row.getByTestId('portal-notice-link').click();
      await page.getByTestId('notice-title').waitFor();
      expect(page.url()).toBe(`${base}/public/notices/${hit.id}`);
      expect(await page.getByTestId('notice-title').innerText()).toBe(CLARIFICATION.title);
      const facts = await page.getByTestId('notice-facts').innerText();
      expect(facts).toContain(DEMO_EXCHANGE.trading.code);
      expect(facts).toContain('澄清与修改');
      expect(detail.procedure).toBe('1');
      expect(facts).toContain('公开招标');
      expect(facts).toContain(`${cst(hit.publishedAt)} 北京时间`);
      expect(await page.getByTestId('notice-body').innerText()).toBe(detail.body);
      await page.screenshot({ path: join(SCREENSHOTS, 'portal-notice.png'), fullPage: true });

      await page.getByTestId('notice-back').click();
      await page.waitForURL(/\/public\/notices\?q=/);
      expect(await page.getByTestId('portal-search-input').inputValue()).toBe(CLARIFICATION.phrase);

      // Another phrase: a notice with an amount, in yuan with separators.
      const publicity = (await search(PUBLICITY.phrase)).items.find(
        (item) => item.title === PUBLICITY.title,
      )!;
      await page.getByTestId('portal-search-input').fill(PUBLICITY.phrase);
      await page.getByTestId('portal-search-submit').click();
      await resultRow(page, PUBLICITY.title).waitFor();
      const publicityRow = await resultRow(page, PUBLICITY.title).innerText();
      expect(publicity.amount).toBe(7_907_600);
      expect(publicityRow).toContain('¥7,907,600.00');
      expect(publicityRow).toContain('中标候选人公示');
      expect(publicityRow).toContain(cst(publicity.publishedAt));
    } finally {
      await page.close();
    }
  }, 120_000);

  it('lists the demo trading platform on the disclosure page with its services and key', async () => {
    const response = await fetch(`${base}/hub/api/exchange/platforms`);
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as {
      items: {
        platformCode: string;
        approvedAt: string;
        registration: {
          certification: { reportNo: string };
          publicKeys: { keyId: string; publicKeyPem: string }[];
        };
      }[];
    };
    const trading = items.find((item) => item.platformCode === DEMO_EXCHANGE.trading.code)!;
    expect(trading).toBeDefined();
    const [key] = trading.registration.publicKeys;

    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Europe/London' });
    try {
      await page.goto(`${base}/public/notices`);
      await page.getByTestId('portal-nav-platforms').click();
      const card = page.getByTestId(`platform-${DEMO_EXCHANGE.trading.code}`);
      await card.waitFor();
      const text = await card.innerText();
      expect(text).toContain(DEMO_EXCHANGE.trading.name);
      expect(text).toContain('交易平台');
      expect(text).toContain('已接入');
      expect(text).toContain(trading.registration.certification.reportNo);
      expect(text).toContain(`${cst(trading.approvedAt)} 北京时间`);
      // The key's id, shortened, and its PEM one click away.
      expect(text).toContain(`${key!.keyId.slice(0, 8)}…${key!.keyId.slice(-6)}`);
      const services = await page.getByTestId(`platform-services-${DEMO_EXCHANGE.trading.code}`).innerText();
      expect(services).toContain('信息发布与数据交换');
      expect(services).toContain('免费');
      await card.locator('.ant-collapse-header').first().click();
      const pem = card.locator('pre').first();
      await pem.waitFor();
      expect((await pem.innerText()).trim()).toBe(key!.publicKeyPem.trim());
      await page.screenshot({ path: join(SCREENSHOTS, 'portal-platforms.png'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 60_000);

  it("shows the trading operator the messages delivered to the hub, with the queue's counts", async () => {
    const login = await fetch(`${base}/trading/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator', password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };

    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'America/New_York' });
    try {
      await page.goto(`${base}/`);
      await logIn(page, 'trading', 'operator');
      await page.getByTestId('nav-exchange-outgoing').click();
      // Nothing was refused, so the page opens on what was delivered.
      await page.locator('[data-testid="outgoing-table"] tr[data-row-key]').first().waitFor();
      expect(await page.locator('.ant-tabs-tab-active').innerText()).toContain('已送达');

      const answer = await fetch(`${base}/trading/api/exchange/outgoing?status=delivered&pageSize=20`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status).toBe(200);
      const listed = (await answer.json()) as {
        items: { id: number; targetCode: string; dataSetCode: string; deliveredAt: string }[];
        counts: { pending: number; delivered: number; rejected: number };
      };
      expect(listed.counts.rejected).toBe(0);
      expect(listed.counts.delivered).toBeGreaterThan(20);
      // Each tab's badge carries its count (the API's counts when the page read them).
      const badge = (status: string) =>
        page.getByTestId(`outgoing-tab-${status}`).locator('sup').getAttribute('title');
      const delivered = Number(await badge('delivered'));
      expect(delivered).toBeGreaterThan(20);
      expect(delivered).toBeLessThanOrEqual(listed.counts.delivered);
      expect(await badge('rejected')).toBe('0');

      // A row the page shows, against the API: receiver, data set, delivery time in CST.
      let checked = 0;
      for (const item of listed.items) {
        const row = page.locator(`[data-testid="outgoing-table"] tr[data-row-key="${item.id}"]`);
        if (!(await row.count())) continue;
        const text = await row.innerText();
        expect(item.targetCode).toBe(DEMO_EXCHANGE.cityHub.code);
        expect(text).toContain(item.targetCode);
        expect(text).toContain(item.dataSetCode);
        expect(text).toContain(cst(item.deliveredAt));
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'exchange-outgoing.png'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 60_000);
});
