import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  type Demo,
  type DemoPorts,
  freeDemoPorts,
  launchChromium,
  logIn,
  startDemo,
} from '../support/demo-browser.ts';
import { VERIFY_CHECKS } from '../../web/src/ledger/receipt-verification.ts';

const SCREENSHOTS = process.env.ZHAOCAI_SCREENSHOTS ?? join('test-output', 'screenshots');

interface Receipt {
  receipt: { bidId: string };
  ledger: { leafIndex: number; entry: string; treeHead: { seq: number; treeSize: number; rootHash: string } };
}

/**
 * 回执核验 in the browser (the tamper-evident ledger): a bidder seals and submits a bid in the demo's
 * open tender and gets the receipt with its ledger leaf; the receipt card opens the verify page
 * filled in, and every check passes against the trading platform's published keys and latest tree
 * head. Then, without signing in, the same receipt is pasted (passes), with one character of its
 * ledger entry or root changed (fails, naming the check), badly (refused with the reason, nothing
 * changed), and with the platform unreachable (checked against the carried keys: integrity only).
 */
describe('verifying a bid receipt in the browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhaocai-receipt-'));
  const fileDir = mkdtempSync(join(tmpdir(), 'zhaocai-receipt-file-'));
  let ports: DemoPorts;
  let demo: Demo | undefined;
  let browser: Browser;
  let base: string;
  let receiptJson: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ports = await freeDemoPorts();
    demo = await startDemo(dataDir, ports);
    base = `http://127.0.0.1:${ports.web}`;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(fileDir, { recursive: true, force: true });
  });

  const keyFile = (username: string, name: string) => join(dataDir, 'demo-keys', username, name);

  it('shows the ledger leaf on the receipt, whose link opens the verify page and passes every check', async () => {
    const tenderId = await openDemoTender(base);
    const filePath = join(fileDir, '投标文件.pdf');
    writeFileSync(filePath, '%PDF-1.4\n% 回执核验的投标文件\n');
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'America/New_York' });
    try {
      await page.goto(`${base}/`);
      await logIn(page, 'trading', 'bidder1');
      await page.getByTestId('nav-receipt-verify').waitFor();
      await page.goto(`${base}/tenders/${tenderId}`);
      await page.getByTestId('bid-form').waitFor();
      await page.getByTestId('key-signingKey-input').setInputFiles(keyFile('bidder1', 'signing.key.pem'));
      await page
        .getByTestId('key-signingCertificate-input')
        .setInputFiles(keyFile('bidder1', 'signing.cert.pem'));
      await page
        .getByTestId('key-encryptionCertificate-input')
        .setInputFiles(keyFile('bidder1', 'encryption.cert.pem'));
      await page.getByTestId('key-encryptionCertificate-name').waitFor();
      await page.getByTestId('bid-file-input').setInputFiles(filePath);
      await page.getByTestId('bid-payer-account').fill('6222 0000 1111 2222');
      await page.getByTestId('bid-price').fill('1,000,000');
      await page.getByTestId('bid-submit').click();
      await page.getByTestId('bid-receipt').waitFor({ timeout: 60_000 });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('receipt-download').click(),
      ]);
      receiptJson = readFileSync(await download.path(), 'utf8');
      const receipt = JSON.parse(receiptJson) as Receipt;
      const { leafIndex, treeHead } = receipt.ledger;
      expect((await page.getByTestId('receipt-ledger-leaf').innerText()).trim()).toBe(String(leafIndex));
      const headText = await page.getByTestId('receipt-tree-head').innerText();
      expect(headText).toContain(`第 ${treeHead.seq} 号（大小 ${treeHead.treeSize}）`);
      expect(headText).toContain('北京时间');

      await page.getByTestId('receipt-verify-link').click();
      await page.getByTestId('receipt-verify-prefilled').waitFor();
      await passes(page);
      expect(await page.getByTestId('receipt-check-receipt-signature').innerText()).toContain(
        '回执签名有效（平台 SM2 签名）',
      );
      expect(await page.getByTestId('receipt-check-leaf-entry').innerText()).toContain(
        `该投标的递交事件是账本第 ${leafIndex} 号叶子`,
      );
      expect(await page.getByTestId('receipt-check-leaf-in-tree').innerText()).toContain(
        `叶子包含在第 ${treeHead.seq} 号签名树头（大小 ${treeHead.treeSize}，根 ${treeHead.rootHash.slice(0, 8)}…`,
      );
      expect(await page.getByTestId('receipt-check-consistency').innerText()).toContain(
        '此后账本只追加、未被改写',
      );
      const facts = await page.getByTestId('receipt-verify-facts').innerText();
      expect(facts).toContain(receipt.receipt.bidId);
      expect(facts).toContain('北京时间');
      expect(facts).toContain('交易平台公布的公钥');
      await page.screenshot({ path: join(SCREENSHOTS, 'receipt-verify.png'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 180_000);

  it('verifies a pasted receipt without signing in, and fails one with a character changed, naming the check', async () => {
    expect(receiptJson).toBeDefined();
    const receipt = JSON.parse(receiptJson) as Receipt;
    const page = await browser.newPage({ locale: 'zh-CN' });
    try {
      await page.goto(`${base}/login`);
      await page.getByTestId('login-receipt-verify').click();
      await page.getByTestId('receipt-verify-input').waitFor();

      // A slow platform: the page shows where the check is, never a frozen page.
      await page.route('**/trading/api/ledger/tree-heads/latest', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await route.continue();
      });
      await paste(page, receiptJson);
      await page.getByTestId('receipt-verify-steps').waitFor();
      expect(await page.getByTestId('receipt-verify-steps').innerText()).toContain('核对最新树头');
      await passes(page);
      await page.unroute('**/trading/api/ledger/tree-heads/latest');

      // One character of the ledger entry: the leaf is no longer the one the tree holds.
      const entry = changeOneCharacter(
        receipt.ledger.entry,
        receipt.ledger.entry.indexOf('"occurredAt":"') + 16,
      );
      await paste(page, JSON.stringify({ ...receipt, ledger: { ...receipt.ledger, entry } }));
      await fails(page, 'leaf-in-tree', '叶子包含证明');
      await page.screenshot({ path: join(SCREENSHOTS, 'receipt-verify-tampered.png'), fullPage: true });

      // One character of the root: nor is the signed head the platform's.
      const rootHash = changeOneCharacter(receipt.ledger.treeHead.rootHash, 7);
      const treeHead = { ...receipt.ledger.treeHead, rootHash };
      await paste(page, JSON.stringify({ ...receipt, ledger: { ...receipt.ledger, treeHead } }));
      await fails(page, 'leaf-in-tree', '叶子包含证明');
      await state(page, 'tree-head-signature', 'failed');
      await state(page, 'consistency', 'failed');

      // A bad paste says what is wrong and changes nothing.
      await paste(page, receiptJson.slice(0, 200));
      expect(await page.getByTestId('receipt-verify-problem').innerText()).toContain('这不是 JSON');
      await page.locator('[data-testid="receipt-verify-verdict"][data-verdict="fail"]').waitFor();
      const { rootHash: _removed, ...headless } = receipt.ledger.treeHead;
      await paste(page, JSON.stringify({ ...receipt, ledger: { ...receipt.ledger, treeHead: headless } }));
      expect(await page.getByTestId('receipt-verify-problem').innerText()).toContain(
        '缺少字段 ledger.treeHead.rootHash',
      );
      await state(page, 'leaf-in-tree', 'failed');
    } finally {
      await page.close();
    }
  }, 120_000);

  it('checks against the keys the receipt carries, and says it proves integrity only, when the platform is unreachable', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    try {
      await page.route(/\/trading\/api\/(ledger|platform)/, (route) => route.abort('connectionrefused'));
      await page.goto(`${base}/public/receipt-verify`);
      const file = join(fileDir, 'receipt.json');
      writeFileSync(file, receiptJson);
      await page.getByTestId('receipt-verify-file').setInputFiles(file);
      await page
        .locator('[data-testid="receipt-verify-verdict"][data-verdict="incomplete"]')
        .waitFor({ timeout: 30_000 });
      await page.getByTestId('receipt-verify-integrity-only').waitFor();
      expect(await page.getByTestId('receipt-verify-facts').innerText()).toContain('回执自带的公钥');
      for (const check of ['receipt-digest', 'receipt-signature', 'leaf-in-tree', 'tree-head-signature']) {
        await state(page, check, 'ok');
      }
      for (const check of ['receipt-key', 'ledger-key', 'latest-head', 'consistency']) {
        await state(page, check, 'skipped');
      }
    } finally {
      await page.close();
    }
  }, 60_000);

  it('shows each read-out bid’s ledger leaf in the opening hall', async () => {
    const { projectId, bids } = await readOutDemoHall(base);
    const page = await browser.newPage({ locale: 'zh-CN' });
    try {
      await page.goto(`${base}/`);
      await logIn(page, 'trading', 'tenderer');
      await page.getByTestId('nav').waitFor();
      await page.goto(`${base}/opening-hall/${projectId}`);
      await page.getByTestId('hall-bids').waitFor();
      expect(await page.getByTestId('hall-bids').locator('thead').innerText()).toContain('账本叶子');
      for (const bid of bids) {
        expect((await page.getByTestId(`hall-leaf-${bid.bidId}`).innerText()).trim()).toBe(
          String(bid.ledgerLeafIndex),
        );
      }
    } finally {
      await page.close();
    }
  }, 60_000);
});

