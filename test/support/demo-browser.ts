import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ZHAOCAI_BIN } from './processes.ts';

export { DEMO_PASSWORD } from '../../src/cli/demo-seed.ts';
import { DEMO_PASSWORD } from '../../src/cli/demo-seed.ts';

const CHROMIUM = process.env.ZHAOCAI_CHROMIUM ?? '/usr/bin/chromium';

export type DemoPorts = Record<'web' | 'trading' | 'hub' | 'supervision' | 'provinceHub', number>;

export interface Demo {
  readonly child: ChildProcess;
  readonly banner: string;
}

/** Headless Debian Chromium, without the background traffic a closed network refuses. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is needed for the browser tests: ${CHROMIUM} is missing (apt-get install chromium)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Free loopback ports for the demo's web app and services. */
export async function freeDemoPorts(): Promise<DemoPorts> {
  return {
    web: await freePort(),
    trading: await freePort(),
    hub: await freePort(),
    supervision: await freePort(),
    provinceHub: await freePort(),
  };
}

/**
 * `zhaocai demo` in its own process on the given ports; resolves once its banner is printed.
 * `factor` is the sandbox clock's speed (the demo's default: a day a minute).
 */
export function startDemo(dataDir: string, ports: DemoPorts, factor?: number): Promise<Demo> {
  const factorArgs = factor === undefined ? [] : ['--factor', String(factor)];
  const child = spawn(process.execPath, [ZHAOCAI_BIN, 'demo', '--data-dir', dataDir, ...factorArgs], {
    env: {
      ...process.env,
      ZHAOCAI_WEB_PORT: String(ports.web),
      ZHAOCAI_TRADING_PORT: String(ports.trading),
      ZHAOCAI_HUB_PORT: String(ports.hub),
      ZHAOCAI_SUPERVISION_PORT: String(ports.supervision),
      ZHAOCAI_PROVINCE_HUB_PORT: String(ports.provinceHub),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 200_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, banner: output });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  });
}

/** Fills in and submits the login form; the caller waits for what it expects next. */
export async function logIn(
  page: Page,
  platform: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.getByTestId(`login-platform-${platform}`).click();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
