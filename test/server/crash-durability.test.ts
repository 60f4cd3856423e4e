import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { addUser } from '../../src/accounts/add-user.ts';
import { hashState } from '../../src/crypto/hash.ts';
import { systemActor } from '../../src/domain/actor.ts';
import { SystemClock } from '../../src/domain/clock.ts';
import { openStore } from '../../src/store/database.ts';
import { COMMON_MIGRATIONS, migrateToLatest } from '../../src/store/migrator.ts';
import { aCreditCode } from '../support/factories.ts';
import { exited, serveInChild, type ServedProcess } from '../support/processes.ts';
import { DIALECTS, PG_URL } from '../support/stores.ts';

const WRITES = 200;
const KILL_AFTER_ACKS = 40;
const PASSWORD = 'Crash-test-1';

/**
 * Durability: SIGKILL the trading service in the middle of 200 concurrent audited writes. After a
 * restart every acknowledged write is there with its audit event. Writes in flight at the kill may
 * or may not have committed (their acknowledgement was lost), but none is half there: no
 * organisation without its audit event, no audit event without its organisation, nothing unsent.
 */
describe.each(DIALECTS)('crash durability on %s', (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('keeps every acknowledged write and its audit event through a SIGKILL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhaocai-crash-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const databaseUrl =
      dialect === 'sqlite' ? `sqlite:${join(dataDir, 'trading.db')}` : await freshPostgresSchema();

    // The operator account is made directly, as `zhaocai user add` would.
    const setup = openStore(databaseUrl);
    await migrateToLatest(setup.db, COMMON_MIGRATIONS);
    await addUser(
      { db: setup.db, clock: new SystemClock(), actor: systemActor('test'), platform: 'trading' },
      { username: 'operator', displayName: 'operator', password: PASSWORD, roles: ['platform_operator'] },
    );
    await setup.close();

    const args = ['--data-dir', dataDir, '--database', databaseUrl];
    const first = await serveInChild('trading', args);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const token = await logIn(first);

    const sent = Array.from({ length: WRITES }, () =>
      aCreditCode(100_000 + Math.floor(Math.random() * 800_000_000)),
    );
    const acknowledged: string[] = [];
    let killed = false;
    const requests = sent.map(async (creditCode) => {
      try {
        const response = await fetch(`${first.url}/api/organisations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ creditCode, name: `崩溃测试 ${creditCode}` }),
        });
        if (response.status === 201) {
          acknowledged.push(creditCode);
          if (acknowledged.length === KILL_AFTER_ACKS && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      } catch {
        // connection cut by the kill: no acknowledgement
      }
    });
    await Promise.all(requests);
    expect(await exited(first.child)).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acknowledged.length).toBeLessThan(WRITES);

    const second = await serveInChild('trading', args);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    const token2 = await logIn(second);
    const organisations = await getJson(second, '/api/organisations?pageSize=200', token2);
    const events = await getJson(
      second,
      '/api/audit-events?action=organisation.registered&pageSize=200',
      token2,
    );

    const present = new Map<string, { id: string }>(
      organisations.items.map((o: { creditCode: string; id: string }) => [o.creditCode, o]),
    );
    for (const creditCode of acknowledged)
      expect(present.has(creditCode), `acknowledged ${creditCode} lost`).toBe(true);
    for (const creditCode of present.keys()) expect(sent).toContain(creditCode);

    const eventsByObject = new Map<string, { stateHash: string }[]>();
    for (const event of events.items)
      eventsByObject.set(event.objectId, [...(eventsByObject.get(event.objectId) ?? []), event]);
    expect(events.total).toBe(organisations.total);
    for (const organisation of organisations.items) {
      const own = eventsByObject.get(organisation.id) ?? [];
      expect(own, `audit event of ${organisation.creditCode}`).toHaveLength(1);
      expect(own[0]!.stateHash).toBe(hashState(organisation));
    }

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  });
});

async function logIn(served: ServedProcess): Promise<string> {
  const response = await fetch(`${served.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'operator', password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function getJson(served: ServedProcess, path: string, token: string): Promise<any> {
  const response = await fetch(`${served.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.json();
}

async function freshPostgresSchema(): Promise<string> {
  const schema = `crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL! });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(PG_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