async function paste(page: Page, text: string): Promise<void> {
  await page.getByTestId('receipt-verify-input').fill(text);
  await page.getByTestId('receipt-verify-submit').click();
}

async function passes(page: Page): Promise<void> {
  await page
    .locator('[data-testid="receipt-verify-verdict"][data-verdict="pass"]')
    .waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('receipt-verify-verdict').innerText()).toContain('通过');
  for (const check of VERIFY_CHECKS) await state(page, check, 'ok');
  expect(await page.getByTestId('receipt-verify-checks').innerText()).not.toContain('✗');
}

async function fails(page: Page, check: string, named: string): Promise<void> {
  await page
    .locator('[data-testid="receipt-verify-verdict"][data-verdict="fail"]')
    .waitFor({ timeout: 30_000 });
  const verdict = await page.getByTestId('receipt-verify-verdict').innerText();
  expect(verdict).toContain('未通过');
  expect(verdict).toContain(named);
  await state(page, check, 'failed');
  expect(await page.getByTestId(`receipt-check-${check}`).innerText()).toContain('✗');
}

async function state(page: Page, check: string, expected: string): Promise<void> {
  expect(await page.getByTestId(`receipt-check-${check}`).getAttribute('data-state')).toBe(expected);
}

/** The text with the character at `at` (a digit, or a hex digit) replaced by another. */
function changeOneCharacter(text: string, at: number): string {
  expect(text[at]).toMatch(/[0-9a-f]/);
  return text.slice(0, at) + (text[at] === '0' ? '1' : '0') + text.slice(at + 1);
}

