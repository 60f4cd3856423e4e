import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD as PASSWORD,
  type Demo,
  type DemoPorts,
  freeDemoPorts,
  launchChromium,
  logIn,
  startDemo,
} from '../support/demo-browser.ts';

const SCREENSHOTS = process.env.ZHAOCAI_SCREENSHOTS ?? join('test-output', 'screenshots');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A bidder's way through a published tender in the browser: open the tender, obtain the
 * documents, upload a bid file of a few MB in chunks with progress, and get the receipt, whose
 * hash must be the file's SHA-256. The tender is published through the HTTP API by the demo
 * tenderer, with a lawful schedule starting just after the sandbox clock's now.
 */
describe('a bidder submits a bid in the browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhaocai-bidder-'));
  const fileDir = mkdtempSync(join(tmpdir(), 'zhaocai-bidfile-'));
  let ports: DemoPorts;
  let demo: Demo | undefined;
  let browser: Browser;
  let base: string;
  let tenderId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ports = await freeDemoPorts();
    demo = await startDemo(dataDir, ports);
    base = `http://127.0.0.1:${ports.web}`;
    tenderId = await publishTender(base);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(fileDir, { recursive: true, force: true });
  });

  it('opens the tender, obtains the documents, uploads a bid and gets its receipt', async () => {
    const content = randomBytes(3 * 1024 * 1024 + 12_345);
    const filePath = join(fileDir, '投标文件.pdf');
    writeFileSync(filePath, content);
    const sha256 = createHash('sha256').update(content).digest('hex');

    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'America/New_York' });
    try {
      await page.goto(`${base}/`);
      await logIn(page, 'trading', 'bidder1');
      await page.getByTestId('nav').waitFor();
      await page.getByTestId('nav-tenders').click();
      await page.getByTestId(`tender-link-${tenderId}`).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'tenders.png'), fullPage: true });
      await page.getByTestId(`tender-link-${tenderId}`).click();
      await page.getByTestId('tender-countdown').waitFor();
      expect(await page.getByTestId('tender-deadline').innerText()).toContain('北京时间');

      await page.getByTestId('docs-obtain').click();
      await page.getByTestId('docs-obtained').waitFor();
      await page.getByTestId('document-table').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'tender-detail.png'), fullPage: true });

      await page.getByTestId('bid-file-input').setInputFiles(filePath);
      await page.getByTestId('bid-payer-account').fill('6222 0000 1111 2222');
      await page.getByTestId('bid-submit').click();
      await page.getByTestId('bid-progress').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'bid-progress.png'), fullPage: true });
      await page.getByTestId('bid-receipt').waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(SCREENSHOTS, 'bid-receipt.png'), fullPage: true });

      expect((await page.getByTestId('receipt-hash').innerText()).trim()).toBe(sha256);
      expect(await page.getByTestId('receipt-size').innerText()).toContain(
        content.length.toLocaleString('en-US'),
      );
      expect(await page.getByTestId('receipt-time').innerText()).toContain('北京时间');
      // The upload is done: nothing is left to resume.
      expect(
        await page.evaluate(() =>
          Object.keys((globalThis as unknown as { localStorage: object }).localStorage).some((k) =>
            k.startsWith('zhaocai.bidUpload.'),
          ),
        ),
      ).toBe(false);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('resumes a broken upload after a reload, sending only the missing chunks', async () => {
    const content = randomBytes(4 * 1024 * 1024 + 7);
    const filePath = join(fileDir, 'bid-resume.zip');
    writeFileSync(filePath, content);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const page = await browser.newPage({ locale: 'zh-CN' });
    try {
      await page.goto(`${base}/`);
      await logIn(page, 'trading', 'bidder2');
      await page.getByTestId('nav').waitFor();
      await page.goto(`${base}/tenders/${tenderId}`);
      await page.getByTestId('docs-obtain').click();
      await page.getByTestId('docs-obtained').waitFor();

      // The connection breaks after two chunks.
      const sent: number[] = [];
      await page.route('**/chunks/*', async (route) => {
        const index = Number(route.request().url().split('/').pop());
        if (index >= 2) return route.abort('connectionreset');
        sent.push(index);
        return route.continue();
      });
      await page.getByTestId('bid-file-input').setInputFiles(filePath);
      await page.getByTestId('bid-payer-account').fill('6222 0000 3333 4444');
      await page.getByTestId('bid-submit').click();
      await page.getByTestId('bid-error').waitFor();
      expect(sent).toEqual([0, 1]);
      await page.unroute('**/chunks/*');

      // After a reload the same file resumes: only chunks 2–4 go over the wire.
      await page.reload();
      await page.getByTestId('bid-resume-hint').waitFor();
      const resent: number[] = [];
      page.on('request', (request) => {
        if (request.method() === 'PUT' && request.url().includes('/chunks/')) {
          resent.push(Number(request.url().split('/').pop()));
        }
      });
      await page.getByTestId('bid-file-input').setInputFiles(filePath);
      await page.getByTestId('bid-payer-account').fill('6222 0000 3333 4444');
      await page.getByTestId('bid-submit').click();
      await page.getByTestId('bid-receipt').waitFor({ timeout: 60_000 });
      expect(resent).toEqual([2, 3, 4]);
      expect((await page.getByTestId('receipt-hash').innerText()).trim()).toBe(sha256);

      // Withdrawn before the deadline. The panel refreshes after the receipt, which can close a
      // confirmation opened in that instant: open it again until the withdrawal shows.
      await expect
        .poll(
          async () => {
            if (await page.getByTestId('status-withdrawn').isVisible()) return true;
            await page.getByTestId('bid-withdraw').click();
            await page
              .locator('.ant-popconfirm .ant-btn-primary')
              .click({ timeout: 5_000 })
              .catch(() => undefined);
            await page
              .getByTestId('status-withdrawn')
              .waitFor({ timeout: 5_000 })
              .catch(() => undefined);
            return page.getByTestId('status-withdrawn').isVisible();
          },
          { timeout: 60_000, interval: 500 },
        )
        .toBe(true);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('says submissions are closed once the bid deadline has passed (E2)', async () => {
    // The lawful schedule puts the deadline weeks ahead, so the page is shown a clock past it; the
    // server refuses late bids on its own (tested with the bids API).
    const tender = await api<{ announcement: { bidDeadline: string } }>(base, `/tenders/${tenderId}`);
    const late = new Date(Date.parse(tender.announcement.bidDeadline) + HOUR).toISOString();
    const page = await browser.newPage({ locale: 'zh-CN' });
    try {
      await page.route('**/trading/api/system/info', async (route) => {
        const response = await route.fetch();
        const info = (await response.json()) as { clock: { now: string } };
        await route.fulfill({ response, json: { ...info, clock: { ...info.clock, now: late } } });
      });
      await page.goto(`${base}/`);
      await logIn(page, 'trading', 'bidder3');
      await page.getByTestId('nav').waitFor();
      await page.goto(`${base}/tenders/${tenderId}`);
      await page.getByTestId('bid-closed').waitFor();
      expect(await page.getByTestId('bid-closed').innerText()).toContain('E2');
      expect(await page.getByTestId('tender-countdown').innerText()).toContain('投标已截止');
      expect(await page.getByTestId('bid-submit').count()).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'bid-closed.png'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 120_000);
});

interface Json {
  readonly [key: string]: unknown;
}

async function api<T = Json>(
  base: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown; raw?: Buffer; query?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: Uint8Array | string | undefined;
  if (init.raw) {
    headers['content-type'] = 'application/octet-stream';
    body = new Uint8Array(init.raw);
  } else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const response = await fetch(`${base}/trading/api${path}${init.query ?? ''}`, {
    method: init.method ?? 'GET',
    headers,
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** As the demo tenderer: a project with one section, a document, and a lawful schedule from now. */
async function publishTender(
  base: string,
  options: { mustTender?: boolean; issueDays?: number; deadlineDays?: number; name?: string } = {},
): Promise<string> {
  const { mustTender = true, issueDays = 6, deadlineDays = 22, name = '浏览器测试道路改造工程' } = options;
  const { token } = await api<{ token: string }>(base, '/auth/login', {
    method: 'POST',
    body: { username: 'tenderer', password: PASSWORD },
  });
  const project = await api<{ id: string }>(base, '/projects', {
    method: 'POST',
    token,
    body: {
      name,
      procedure: 'open',
      qualification: 'post',
      mustTender,
      stateFunded: true,
      region: '福建省福州市',
      industry: '市政工程',
      sections: [
        {
          name: '第一标段',
          estimatedPrice: 1_000_000,
          controlPrice: 950_000,
          referencePrices: [],
          bidBond: 20_000,
          bidValidityDays: 90,
          evaluationMethod: 'lowest_price',
          criteria: [],
        },
      ],
    },
  });
  await api(base, `/projects/${project.id}/documents`, {
    method: 'POST',
    token,
    raw: Buffer.from('招标文件正文 (tender documents)'),
    query: `?kind=tender&filename=${encodeURIComponent('招标文件.pdf')}`,
  });
  const info = await api<{ clock: { now: string } }>(base, '/system/info');
  // A virtual hour is 2.5 real seconds at ×1440: the issue opens moments after publication.
  const start = Date.parse(info.clock.now) + HOUR;
  const iso = (ms: number) => new Date(ms).toISOString();
  await api(base, `/projects/${project.id}/announcement`, {
    method: 'PUT',
    token,
    body: {
      title: `${name}招标公告`,
      body: '欢迎符合条件的投标人参加投标。',
      documentIssueStart: iso(start),
      documentIssueEnd: iso(start + issueDays * DAY),
      bidDeadline: iso(start + deadlineDays * DAY),
      openingAt: iso(start + deadlineDays * DAY),
      objectionContact: '0591-12345678',
    },
  });
  await api(base, `/projects/${project.id}/publish`, { method: 'POST', token });
  // Wait until the issue period has begun by the sandbox clock.
  for (;;) {
    const now = await api<{ clock: { now: string } }>(base, '/system/info');
    if (Date.parse(now.clock.now) > start) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return project.id;
}
