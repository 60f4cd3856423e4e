// Acceptance (issue 7): a transaction platform publishes a whole tender; the city hub validates,
// publishes and forwards it to a supervision platform and to the province hub, each its own process
// with its own database. The city hub is stopped in the middle of the tender and started again:
// no message is lost, none is applied twice, and the order per tender holds at every receiver.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exchangeDb } from '../../src/exchange/transport/exchange-tables.ts';
import { openStore } from '../../src/store/database.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { exited, runZhaocai, serveInChild, type ServedProcess } from '../support/processes.ts';
import { eventually, FAST_DELIVERY, NETWORK_CODES } from '../support/exchange-network.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { runWholeTender, WHOLE_TENDER_NAME } from '../trading/support/whole-tender.ts';

const PASSWORD = 'Operator-2026!';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Receiver {
  readonly name: string;
  readonly platform: 'hub' | 'supervision';
  readonly dir: string;
  readonly configFile: string;
  served: ServedProcess | null;
  token: string;
}

function receiver(name: string, platform: 'hub' | 'supervision', role: string, exchange: object): Receiver {
  const dir = mkdtempSync(join(tmpdir(), `zhaocai-${name}-`));
  const configFile = join(dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir: dir,
      ledger: { treeHeadIntervalMs: 0 },
      services: { [platform]: { exchange } },
    }),
  );
  const added = runZhaocai([
    'user',
    'add',
    '--platform',
    platform,
    '--username',
    'operator',
    '--password',
    PASSWORD,
    '--roles',
    role,
    '--config',
    configFile,
  ]);
  if (added.code !== 0) throw new Error(added.stderr);
  return { name, platform, dir, configFile, served: null, token: '' };
}