interface TenderRow {
  readonly id: string;
  readonly qualification: string;
  readonly announcement: { readonly bidDeadline: string };
}

async function api<T>(
  base: string,
  path: string,
  token?: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${base}/trading/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function token(base: string, username: string): Promise<string> {
  const body = { username, password: DEMO_PASSWORD };
  return (await api<{ token: string }>(base, '/auth/login', undefined, { method: 'POST', body })).token;
}

/** A demo tender the tenderer has read out, with its bids' ledger leaves. */
async function readOutDemoHall(
  base: string,
): Promise<{ projectId: string; bids: { bidId: string; ledgerLeafIndex: number }[] }> {
  const tenderer = await token(base, 'tenderer');
  const { items } = await api<{ items: { id: string }[] }>(base, '/projects?pageSize=100', tenderer);
  for (const project of items) {
    const hall = await api<{
      readOutAt: string | null;
      bids: { bidId: string; ledgerLeafIndex?: number | null }[];
    }>(base, `/projects/${project.id}/opening-hall`, tenderer).catch(() => null);
    if (!hall?.readOutAt || !hall.bids.length) continue;
    const bids = hall.bids.map((bid) => ({ bidId: bid.bidId, ledgerLeafIndex: bid.ledgerLeafIndex! }));
    expect(bids.every((bid) => Number.isInteger(bid.ledgerLeafIndex))).toBe(true);
    return { projectId: project.id, bids };
  }
  throw new Error('the demo has no read-out tender of the tenderer');
}

/** The demo tender open for bids whose documents bidder1 has obtained. */
async function openDemoTender(base: string): Promise<string> {
  const bidder = await token(base, 'bidder1');
  const { clock } = await api<{ clock: { now: string } }>(base, '/system/info');
  const { items } = await api<{ items: TenderRow[] }>(base, '/tenders?pageSize=100', bidder);
  for (const tender of items) {
    if (
      tender.qualification !== 'post' ||
      Date.parse(tender.announcement.bidDeadline) <= Date.parse(clock.now)
    ) {
      continue;
    }
    const { obtained } = await api<{ obtained: boolean }>(
      base,
      `/projects/${tender.id}/documents/obtainment`,
      bidder,
    );
    if (obtained) return tender.id;
  }
  throw new Error('the demo has no tender open for bids whose documents bidder1 obtained');
}
