import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { PLATFORMS, type Platform } from '../domain/roles.ts';
import { exitWithError } from './fail.ts';

async function runVerify(options: { db: string; publicKey?: string }): Promise<void> {
  const { openStore } = await import('../store/database.ts');
  const { verifyLedger } = await import('../store/ledger-verification.ts');
  const { readLedgerState } = await import('../store/ledger-repository.ts');
  const { loadServiceSpec } = await import('./service-specs.ts');
  let trustedKeyPem: string | undefined;
  if (options.publicKey) {
    try {
      trustedKeyPem = await readFile(options.publicKey, 'utf8');
    } catch (error) {
      exitWithError(new Error(`cannot read ${options.publicKey}: ${(error as Error).message}`), 2);
    }
  }
  const sqlitePath = /^postgres(ql)?:\/\//.test(options.db) ? null : options.db.replace(/^sqlite:/, '');
  // Opening a SQLite path that is not there would make an empty database.
  if (sqlitePath !== null && !existsSync(sqlitePath))
    exitWithError(new Error(`${sqlitePath}: no such file`), 2);
  const store = openStore(options.db);
  try {
    let platform: string | null;
    try {
      platform = (await readLedgerState(store.db)).platform;
    } catch (error) {
      exitWithError(new Error(`${store.location} holds no ledger: ${(error as Error).message}`), 2);
    }
    const spec = isPlatform(platform) ? await loadServiceSpec(platform) : null;
    const tty = process.stderr.isTTY;
    const result = await verifyLedger(store.db, {
      trustedKeyPem,
      rowChecks: spec?.ledgerRowChecks ?? [],
      progress: tty ? (line) => process.stderr.write(`\r\u001b[K${line}`) : undefined,
    });
    if (tty) process.stderr.write('\r\u001b[K');
    const [first, ...more] = result.divergences;
    if (first) {
      const others = more.length ? ` (and ${more.length}${more.length + 1 >= 20 ? '+' : ''} more)` : '';
      exitWithError(new Error(`ledger NOT intact: ${first.table} ${first.row}: ${first.what}${others}`), 1);
    }
    const latest = result.latestTreeHead;
    process.stdout.write(
      `ledger intact: ${platform ?? 'unknown platform'}, ${result.hashAlgorithm}, ${result.leaves} leaves, ` +
        `${result.nodes} nodes, ${result.treeHeads} signed tree heads` +
        (latest ? ` (latest #${latest.seq}: ${latest.treeSize} leaves at ${latest.timestamp})` : '') +
        (spec?.ledgerRowChecks?.length
          ? `, ${spec.ledgerRowChecks.map((c) => c.table).join(' and ')} rows match`
          : '') +
        (trustedKeyPem
          ? ''
          : '; heads checked against the keys in the database: pass --public-key with the published key (GET /api/ledger) to check who signed') +
        '\n',
    );
  } finally {
    await store.close();
  }
}

function isPlatform(value: string | null): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value ?? '');
}

/** `zhaocai ledger verify`: recomputes a service's tamper-evident ledger from its database. */
export function ledgerCommand(): Command {
  const ledger = new Command('ledger').description("a service's tamper-evident ledger (docs/ledger.md)");
  ledger
    .command('verify')
    .description(
      'recompute every leaf from the audit rows, every subtree, every signed tree head (root and signature), and the platform rows the events describe; exit 0 when intact, else 1 with the first divergence',
    )
    .requiredOption('--db <url>', 'the service database: a SQLite path, sqlite:<path> or postgres://…')
    .option(
      '--public-key <pem>',
      "the platform's published ledger key (GET /api/ledger); by default the keys stored with the heads",
    )
    .action(runVerify);
  return ledger;
}
