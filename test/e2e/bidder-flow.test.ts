import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { readBidPackage } from '../../src/crypto/portable/bid-package.ts';
import { openEnvelope } from '../../src/crypto/portable/envelope/open-envelope.ts';
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

/**
 * A bidder's way through a published tender in the browser, with sealed bids (issue 4): choose the
 * signing key and certificates the demo issued, seal a bid file of a few MB in the page, upload the
 * envelope in chunks with progress, and get the platform-signed receipt; after the deadline, choose
 * the encryption key and decrypt. The tenders are the demo's: one open for bids (bidder1 and bidder2
 * have obtained its documents), and one past its deadline with bids sealed and the decryption window
 * open.
 */
describe('a bidder seals, submits and decrypts a bid in the browser', () => {
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
    tenderId = await openDemoTender(base);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(fileDir, { recursive: true, force: true });
  });

  /** The demo's key files for a bidder user, as the bidder would choose them. */
  const keyFile = (username: string, name: string) => join(dataDir, 'demo-keys', username, name);

  async function chooseSealingKeys(page: Page, username: string): Promise<void> {
    await page.getByTestId('key-signingKey-input').setInputFiles(keyFile(username, 'signing.key.pem'));
    await page
      .getByTestId('key-signingCertificate-input')
      .setInputFiles(keyFile(username, 'signing.cert.pem'));
    await page
      .getByTestId('key-encryptionCertificate-input')
      .setInputFiles(keyFile(username, 'encryption.cert.pem'));
    await page.getByTestId('key-encryptionCertificate-name').waitFor();
  }

  /** The indexes of the chunks the page uploads. */
  function recordChunks(page: Page): number[] {
    const chunks: number[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().includes('/chunks/')) {
        chunks.push(Number(request.url().split('/').pop()));
      }
    });
    return chunks;
  }

  it('seals the bid file in the page, uploads only the envelope and gets the signed receipt', async () => {
    const content = randomBytes(3 * 1024 * 1024 + 12_345);
    const filePath = join(fileDir, '投标文件.pdf');
    writeFileSync(filePath, content);
    const plaintextSha256 = createHash('sha256').update(content).digest('hex');

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
      await page.getByTestId('docs-obtained').waitFor();
      await page.getByTestId('document-table').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'tender-detail.png'), fullPage: true });

      await chooseSealingKeys(page, 'bidder1');
      await page.getByTestId('bid-file-input').setInputFiles(filePath);
      await page.getByTestId('bid-payer-account').fill('6222 0000 1111 2222');
      await page.getByTestId('bid-price').fill('1,000,000');
      await page.getByTestId('bid-submit').click();
      await page.getByTestId('bid-progress').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'bid-progress.png'), fullPage: true });
      await page.getByTestId('bid-receipt').waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(SCREENSHOTS, 'bid-receipt.png'), fullPage: true });

      // What the platform stored is the envelope the receipt names, which the bidder's key opens,
      // and no stretch of the plaintext is anywhere in its data: files, databases, logs.
      const receiptHash = (await page.getByTestId('receipt-hash').innerText()).trim();
      expect(receiptHash).not.toBe(plaintextSha256);
      const stored = filesUnder(dataDir).map((path) => readFileSync(path));
      const envelope = stored.find(
        (bytes) => createHash('sha256').update(bytes).digest('hex') === receiptHash,
      );
      expect(envelope?.subarray(0, 4).toString()).toBe('ZCBE');
      const opened = await collectBytes(
        openEnvelope(nodeSuite('gm'), chunksOf(envelope!), {
          recipientPrivateKeyPem: readFileSync(keyFile('bidder1', 'encryption.key.pem'), 'utf8'),
          role: 'bidder',
        }),
      );
      // What was sealed is the bid package: the bid form typed in the page, and the file as chosen.
      const bidPackage = readBidPackage(opened);
      expect(bidPackage.form.priceFen).toBe(100_000_000);
      expect(Buffer.from(bidPackage.files[basename(filePath)]!).equals(content)).toBe(true);
      for (const offset of [0, 1024 * 1024 + 17, content.length - 64]) {
        const sample = content.subarray(offset, offset + 64);
        expect(stored.some((bytes) => bytes.includes(sample))).toBe(false);
      }
      expect(await page.getByTestId('receipt-size').innerText()).toContain(
        envelope!.length.toLocaleString('en-US'),
      );
      expect((await page.getByTestId('receipt-header-digest').innerText()).trim()).toMatch(/^[0-9a-f]{64}$/);
      expect((await page.getByTestId('receipt-ciphertext-digest').innerText()).trim()).toMatch(
        /^[0-9a-f]{64}$/,
      );
      expect(await page.getByTestId('receipt-signed').innerText()).toContain('平台已签名');
      expect(await page.getByTestId('receipt-time').innerText()).toContain('北京时间');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('receipt-download').click(),
      ]);
      const saved = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
        sha256: string;
        signature: { algorithm: string };
      };
      expect(saved.signature.algorithm).toBe('sm2-sm3');

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

  it('resumes a broken upload of the sealed envelope after a reload, sending only the missing chunks', async () => {
    const content = randomBytes(4 * 1024 * 1024 + 7);
    const filePath = join(fileDir, 'bid-resume.zip');
    writeFileSync(filePath, content);
    const page = await browser.newPage({ locale: 'zh-CN' });
    try {
      await page.goto(`${base}/`);
      await logIn(page, 'trading', 'bidder2');
      await page.getByTestId('nav').waitFor();
      await page.goto(`${base}/tenders/${tenderId}`);
      await page.getByTestId('docs-obtained').waitFor();

      // The connection breaks after two chunks.
      const sent: number[] = [];
      await page.route('**/chunks/*', async (route) => {
        const index = Number(route.request().url().split('/').pop());
        if (index >= 2) return route.abort('connectionreset');
        sent.push(index);
        return route.continue();
      });
      await chooseSealingKeys(page, 'bidder2');
      await page.getByTestId('bid-file-input').setInputFiles(filePath);
      await page.getByTestId('bid-payer-account').fill('6222 0000 3333 4444');
      await page.getByTestId('bid-price').fill('1,000,000');
      await page.getByTestId('bid-submit').click();
      await page.getByTestId('bid-error').waitFor({ timeout: 60_000 });
      expect(sent).toEqual([0, 1]);
      await page.unroute('**/chunks/*');

      // After a reload the same file resumes with the envelope sealed before (kept in the
      // browser's private files): only chunks 2–4 go over the wire, and no key is needed again.
      await page.reload();
      await page.getByTestId('bid-resume-hint').waitFor();
      const resent = recordChunks(page);
      await page.getByTestId('bid-file-input').setInputFiles(filePath);
      await page.getByTestId('bid-payer-account').fill('6222 0000 3333 4444');
      await page.getByTestId('bid-price').fill('1,000,000');
      await page.getByTestId('bid-submit').click();
      await page.getByTestId('bid-receipt').waitFor({ timeout: 60_000 });
      expect(resent).toEqual([2, 3, 4]);
      expect(await page.getByTestId('receipt-signed').innerText()).toContain('平台已签名');

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
  }, 180_000);

  it('says submissions are closed once the bid deadline has passed (E2)', async () => {
    // The page is shown a clock past the deadline; the server refuses late bids on its own
    // (tested with the bids API).
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

  it('decrypts its sealed bid in the browser after the deadline, sending only the content key', async () => {
    const { username, projectId, bidId } = await pendingDemoDecryption(base);
    const page = await browser.newPage({ locale: 'zh-CN' });
    try {
      const posted: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/decryption')) {
          posted.push(request.postData() ?? '');
        }
      });
      await page.goto(`${base}/`);
      await logIn(page, 'trading', username);
      await page.getByTestId('nav').waitFor();
      await page.goto(`${base}/tenders/${projectId}`);
      await page.getByTestId('decryption-panel').waitFor();
      expect(await page.getByTestId(`decryption-status-${bidId}`).innerText()).toContain('待解密');
      await page
        .getByTestId('key-encryptionKey-input')
        .setInputFiles(keyFile(username, 'encryption.key.pem'));
      await page.getByTestId('key-encryptionKey-name').waitFor();
      await page.getByTestId('decryption-submit').click();
      await expect
        .poll(() => page.getByTestId(`decryption-status-${bidId}`).innerText(), { timeout: 30_000 })
        .toContain('已解密');
      await page.screenshot({ path: join(SCREENSHOTS, 'bid-decrypted.png'), fullPage: true });

      // Only the content key left the page, never the private key.
      expect(posted).toHaveLength(1);
      expect(Object.keys(JSON.parse(posted[0]!) as object)).toEqual(['contentKey']);
      expect(posted[0]).not.toContain('PRIVATE KEY');
    } finally {
      await page.close();
    }
  }, 120_000);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function* chunksOf(bytes: Buffer): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(bytes);
}

