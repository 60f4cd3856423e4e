import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
import { exited, serveInChild } from '../support/processes.ts';
import { DEMO_EXPERTS } from '../../src/cli/demo-experts.ts';
import { DEMO_USERS } from '../../src/cli/demo-seed.ts';

const SCREENSHOTS = join('test-output', 'screenshots');

/**
 * `npm start` end to end: the demo brings up the three services and the web app; headless
 * Chromium logs in as demo users and sees each role's navigation. Screenshots stay in
 * test-output/screenshots. Then Ctrl-C stops it cleanly and a second start reuses the data.
 */
describe('the demo in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhaocai-demo-'));
  let ports: DemoPorts;
  let demo: Demo;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ports = await freeDemoPorts();
    demo = await startDemo(dataDir, ports);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings up the three services healthy and ready', async () => {
    for (const platform of ['trading', 'hub', 'supervision'] as const) {
      const base = `http://127.0.0.1:${ports[platform]}`;
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ status: 'ready' });
      const info: unknown = await (
        await fetch(`http://127.0.0.1:${ports.web}/${platform}/api/system/info`)
      ).json();
      expect(info).toMatchObject({ service: platform, clock: { mode: 'sandbox', factor: 1440 } });
    }
    expect(demo.banner).toContain('operator');
  });

  it.each([
    ['trading', 'tenderer', ['nav-home', 'nav-my-organisation'], ['nav-organisations', 'nav-audit']],
    [
      'trading',
      'operator',
      ['nav-home', 'nav-organisations', 'nav-users', 'nav-audit'],
      ['nav-my-organisation'],
    ],
    ['hub', 'hub-operator', ['nav-home', 'nav-organisations', 'nav-audit'], []],
    ['supervision', 'supervisor', ['nav-home', 'nav-audit'], []],
  ])('on %s, %s logs in and sees its navigation', async (platform, username, visible, hidden) => {
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'America/New_York' });
    try {
      await page.goto(`http://127.0.0.1:${ports.web}/`);
      await page.getByTestId('login-username').waitFor();
      if (username === 'tenderer')
        await page.screenshot({ path: join(SCREENSHOTS, 'login.png'), fullPage: true });
      await logIn(page, platform, username);
      const nav = page.getByTestId('nav');
      await nav.waitFor();
      for (const item of visible) await expect(nav.getByTestId(item).isVisible()).resolves.toBe(true);
      for (const item of hidden) expect(await nav.getByTestId(item).count()).toBe(0);
      const clock = await page.getByTestId('sandbox-clock').innerText();
      expect(clock).toMatch(/1440/);
      await page.screenshot({ path: join(SCREENSHOTS, `${platform}-${username}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('shows the server’s message for a wrong password, in Chinese', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    try {
      await page.goto(`http://127.0.0.1:${ports.web}/`);
      await logIn(page, 'trading', 'bidder1', 'wrong-password1');
      await expect(page.getByTestId('login-error').innerText()).resolves.toContain('用户名或密码错误');
    } finally {
      await page.close();
    }
  });

  it('`zhaocai serve web` serves the app on its own and forwards each platform’s API', async () => {
    const web = await serveInChild('web', [], {
      ZHAOCAI_TRADING_PORT: String(ports.trading),
      ZHAOCAI_HUB_PORT: String(ports.hub),
      ZHAOCAI_SUPERVISION_PORT: String(ports.supervision),
    });
    try {
      for (const platform of ['trading', 'hub', 'supervision']) {
        const info = (await (await fetch(`${web.url}/${platform}/api/system/info`)).json()) as {
          service: string;
        };
        expect(info.service).toBe(platform);
      }
      const page = await fetch(`${web.url}/organisations?page=2`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect((await fetch(`${web.url}/assets/missing-chunk.js`)).status).toBe(404);
      const refused = await fetch(`${web.url}/trading/api/organisations`, {
        headers: { 'accept-language': 'en' },
      });
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
        'Please sign in first',
      );
    } finally {
      web.child.kill('SIGTERM');
      expect(await exited(web.child)).toBe(0);
    }
  });

  it('stops cleanly on Ctrl-C and a second start reuses the data', async () => {
    demo.child.kill('SIGINT');
    expect(await exited(demo.child)).toBe(0);
    demo = await startDemo(dataDir, ports);
    const login = await fetch(`http://127.0.0.1:${ports.web}/trading/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const users = await fetch(`http://127.0.0.1:${ports.web}/trading/api/users?pageSize=50`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await users.json()) as { total: number };
    // The platform's demo users and the experts the demo adds to the pool (expert1 is one of both).
    expect(body.total).toBe(
      DEMO_USERS.filter((u) => u.platform === 'trading').length + DEMO_EXPERTS.length - 1,
    );
    demo.child.kill('SIGINT');
    expect(await exited(demo.child)).toBe(0);
  }, 120_000);
});
