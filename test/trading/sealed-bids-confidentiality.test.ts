import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tradingDb } from '../../src/trading/schema.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import { aPublishedSection, aSealedBid, type BidSection, submitBid } from './support/bid-factory.ts';

/**
 * Issue 4 acceptance: after 50 sealed bids are in, nothing the platform keeps — database files,
 * blob store, upload directory — holds a byte of any bid's plaintext. Each plaintext carries a
 * distinctive marker at both ends; the scan looks for every marker as UTF-8 and as hex.
 *
 * The service logs at trace level into memory during the run, and those logs are scanned too.
 */
const BIDS = 50;

describe.each(DIALECTS)('sealed-bid confidentiality (%s)', (dialect) => {
  let svc: TestService;
  let section: BidSection;
  const markers: string[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    svc = await startTestService('trading', dialect, {
      logger: pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) }),
    });
    section = await aPublishedSection(svc);
    const run = randomBytes(4).toString('hex');
    for (let n = 0; n < BIDS; n++) {
      const marker = `ZHAOCAI-PLAINTEXT-${n}-${run}${randomBytes(4).toString('hex')}`;
      markers.push(marker);
      const bidder = await svc.userWithRoles(['bidder']);
      const plaintext = Buffer.concat([Buffer.from(marker), randomBytes(3000), Buffer.from(marker)]);
      const res = await submitBid(
        svc,
        bidder.token,
        section.sectionId,
        await aSealedBid(svc, section, bidder, plaintext),
      );
      expect(res.statusCode, res.body).toBe(201);
    }
  }, 300_000);
  afterAll(async () => svc.close());

  /** Every marker found in `data`, in either encoding. */
  function markersIn(data: Buffer): string[] {
    return markers.filter(
      (marker) => data.includes(Buffer.from(marker)) || data.includes(Buffer.from(marker).toString('hex')),
    );
  }

  it('accepted all 50 bids, and the scan finds a marker where there is one', async () => {
    expect(markersIn(Buffer.from(`…${markers[7]}…`))).toEqual([markers[7]]);
    const bids = await tradingDb(svc.store.db)
      .selectFrom('bid')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(bids.n)).toBe(BIDS);
  });

  it('leaves no plaintext in the service logs', () => {
    expect(logLines.length).toBeGreaterThan(BIDS);
    expect(markersIn(Buffer.from(logLines.join('')))).toEqual([]);
  });

  it('leaves no plaintext in the data directory: blob store, uploads, keys, trust store', () => {
    const files = filesUnder(svc.deps.config.dataDir);
    expect(files.some((file) => file.includes('trading-blobs'))).toBe(true);
    const found = files.flatMap((file) => markersIn(readFileSync(file)).map((m) => `${m} in ${file}`));
    expect(found).toEqual([]);
  });

  it.runIf(dialect === 'sqlite')(
    'leaves no plaintext in the SQLite database file, its WAL or journal',
    async () => {
      const { rows } = await sql<{ file: string }>`pragma database_list`.execute(svc.store.db);
      const main = rows.find((row) => row.file)!.file;
      const files = [main, `${main}-wal`, `${main}-shm`, `${main}-journal`].filter((file) => exists(file));
      expect(files).toContain(main);
      const found = files.flatMap((file) => markersIn(readFileSync(file)).map((m) => `${m} in ${file}`));
      expect(found).toEqual([]);
    },
  );

  it.runIf(dialect === 'postgres')('leaves no plaintext in any row of the test schema', async () => {
    const { rows: tables } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(svc.store.db);
    expect(tables.map((t) => t.name)).toContain('bid');
    const found: string[] = [];
    for (const { name } of tables) {
      const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(
        svc.store.db,
      );
      const dump = Buffer.from(rows.map((r) => r.row).join('\n'));
      found.push(...markersIn(dump).map((m) => `${m} in ${name}`));
    }
    expect(found).toEqual([]);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
