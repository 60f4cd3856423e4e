import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { registerOrganisation } from '../src/accounts/register-organisation.ts';
import { creditCodeCheckCharacter } from '../src/domain/credit-code.ts';
import { SystemClock } from '../src/domain/clock.ts';
import { openStore } from '../src/store/database.ts';
import { COMMON_MIGRATIONS, migrateToLatest } from '../src/store/migrator.ts';
import { type Benchmark, timeEach } from './harness.ts';

const COUNT = Number(process.env.ZHAOCAI_BENCH_COUNT ?? 2000);

function creditCode(i: number): string {
  const body = `91350100${String(i).padStart(9, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

/**
 * What an acknowledged, audited write costs: the registerOrganisation use case (validation,
 * Kysely, the row and its audit event with two SHA-256 hashes, the event's SM3 ledger leaf and the
 * subtrees it completes, one durable commit) against the raw library writing the same two rows in
 * one transaction with the same durability settings.
 */
export const auditedWriteBenchmark: Benchmark = {
  name: 'audit',
  description: `${COUNT} durable audited writes on SQLite (WAL, synchronous=FULL) vs raw better-sqlite3`,
  async run(report) {
    const dir = mkdtempSync(join(tmpdir(), 'zhaocai-bench-'));
    try {
      // Baseline: the raw library, same schema, same pragmas, same rows, one transaction each.
      const rawStore = openStore(`sqlite:${join(dir, 'raw.db')}`);
      await migrateToLatest(rawStore.db, COMMON_MIGRATIONS);
      await rawStore.close();
      const raw = new SQLite(join(dir, 'raw.db'));
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = FULL');
      const insertOrganisation = raw.prepare(
        'insert into organisation (id, credit_code, name, region, legal_representative, created_at, updated_at) values (?, ?, ?, null, null, ?, ?)',
      );
      const insertAudit = raw.prepare(
        `insert into audit_event (id, occurred_at, actor_user_id, actor_username, actor_organisation_id, actor_roles, ip, user_agent, action, object_type, object_id, state_hash, detail, event_hash)
         values (?, ?, null, 'bench', null, '', '127.0.0.1', null, 'organisation.registered', 'organisation', ?, ?, '{}', ?)`,
      );
      const writeRaw = raw.transaction((i: number) => {
        const id = randomUUID();
        const at = new Date().toISOString();
        insertOrganisation.run(id, creditCode(i), `基准单位${i}`, at, at);
        insertAudit.run(randomUUID(), at, id, '0'.repeat(64), '0'.repeat(64));
      });
      report('baseline: raw better-sqlite3');
      const baseline = await timeEach(
        'raw better-sqlite3, 2 rows per commit',
        COUNT,
        (i) => writeRaw(i),
        report,
      );
      raw.close();

      const store = openStore(`sqlite:${join(dir, 'zhaocai.db')}`);
      await migrateToLatest(store.db, COMMON_MIGRATIONS);
      // As a service does on first start: the ledger takes its hash, and every event becomes a leaf.
      await store.db
        .updateTable('ledgerState')
        .set({ hashAlgorithm: 'sm3', platform: 'trading' })
        .where('id', '=', 1)
        .execute();
      const ctx = {
        db: store.db,
        clock: new SystemClock(),
        actor: {
          userId: 'bench',
          username: 'bench',
          organisationId: null,
          roles: [],
          ip: '127.0.0.1',
          userAgent: null,
        },
        platform: 'trading' as const,
      };
      report('measured: registerOrganisation use case');
      const measured = await timeEach(
        'registerOrganisation (audited)',
        COUNT,
        (i) => registerOrganisation(ctx, { creditCode: creditCode(COUNT + i), name: `测量单位${i}` }),
        report,
      );
      const leaves = await store.db.selectFrom('ledgerState').select('treeSize').executeTakeFirstOrThrow();
      report(`ledger: ${leaves.treeSize} leaves appended with the writes`);
      await store.close();
      return [baseline, measured];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
