import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  type Demo,
  freeDemoPorts,
  launchChromium,
  logIn,
  startDemo,
} from '../support/demo-browser.ts';

const SCREENSHOTS = process.env.ZHAOCAI_SCREENSHOTS ?? join('test-output', 'screenshots');
const DAY = 86_400_000;
const DRAFT_NAME = '福州市鼓楼区背街小巷提升改造工程';

/**
 * The tenderer makes the tender's opening key in the browser at publication (issue 4 item 3): the
 * page generates the tenderer's holder key pair and downloads its private key, splits the opening
 * key 2-of-2 between the transaction platform and the tenderer, records it, and publishes. The
 * project is the demo's draft, given a lawful announcement through the API first.
 */
describe('a tenderer generates the opening key in the browser and publishes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhaocai-opening-key-'));
  const downloadDir = mkdtempSync(join(tmpdir(), 'zhaocai-opening-key-download-'));
  let demo: Demo | undefined;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const ports = await freeDemoPorts();
    demo = await startDemo(dataDir, ports);
    base = `http://127.0.0.1:${ports.web}`;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(downloadDir, { recursive: true, force: true });
  });

  it('offers the sealing terms in the wizard, and an opening-key step before review', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    try {
      await page.goto(`${base}/`);
      await logIn(page, 'trading', 'tenderer');
      await page.getByTestId('nav').waitFor();
      await page.goto(`${base}/projects/new`);
      await page.getByTestId('wizard-suite').waitFor();
      expect(await page.getByTestId('wizard-suite').innerText()).toContain('国密');
      expect(await page.getByTestId('wizard-remedy').getAttribute('aria-checked')).toBe('true');
      expect(await page.getByTestId('wizard-decryption-window').inputValue()).toBe('60');
      expect(await page.getByTestId('wizard-steps').innerText()).toContain('开标密钥');
    } finally {
      await page.close();
    }
  }, 60_000);

  it('downloads the tenderer key, records a 2-of-2 opening key with the platform, and publishes', async () => {
    const token = await logInByApi(base, 'tenderer');
    const projectId = await draftWithAnnouncement(base, token);
    const page = await browser.newPage({ locale: 'zh-CN', acceptDownloads: true });
    try {
      await page.goto(`${base}/`);
      await logIn(page, 'trading', 'tenderer');
      await page.getByTestId('nav').waitFor();
      await page.goto(`${base}/projects/${projectId}`);
      await page.getByTestId('project-publish').click();
      await page.getByTestId('opening-key-platform').waitFor();

      // Without the tenderer's key nothing is recorded.
      await page.getByTestId('opening-key-generate').click();
      expect(await page.getByTestId('opening-key-problem').innerText()).toContain('招标人密钥');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('opening-key-tenderer-generate').click(),
      ]);
      const saved = join(downloadDir, download.suggestedFilename());
      await download.saveAs(saved);
      expect(download.suggestedFilename()).toMatch(/\.key\.pem$/);
      expect(readFileSync(saved, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');

      const recorded: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'PUT' && request.url().endsWith('/opening-key')) {
          recorded.push(request.postData() ?? '');
        }
      });
      await page.getByTestId('opening-key-tenderer-saved').click();
      await page.getByTestId('opening-key-generate').click();
      await page.getByTestId('opening-key-recorded').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('opening-key-holders').innerText()).toContain('交易平台');
      await page.screenshot({ path: join(SCREENSHOTS, 'opening-key-recorded.png'), fullPage: true });

      // Only the public key and the encrypted shares left the page.
      expect(recorded).toHaveLength(1);
      expect(recorded[0]).not.toContain('PRIVATE KEY');

      await page.getByTestId('project-publish-confirm').click();
      await expect.poll(() => page.getByTestId('project-publish').count(), { timeout: 30_000 }).toBe(0);
    } finally {
      await page.close();
    }

    const keys = await api<{ keyholderEncryption: { gm: { keyId: string } } }>(base, '/platform/keys');
    const tender = await api<{
      openingKey: { threshold: number; holders: { holderName: string; holderKeyId: string }[] } | null;
    }>(base, `/tenders/${projectId}`, token);
    expect(tender.openingKey?.threshold).toBe(2);
    expect(tender.openingKey?.holders).toHaveLength(2);
    expect(tender.openingKey?.holders.map((h) => h.holderKeyId)).toContain(keys.keyholderEncryption.gm.keyId);
  }, 180_000);
});

async function api<T>(base: string, path: string, token?: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${base}/trading/api${path}`, {
    ...init,
    headers: {
      accept: 'application/json',
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

async function logInByApi(base: string, username: string): Promise<string> {
  const { token } = await api<{ token: string }>(base, '/auth/login', undefined, {
    method: 'POST',
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return token;
}

/** The demo's draft project, given a lawful schedule by the platform's clock. */
async function draftWithAnnouncement(base: string, token: string): Promise<string> {
  const { items } = await api<{ items: { id: string; name: string; status: string }[] }>(
    base,
    '/projects?pageSize=100',
    token,
  );
  const draft = items.find((p) => p.name === DRAFT_NAME && p.status === 'draft');
  if (!draft) throw new Error(`the demo has no draft project named ${DRAFT_NAME}`);
  const info = await api<{ clock: { now: string } }>(base, '/system/info');
  const start = Date.parse(info.clock.now) + 2 * DAY;
  const at = (days: number) => new Date(start + days * DAY).toISOString();
  await api(base, `/projects/${draft.id}/announcement`, token, {
    method: 'PUT',
    body: JSON.stringify({
      title: `${DRAFT_NAME}招标公告`,
      body: '本招标项目已具备招标条件，现对该项目进行公开招标。',
      documentIssueStart: at(0),
      documentIssueEnd: at(6),
      bidDeadline: at(25),
      openingAt: at(25),
      prequalificationDeadline: null,
      objectionContact: '陈明 0591-87654321',
      invitedOrganisationIds: [],
    }),
  });
  return draft.id;
}