async function start(r: Receiver, port = 0): Promise<string> {
  r.served = await serveInChild(r.platform, ['--config', r.configFile, '--port', String(port)]);
  const login = await fetch(`${r.served.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'operator', password: PASSWORD }),
  });
  r.token = ((await login.json()) as { token: string }).token;
  return r.served.url;
}

async function stop(r: Receiver): Promise<void> {
  if (!r.served) return;
  const { child } = r.served;
  child.kill('SIGTERM');
  await exited(child);
  r.served = null;
}

/** Approves every pending registration at `r` until `expected` platforms are approved. */
async function approveAll(r: Receiver, expected: number): Promise<void> {
  const headers = { authorization: `Bearer ${r.token}`, 'content-type': 'application/json' };
  await eventually(async () => {
    const pending = await fetch(`${r.served!.url}/api/exchange/registrations?status=pending`, { headers });
    for (const item of ((await pending.json()) as { items: { platformCode: string }[] }).items) {
      await fetch(`${r.served!.url}/api/exchange/registrations/${item.platformCode}/approve`, {
        method: 'POST',
        headers,
        body: '{}',
      });
    }
    const approved = await fetch(`${r.served!.url}/api/exchange/platforms`);
    return ((await approved.json()) as { total: number }).total >= expected;
  });
}

interface InboxRow {
  feedSeq: number;
  platformCode: string;
  dataKey: string;
  orderKey: string;
  orderSeq: number;
  dataSetCode: string;
}

async function inboxOf(r: Receiver): Promise<InboxRow[]> {
  const store = openStore(`sqlite:${join(r.dir, `${r.platform}.db`)}`);
  try {
    const rows = await exchangeDb(store.db)
      .selectFrom('exchangeInbox')
      .select(['feedSeq', 'platformCode', 'dataKey', 'orderKey', 'orderSeq', 'dataSetCode'])
      .orderBy('feedSeq')
      .execute();
    return rows.map((row) => ({ ...row, feedSeq: Number(row.feedSeq), orderSeq: Number(row.orderSeq) }));
  } finally {
    await store.close();
  }
}

/** Per sender and order key, the sequence numbers in the order applied are exactly 1, 2, 3… */
function expectOrderKept(rows: readonly InboxRow[]): void {
  const seen = new Map<string, number[]>();
  for (const row of rows) {
    const key = `${row.platformCode} ${row.orderKey}`;
    seen.set(key, [...(seen.get(key) ?? []), row.orderSeq]);
  }
  for (const [key, seqs] of seen) expect(seqs, key).toEqual(seqs.map((_, i) => i + 1));
}

describe('exchange across processes with the hub stopped mid-tender', () => {
  const receivers: Receiver[] = [];
  let trading: TestService | undefined;
  afterAll(async () => {
    await trading?.close();
    for (const r of receivers) {
      await stop(r);
      rmSync(r.dir, { recursive: true, force: true });
    }
  });

  it('loses nothing, applies nothing twice and keeps each tender in order', async () => {
    const exchange = (platformCode: string, platformName: string, regionCode: string, extra = {}) => ({
      platformCode,
      platformName,
      regionCode,
      ...FAST_DELIVERY,
      ...extra,
    });
    const supervision = receiver(
      'supervision',
      'supervision',
      'supervisor',
      exchange(NETWORK_CODES.supervision, '福州市行政监督平台', '350100'),
    );
    const province = receiver(
      'province-hub',
      'hub',
      'hub_operator',
      exchange(NETWORK_CODES.provinceHub, '福建省公共服务平台', '350000'),
    );
    receivers.push(supervision, province);
    const supervisionUrl = await start(supervision);
    const provinceUrl = await start(province);
    const cityPort = await freePort();
    const city = receiver(
      'city-hub',
      'hub',
      'hub_operator',
      exchange(NETWORK_CODES.cityHub, '福州市公共服务平台', '350100', {
        upstream: { platformCode: NETWORK_CODES.provinceHub, url: provinceUrl },
        forwardTo: [{ platformCode: NETWORK_CODES.supervision, url: supervisionUrl, regions: ['35'] }],
      }),
    );
    receivers.push(city);
    const cityUrl = await start(city, cityPort);

    trading = await startTestService('trading', 'sqlite', {
      config: {
        services: {
          trading: {
            exchange: exchange(NETWORK_CODES.trading, '福州市电子招标投标交易平台', '350100', {
              upstream: { platformCode: NETWORK_CODES.cityHub, url: cityUrl },
            }),
          },
        },
      },
    });
    await approveAll(city, 1);
    await approveAll(province, 1);
    await approveAll(supervision, 1);

    const outgoing = () =>
      exchangeDb(trading!.store.db).selectFrom('exchangeOutgoing').selectAll().orderBy('id').execute();
    let stoppedWith = 0;
    const { dealCode } = await runWholeTender(trading, {
      onStage: async (stage) => {
        if (stage === 'published') {
          // The announcement reaches the hub before it goes down.
          await eventually(
            async () =>
              (await outgoing()).length > 0 && (await outgoing()).every((r) => r.status === 'delivered'),
          );
          await stop(city);
          stoppedWith = (await outgoing()).length;
        }
        if (stage === 'candidates') {
          // Opening, evaluation and publicity happened while the hub was down: queued, retried, not lost.
          const queued = await outgoing();
          expect(queued.filter((r) => r.status === 'pending').length).toBeGreaterThan(0);
          expect(queued.some((r) => r.attempts > 0 && r.lastError)).toBe(true);
          await start(city, cityPort);
        }
      },
    });
    expect(stoppedWith).toBeGreaterThan(0);

    // Settled: every outbox row staged, every message delivered.
    const unstaged = () =>
      tradingDb(trading!.store.db).selectFrom('outbox').select('seq').where('sentAt', 'is', null).execute();
    const sent = await eventually(async () => {
      const rows = await outgoing();
      return (await unstaged()).length === 0 && rows.every((r) => r.status === 'delivered') ? rows : null;
    }, 60_000);
    expect(sent.filter((r) => r.orderKey === dealCode).length).toBeGreaterThan(10);

    // Every receiver ends with exactly what was sent, once each, in order.
    let lastCounts: number[] = [];
    await eventually(async () => {
      const counts = await Promise.all(
        [city, province, supervision].map(async (r) => (await inboxOf(r)).length),
      );
      lastCounts = counts;
      return counts.every((n) => n === sent.length);
    }, 60_000).catch(async (error: unknown) => {
      const store = openStore(`sqlite:${join(city.dir, 'hub.db')}`);
      const refused = await exchangeDb(store.db)
        .selectFrom('exchangeOutgoing')
        .select(['targetCode', 'status', 'lastError', 'errors'])
        .where('status', '!=', 'delivered')
        .limit(5)
        .execute();
      await store.close();
      throw new Error(
        `${String(error)}: sent ${sent.length}, received ${lastCounts.join('/')}, city hub undelivered ${JSON.stringify(refused)}`,
      );
    });
    for (const r of [city, province, supervision]) {
      const rows = await inboxOf(r);
      expect(rows.length, r.name).toBe(sent.length);
      expect(new Set(rows.map((row) => `${row.platformCode} ${row.dataKey}`)).size, r.name).toBe(rows.length);
      expect(new Set(rows.map((row) => row.dataKey))).toEqual(new Set(sent.map((s) => s.dataKey)));
      expectOrderKept(rows);
    }

    // Both hubs published the tender's notices.
    for (const url of [`http://127.0.0.1:${cityPort}`, provinceUrl]) {
      const found = await fetch(`${url}/api/public/notices?q=${dealCode}&pageSize=50`);
      const body = (await found.json()) as { total: number; items: { noticeType: string; title: string }[] };
      expect(body.items.some((n) => n.title.includes(WHOLE_TENDER_NAME))).toBe(true);
      expect(new Set(body.items.map((n) => n.noticeType))).toEqual(
        new Set([
          'announcement',
          'clarification',
          'opening-record',
          'candidate-publicity',
          'result',
          'contract',
        ]),
      );
    }
  }, 240_000);
});