async function collectBytes(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

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

async function bidderToken(base: string, username: string): Promise<string> {
  const { token } = await api<{ token: string }>(base, '/auth/login', {
    method: 'POST',
    body: { username, password: PASSWORD },
  });
  return token;
}

interface TenderRow {
  readonly id: string;
  readonly qualification: string;
  readonly announcement: { readonly bidDeadline: string };
}

/** The demo tender open for bids that bidder1 and bidder2 have obtained the documents of. */
async function openDemoTender(base: string): Promise<string> {
  const token = await bidderToken(base, 'bidder1');
  const { clock } = await api<{ clock: { now: string } }>(base, '/system/info');
  const { items } = await api<{ items: TenderRow[] }>(base, '/tenders', { token, query: '?pageSize=100' });
  for (const tender of items) {
    if (
      tender.qualification !== 'post' ||
      Date.parse(tender.announcement.bidDeadline) <= Date.parse(clock.now)
    ) {
      continue;
    }
    const obtained = await api<{ obtained: boolean }>(base, `/projects/${tender.id}/documents/obtainment`, {
      token,
    });
    if (obtained.obtained) return tender.id;
  }
  throw new Error('the demo has no tender open for bids whose documents bidder1 obtained');
}

/** A demo bidder with a sealed bid in a tender past its deadline, while its decryption window is open. */
async function pendingDemoDecryption(
  base: string,
): Promise<{ username: string; projectId: string; bidId: string }> {
  for (const username of ['bidder1', 'bidder2', 'bidder3']) {
    const token = await bidderToken(base, username);
    const { clock } = await api<{ clock: { now: string } }>(base, '/system/info');
    const { items } = await api<{ items: TenderRow[] }>(base, '/tenders', { token, query: '?pageSize=100' });
    for (const tender of items) {
      if (Date.parse(tender.announcement.bidDeadline) > Date.parse(clock.now)) continue;
      const decryption = await api<{
        window: { openedAt: string; closesAt: string };
        bids: { bidId: string; status: string }[];
      }>(base, `/projects/${tender.id}/decryption`, { token }).catch(() => null);
      const pending = decryption?.bids.find((bid) => bid.status === 'pending');
      const closesAt = decryption ? Date.parse(decryption.window.closesAt) : 0;
      if (pending && closesAt > Date.parse(clock.now)) {
        return { username, projectId: tender.id, bidId: pending.bidId };
      }
    }
  }
  throw new Error('the demo has no bid waiting for its bidder to decrypt it');
}
