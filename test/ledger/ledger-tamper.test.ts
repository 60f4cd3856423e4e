/**
 * Tampering with a service's database behind its back is found by `zhaocai ledger verify`: every
 * update, delete, insert or reordering of audit rows, bid rows, receipts and signed tree heads, on
 * SQLite and on PostgreSQL, named by table, row and what differs. Each case is undone before the
 * next, and the ledger verifies intact again at the end.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { toBase64 } from '../../src/crypto/portable/envelope/binary.ts';
import { leafHashOf } from '../../src/ledger/leaf-evidence.ts';
import { nodeLedgerHash } from '../../src/ledger/ledger-hash-node.ts';
import { type Divergence, verifyLedger } from '../../src/store/ledger-verification.ts';
import type { Db } from '../../src/store/schema.ts';
import { TRADING_ROW_CHECKS } from '../../src/trading/ledger-row-checks.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { runZhaocai } from '../support/processes.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { DIALECTS, PG_URL } from '../support/stores.ts';
import { aPublishedSection, submitBid } from '../trading/support/bid-factory.ts';

type Undo = () => Promise<unknown>;

describe.each(DIALECTS)('tampering with the ledger on %s', (dialect) => {
  let svc: TestService;
  let db: Db;
  let bids: string[];
  let dbUrl: string;

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    db = svc.store.db;
    const section = await aPublishedSection(svc);
    bids = [];
    for (let i = 0; i < 3; i += 1) {
      const bidder = await svc.userWithRoles(['bidder']);
      const res = await submitBid(svc, bidder.token, section.sectionId);
      expect(res.statusCode, res.body).toBe(201);
      bids.push(res.json().receipt.bidId);
      svc.clock.advance(60_000);
    }
    await svc.deps.ledger.signTreeHead();
    await svc.userWithRoles(['bidder']);
    await svc.deps.ledger.signTreeHead();
    await svc.userWithRoles(['bidder']);
    await svc.deps.ledger.signTreeHead();
    dbUrl =
      dialect === 'sqlite'
        ? svc.store.location
        : `${PG_URL}?options=${encodeURIComponent(`-c search_path=${(await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s}`)}`;
  }, 60_000);
  afterAll(async () => svc?.close());

  const verify = () => verifyLedger(db, { rowChecks: TRADING_ROW_CHECKS });
  const firstDivergence = async (): Promise<Divergence | undefined> => (await verify()).divergences[0];

  async function expectFound(
    tamper: () => Promise<Undo>,
    expected: Partial<Record<keyof Divergence, RegExp>>,
  ) {
    const undo = await tamper();
    try {
      const found = await firstDivergence();
      expect(found, 'the tampering went unnoticed').toBeDefined();
      for (const [field, pattern] of Object.entries(expected))
        expect(found![field as keyof Divergence]).toMatch(pattern);
    } finally {
      await undo();
    }
    expect(await firstDivergence()).toBeUndefined();
  }

  const auditRow = (leaf: number) =>
    db.selectFrom('auditEvent').selectAll().where('leafIndex', '=', leaf).executeTakeFirstOrThrow();
  const bidRow = (id: string) =>
    tradingDb(db).selectFrom('bid').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const leafOfBid = async (id: string) =>
    Number(
      (
        await db
          .selectFrom('auditEvent')
          .select('leafIndex')
          .where('objectId', '=', id)
          .where('action', '=', 'bid.submitted')
          .executeTakeFirstOrThrow()
      ).leafIndex,
    );

  it('is intact as the service left it, and the CLI says so', async () => {
    const result = await verify();
    expect(result.divergences).toEqual([]);
    expect(result.treeHeads).toBeGreaterThanOrEqual(3);
    const cli = runZhaocai(['ledger', 'verify', '--db', dbUrl]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^ledger intact: trading, sm3, \d+ leaves, \d+ nodes, \d+ signed tree heads/);
  });

  it('finds an edited audit row', async () => {
    const row = await auditRow(5);
    await expectFound(
      async () => {
        await db.updateTable('auditEvent').set({ ip: '198.51.100.9' }).where('seq', '=', row.seq).execute();
        return () => db.updateTable('auditEvent').set({ ip: row.ip }).where('seq', '=', row.seq).execute();
      },
      {
        table: /^audit_event$/,
        row: new RegExp(`^seq ${row.seq} \\(leaf 5\\)$`),
        what: /no longer hashes to its ledger leaf/,
      },
    );
  });

  it('finds a deleted audit row', async () => {
    const row = await auditRow(3);
    await expectFound(
      async () => {
        await db.deleteFrom('auditEvent').where('seq', '=', row.seq).execute();
        return () => db.insertInto('auditEvent').values(row).execute();
      },
      { table: /^audit_event$/, row: /^leaf 3$/, what: /deleted/ },
    );
  });

  it('finds an audit row inserted outside the ledger, with or without a leaf index', async () => {
    const row = await auditRow(4);
    const { treeSize } = await svc.deps.ledger
      .latestTreeHead()
      .then(() => svc.deps.ledger.treeSize().then((n) => ({ treeSize: n })));
    for (const leafIndex of [null, treeSize]) {
      await expectFound(
        async () => {
          const id = randomUUID();
          const { seq: _seq, ...rest } = row;
          await db
            .insertInto('auditEvent')
            .values({ ...rest, id, leafIndex })
            .execute();
          return () => db.deleteFrom('auditEvent').where('id', '=', id).execute();
        },
        {
          table: /^audit_event$/,
          what: leafIndex === null ? /not in the ledger: inserted outside it/ : /beyond the ledger/,
        },
      );
    }
  });

  it('finds two audit rows swapped in order', async () => {
    const [a, b] = [await auditRow(6), await auditRow(7)];
    const setLeaf = (seq: number, leafIndex: number) =>
      db.updateTable('auditEvent').set({ leafIndex }).where('seq', '=', seq).execute();
    await expectFound(
      async () => {
        await setLeaf(a.seq, -1);
        await setLeaf(b.seq, 6);
        await setLeaf(a.seq, 7);
        return async () => {
          await setLeaf(a.seq, -1);
          await setLeaf(b.seq, 7);
          await setLeaf(a.seq, 6);
        };
      },
      { table: /^audit_event$/, row: /\(leaf 6\)$/, what: /no longer hashes/ },
    );
  });

  it('finds an edited audit row whose leaf was rewritten to match: the subtree above it gives it away', async () => {
    const row = await auditRow(2);
    const node = await db
      .selectFrom('ledgerNode')
      .selectAll()
      .where('level', '=', 0)
      .where('idx', '=', 2)
      .executeTakeFirstOrThrow();
    await expectFound(
      async () => {
        const edited = { ...row, actorUsername: 'nobody' };
        await db
          .updateTable('auditEvent')
          .set({ actorUsername: 'nobody' })
          .where('seq', '=', row.seq)
          .execute();
        const { auditEventOfRow } = await import('../../src/store/audit-repository.ts');
        const { canonicalJson } = await import('../../src/domain/canonical-json.ts');
        const forged = leafHashOf(nodeLedgerHash('sm3'), canonicalJson(auditEventOfRow(edited)));
        await db
          .updateTable('ledgerNode')
          .set({ hash: Buffer.from(forged) })
          .where('level', '=', 0)
          .where('idx', '=', 2)
          .execute();
        return async () => {
          await db
            .updateTable('auditEvent')
            .set({ actorUsername: row.actorUsername })
            .where('seq', '=', row.seq)
            .execute();
          await db
            .updateTable('ledgerNode')
            .set({ hash: node.hash })
            .where('level', '=', 0)
            .where('idx', '=', 2)
            .execute();
        };
      },
      { table: /^audit_event$/, what: /event_hash does not match/ },
    );
  });

  it("finds the ledger's kept right edge edited", async () => {
    const state = await db.selectFrom('ledgerState').select('frontier').executeTakeFirstOrThrow();
    await expectFound(
      async () => {
        const forged = Buffer.from(state.frontier!);
        forged[0] = forged[0]! ^ 1;
        await db.updateTable('ledgerState').set({ frontier: forged }).execute();
        return () => db.updateTable('ledgerState').set({ frontier: state.frontier }).execute();
      },
      { table: /^ledger_state$/, what: /frontier/ },
    );
  });

  it('finds an edited bid: its file digest, its status, or two bids swapping submission times', async () => {
    const bid = await bidRow(bids[0]!);
    const other = await bidRow(bids[1]!);
    const leaf = await leafOfBid(bid.id);
    const setBid = (id: string, values: Record<string, unknown>) =>
      tradingDb(db).updateTable('bid').set(values).where('id', '=', id).execute();
    await expectFound(
      async () => {
        await setBid(bid.id, { fileSha256: 'f'.repeat(64) });
        return () => setBid(bid.id, { fileSha256: bid.fileSha256 });
      },
      {
        table: /^bid$/,
        row: new RegExp(`^${bid.id}$`),
        what: new RegExp(`differs from the one logged at leaf ${leaf}`),
      },
    );
    await expectFound(
      async () => {
        await setBid(bid.id, { status: 'withdrawn', withdrawnAt: bid.submittedAt });
        return () => setBid(bid.id, { status: bid.status, withdrawnAt: null });
      },
      { table: /^bid$/, what: /status is withdrawn, but the ledger has it current/ },
    );
    await expectFound(
      async () => {
        await setBid(bid.id, { submittedAt: other.submittedAt });
        await setBid(other.id, { submittedAt: bid.submittedAt });
        return async () => {
          await setBid(bid.id, { submittedAt: bid.submittedAt });
          await setBid(other.id, { submittedAt: other.submittedAt });
        };
      },
      { table: /^bid$/, what: /differs from the one logged/ },
    );
  });

  it('finds a deleted bid and a bid inserted outside the ledger', async () => {
    const bid = await bidRow(bids[2]!);
    const t = tradingDb(db);
    const receipt = await t
      .selectFrom('bidReceipt')
      .selectAll()
      .where('bidId', '=', bid.id)
      .executeTakeFirstOrThrow();
    await expectFound(
      async () => {
        await t.deleteFrom('bidReceipt').where('bidId', '=', bid.id).execute();
        await t.deleteFrom('bid').where('id', '=', bid.id).execute();
        return async () => {
          await t.insertInto('bid').values(bid).execute();
          await t.insertInto('bidReceipt').values(receipt).execute();
        };
      },
      {
        table: /^bid$/,
        row: new RegExp(`^${bid.id}$`),
        what: /the row is missing; its bid.submitted event is leaf \d+/,
      },
    );
    const forgedId = randomUUID();
    const intruder = await svc.userWithRoles(['bidder']);
    await expectFound(
      async () => {
        await t
          .insertInto('bid')
          .values({ ...bid, id: forgedId, bidderOrganisationId: intruder.organisationId })
          .execute();
        return () => t.deleteFrom('bid').where('id', '=', forgedId).execute();
      },
      { table: /^bid$/, row: new RegExp(`^${forgedId}$`), what: /no bid.submitted event in the ledger/ },
    );
  });

  it('finds an edited receipt, even with its digest recomputed', async () => {
    const t = tradingDb(db);
    const receipt = await t
      .selectFrom('bidReceipt')
      .selectAll()
      .where('bidId', '=', bids[0]!)
      .executeTakeFirstOrThrow();
    const body = receipt.body.replace(/"receivedAt":"[^"]+"/, '"receivedAt":"2026-03-01T00:00:00.000Z"');
    const { hashHex } = await import('../../src/crypto/hash.ts');
    await expectFound(
      async () => {
        await t.updateTable('bidReceipt').set({ body }).where('id', '=', receipt.id).execute();
        return () =>
          t.updateTable('bidReceipt').set({ body: receipt.body }).where('id', '=', receipt.id).execute();
      },
      { table: /^bid_receipt$/, what: /does not match its SHA-256/ },
    );
    await expectFound(
      async () => {
        await t
          .updateTable('bidReceipt')
          .set({ body, sha256: hashHex(body) })
          .where('id', '=', receipt.id)
          .execute();
        return () =>
          t
            .updateTable('bidReceipt')
            .set({ body: receipt.body, sha256: receipt.sha256 })
            .where('id', '=', receipt.id)
            .execute();
      },
      { table: /^bid_receipt$/, what: /not the receipt logged at leaf \d+/ },
    );
  });

  it('finds a tree head edited, deleted, forged or reordered', async () => {
    const heads = await db.selectFrom('ledgerTreeHead').selectAll().orderBy('seq').execute();
    const [h1, h2, h3] = heads as [(typeof heads)[0], (typeof heads)[0], (typeof heads)[0]];
    const setHead = (seq: number, values: Record<string, unknown>) =>
      db.updateTable('ledgerTreeHead').set(values).where('seq', '=', seq).execute();
    await expectFound(
      async () => {
        await setHead(2, { rootHash: h3.rootHash });
        return () => setHead(2, { rootHash: h2.rootHash });
      },
      { table: /^ledger_tree_head$/, row: /^head #2$/, what: /is not the root of the first \d+ leaves/ },
    );
    await expectFound(
      async () => {
        await setHead(2, { timestamp: '2026-03-02T01:00:00.500Z' });
        return () => setHead(2, { timestamp: h2.timestamp });
      },
      { table: /^ledger_tree_head$/, row: /^head #2$/, what: /signature does not verify/ },
    );
    await expectFound(
      async () => {
        await db.deleteFrom('ledgerTreeHead').where('seq', '=', 2).execute();
        return () => db.insertInto('ledgerTreeHead').values(h2).execute();
      },
      { table: /^ledger_tree_head$/, row: /^head #2$/, what: /missing/ },
    );
    await expectFound(
      async () => {
        await db
          .insertInto('ledgerTreeHead')
          .values({ ...heads.at(-1)!, seq: heads.length + 1, signature: h1.signature })
          .execute();
        return () =>
          db
            .deleteFrom('ledgerTreeHead')
            .where('seq', '=', heads.length + 1)
            .execute();
      },
      {
        table: /^ledger_tree_head$/,
        row: new RegExp(`^head #${heads.length + 1}$`),
        what: /signature does not verify/,
      },
    );
    await expectFound(
      async () => {
        await setHead(1, { seq: 0 });
        await setHead(2, { seq: 1 });
        await setHead(0, { seq: 2 });
        return async () => {
          await setHead(1, { seq: 0 });
          await setHead(2, { seq: 1 });
          await setHead(0, { seq: 2 });
        };
      },
      // Each head signs its own number: the first one out of place no longer verifies.
      { table: /^ledger_tree_head$/, row: /^head #1$/, what: /signature does not verify/ },
    );
  });

  it('finds heads re-signed with a substituted key, given the published key', async () => {
    const published = (await svc.deps.ledger.key()).publicKeyPem;
    const keyFile = join(svc.deps.config.dataDir, 'published-ledger.pub.pem');
    writeFileSync(keyFile, published);
    const intruder = await nodeSuite('gm').generateSigningKeyPair();
    const keys = await db.selectFrom('ledgerKey').selectAll().execute();
    await db.updateTable('ledgerKey').set({ publicKeyPem: intruder.publicKeyPem }).execute();
    const heads = await db.selectFrom('ledgerTreeHead').selectAll().orderBy('seq').execute();
    try {
      const { treeHeadOf } = await import('../../src/store/ledger-repository.ts');
      const { treeHeadSigningBytes } = await import('../../src/ledger/tree-head.ts');
      for (const row of heads) {
        const forged = await nodeSuite('gm').sign(
          intruder.privateKeyPem,
          treeHeadSigningBytes(treeHeadOf('trading', row)),
        );
        await db
          .updateTable('ledgerTreeHead')
          .set({ signature: toBase64(forged) })
          .where('seq', '=', row.seq)
          .execute();
      }
      // Against the keys in the database alone the forgery holds; against the published key it does not.
      expect(await firstDivergence()).toBeUndefined();
      const found = (await verifyLedger(db, { rowChecks: TRADING_ROW_CHECKS, trustedKeyPem: published }))
        .divergences[0];
      expect(found).toMatchObject({
        table: 'ledger_tree_head',
        row: 'head #1',
        what: expect.stringMatching(/signature does not verify/),
      });
      const cli = runZhaocai(['ledger', 'verify', '--db', dbUrl, '--public-key', keyFile]);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(
        /^error: ledger NOT intact: ledger_tree_head head #1: the signature does not verify/,
      );
    } finally {
      for (const key of keys)
        await db
          .updateTable('ledgerKey')
          .set({ publicKeyPem: key.publicKeyPem })
          .where('keyId', '=', key.keyId)
          .execute();
      for (const row of heads)
        await db
          .updateTable('ledgerTreeHead')
          .set({ signature: row.signature })
          .where('seq', '=', row.seq)
          .execute();
    }
    expect(await firstDivergence()).toBeUndefined();
  });

  it('makes the CLI exit 1 naming the first divergence, and 2 on a database that is not there', async () => {
    const row = await auditRow(1);
    await db.updateTable('auditEvent').set({ action: 'bid.withdrawn' }).where('seq', '=', row.seq).execute();
    try {
      const cli = runZhaocai(['ledger', 'verify', '--db', dbUrl]);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toBe(
        `error: ledger NOT intact: audit_event seq ${row.seq} (leaf 1): the row no longer hashes to its ledger leaf: edited, swapped or moved\n`,
      );
    } finally {
      await db.updateTable('auditEvent').set({ action: row.action }).where('seq', '=', row.seq).execute();
    }
    const missing = runZhaocai(['ledger', 'verify', '--db', join(svc.deps.config.dataDir, 'nothing.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nothing\.db: no such file\n$/);
  });
});
