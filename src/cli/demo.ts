import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { systemActor } from '../domain/actor.ts';
import { AcceleratedClock } from '../domain/clock.ts';
import { PLATFORMS, type Platform } from '../domain/roles.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { onShutdownSignal, type RunningService, startService } from '../server/run-service.ts';
import { startWebHost } from '../server/web-host.ts';
import { BidUploadFiles } from '../trading/bids/chunk-files.ts';
import { bidSealingFor } from '../trading/sealing/bid-sealing.ts';
import { type RunningDemoDirector, startDemoDirector } from './demo-director.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoPlatform } from './demo-seed.ts';
import { prepareDemoSealingKeys } from './demo-sealing-keys.ts';
import { seedDemoTenders } from './demo-tenders.ts';
import { type OpeningScheduler, startOpeningScheduler } from '../trading/opening-hall/opening-scheduler.ts';
import { loadVirtualStart, saveVirtualNow } from './sandbox-clock-file.ts';
import { loadServiceSpec } from './service-specs.ts';
import {
  approveDemoRegistrations,
  DEMO_PROVINCE_HUB_PORT,
  demoProvinceHubConfig,
  withDemoExchange,
} from './demo-exchange.ts';
import { padDisplay } from './text-width.ts';
import { buildWebApp, WEB_DIST, webBuildIsStale } from './web-build.ts';

const PLATFORM_NAMES: Record<Platform, string> = {
  trading: '交易平台 Transaction platform',
  hub: '市级公共服务平台 City hub',
  supervision: '行政监督平台 Supervision platform',
};
const PROVINCE_HUB_NAME = '省级公共服务平台 Province hub';

/**
 * `npm start`: the three services and the web app on embedded SQLite under the data directory,
 * on a sandbox clock, with demo accounts. Ctrl-C stops everything cleanly; the next start
 * reuses the data and resumes the sandbox time.
 */
export async function runDemo(options: { dataDir: string; factor: string; web: boolean }): Promise<void> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const realNow = new Date();
  const config = withDemoExchange(
    loadConfig({
      overrides: {
        dataDir,
        clock: { mode: 'sandbox', factor: options.factor },
        log: { level: process.env.ZHAOCAI_LOG_LEVEL ?? 'warn', pretty: true },
      },
    }),
  );
  const clock = new AcceleratedClock(config.clock.factor, realNow, loadVirtualStart(dataDir, realNow));
  const logger = createLogger(config);

  if (options.web && webBuildIsStale()) await buildWebApp((line) => console.log(line));

  const services: RunningService[] = [];
  // The platform keeps announced times on its own, but only once the demo tenders are in place:
  // seeding plays their past on a clock of its own, and must not be overtaken half-way.
  const unscheduled = { ...config, schedule: { intervalMs: 0 } };
  let scheduler: OpeningScheduler | null = null;
  let director: RunningDemoDirector | null = null;
  let startDirector: (() => RunningDemoDirector) | null = null;
  let stopApprovals = () => {};
  const stopAll = async () => {
    clearInterval(saveTimer);
    stopApprovals();
    await director?.stop();
    await scheduler?.stop();
    saveVirtualNow(dataDir, clock.now());
    if (web) await web.app.close();
    await Promise.all(services.map((s) => s.stop()));
  };
  const saveTimer = setInterval(() => saveVirtualNow(dataDir, clock.now()), 5_000);
  let web: Awaited<ReturnType<typeof startWebHost>> | null = null;
  onShutdownSignal(logger, stopAll);

  try {
    for (const platform of PLATFORMS) {
      const running = await startService(await loadServiceSpec(platform), {
        config: unscheduled,
        clock,
        logger,
      });
      services.push(running);
      await seedDemoPlatform({ db: running.deps.store.db, clock, actor: systemActor('demo'), platform });
      if (platform === 'trading') {
        const { db } = running.deps.store;
        const keys = await prepareDemoSealingKeys(dataDir, clock.now());
        await seedDemoTenders(db, running.deps.blobs, BidUploadFiles.forConfig(config), clock, {
          bidSealing: bidSealingFor(config),
          keys,
          ledger: running.deps.ledger,
        });
        const { blobs } = running.deps;
        startDirector = () => startDemoDirector({ db, blobs, clock, keys, log: (line) => console.log(line) });
        if (config.schedule.intervalMs > 0)
          scheduler = startOpeningScheduler(running.deps, logger, config.schedule.intervalMs);
      }
    }
    // The province hub above the city hub: the city hub syncs everything it receives to it.
    const provinceConfig = demoProvinceHubConfig(unscheduled);
    mkdirSync(provinceConfig.dataDir, { recursive: true });
    const province = await startService(await loadServiceSpec('hub'), {
      config: provinceConfig,
      clock,
      logger,
    });
    services.push(province);
    await seedDemoPlatform({
      db: province.deps.store.db,
      clock,
      actor: systemActor('demo'),
      platform: 'hub',
    });
    stopApprovals = approveDemoRegistrations(
      services.filter((s) => s.deps.platform !== 'trading'),
      clock,
    );
    if (options.web) {
      const upstream = (p: Platform) => `http://127.0.0.1:${config.services[p].port}`;
      web = await startWebHost({
        root: WEB_DIST,
        host: config.web.host,
        port: config.web.port,
        upstreams: {
          trading: upstream('trading'),
          hub: upstream('hub'),
          supervision: upstream('supervision'),
        },
        logger,
      });
    }
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }

  printBanner({ config, clock, webUrl: web?.url ?? null, services, dataDir });
  // After the banner: from now on the demo users' steps in the live tender print as they happen.
  director = startDirector?.() ?? null;
}

function printBanner(input: {
  config: ReturnType<typeof loadConfig>;
  clock: AcceleratedClock;
  webUrl: string | null;
  services: RunningService[];
  dataDir: string;
}): void {
  const cst = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
  const lines = [
    '',
    '招采 Zhaocai 演示环境已启动 — the demo is running',
    input.webUrl
      ? `  ${padDisplay('网页 Web app', 36)}${input.webUrl.replace('127.0.0.1', 'localhost')}`
      : null,
    ...input.services.map((s) => {
      const name = s.url.endsWith(`:${DEMO_PROVINCE_HUB_PORT}`)
        ? PROVINCE_HUB_NAME
        : PLATFORM_NAMES[s.deps.platform];
      return `  ${padDisplay(name, 36)}${s.url}   (API ${s.url}/docs)`;
    }),
    `  ${padDisplay('数据目录 Data', 36)}${input.dataDir}`,
    `  ${padDisplay('沙箱时钟 Sandbox clock', 36)}×${input.clock.factor} (${(input.clock.factor / 1440).toFixed(2)} day per minute), now ${cst(input.clock.now())} 北京时间`,
    '',
    `  演示账号 Demo log-ins (password / 密码: ${DEMO_PASSWORD})`,
    ...DEMO_USERS.map(
      (u) =>
        `    ${u.platform.padEnd(12)} ${u.username.padEnd(14)} ${u.roles.join(',').padEnd(18)} ${u.organisation?.name ?? ''}`,
    ),
    '',
    '  Ctrl-C 停止 stops everything cleanly; the next start reuses the data.',
    '',
  ].filter((line) => line !== null);
  console.log(lines.join('\n'));
}
