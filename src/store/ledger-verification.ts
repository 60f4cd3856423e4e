import { fromBase64 } from '../crypto/portable/envelope/binary.ts';
import { keyIdOf } from '../crypto/portable/envelope/key-id.ts';
import { bytesToHex, constantTimeEqual } from '../crypto/portable/bytes.ts';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { hashHex } from '../crypto/hash.ts';
import { leafHashOf } from '../ledger/leaf-evidence.ts';
import { nodeLedgerHash } from '../ledger/ledger-hash-node.ts';
import { type HashFunction, hashChildren } from '../ledger/merkle-tree-hash.ts';
import { SUITE_FOR_HASH, treeHeadSigningBytes } from '../ledger/tree-head.ts';
import { auditEventOfRow } from './audit-repository.ts';
import { ledgerRoot, readLedgerState, readNodes, treeHeadOf } from './ledger-repository.ts';
import { nodeKey, perfectSubtrees } from '../ledger/subtree-ranges.ts';
import type { AuditEventRow, Db } from './schema.ts';

/** The first thing found that the ledger contradicts: which table, which row, what differs. */
export interface Divergence {
  readonly table: string;
  readonly row: string;
  readonly what: string;
}

/**
 * A platform's own check of rows its audit events describe (the trading platform's bids and
 * receipts): yields every row that disagrees with what the ledger recorded of it.
 */
export interface LedgerRowCheck {
  readonly table: string;
  /** The object types whose events the check reads (only these are kept in memory). */
  readonly objectTypes: readonly string[];
  check(db: Db, events: LedgerEvents): AsyncIterable<Divergence>;
}

/** The events already verified against the ledger, by object. */
export interface LedgerEvents {
  forObject(objectType: string, objectId: string): readonly AuditEventRow[];
  objectIds(objectType: string, action: string): readonly string[];
}

export interface LedgerVerification {
  readonly divergences: readonly Divergence[];
  readonly platform: string | null;
  readonly hashAlgorithm: string | null;
  readonly leaves: number;
  readonly nodes: number;
  readonly treeHeads: number;
  readonly latestTreeHead: { seq: number; treeSize: number; timestamp: string } | null;
}

export interface VerifyLedgerOptions {
  /** The platform's published ledger key; every head must be signed by it, not just by a key in the database. */
  readonly trustedKeyPem?: string | undefined;
  readonly rowChecks?: readonly LedgerRowCheck[];
  /** Stop after this many divergences (default 20). */
  readonly limit?: number;
  readonly progress?: (line: string) => void;
}

const PAGE = 5000;

class Stop extends Error {}

/**
 * Recomputes a ledger from the stored rows (docs/ledger.md): every audit row's leaf, every stored
 * subtree from its children, every signed tree head's root and signature, then the platform's rows
 * against the events that describe them. Reads page by page, so memory stays flat at any size.
 */
export async function verifyLedger(db: Db, options: VerifyLedgerOptions = {}): Promise<LedgerVerification> {
  const limit = options.limit ?? 20;
  const divergences: Divergence[] = [];
  const report = (table: string, row: string, what: string) => {
    divergences.push({ table, row, what });
    if (divergences.length >= limit) throw new Stop();
  };
  const state = await readLedgerState(db);
  const result = {
    platform: state.platform,
    hashAlgorithm: state.hashAlgorithm,
    leaves: state.treeSize,
    nodes: 0,
    treeHeads: 0,
    latestTreeHead: null as LedgerVerification['latestTreeHead'],
  };
  if (!state.hashAlgorithm) {
    const row = await db.selectFrom('auditEvent').select('seq').limit(1).executeTakeFirst();
    if (row) report('ledger_state', 'id=1', 'no hash algorithm set, yet there are audit events');
    return { ...result, divergences };
  }
  const hash = nodeLedgerHash(state.hashAlgorithm);
  const events = new EventIndex(new Set((options.rowChecks ?? []).flatMap((c) => c.objectTypes)));
  try {
    await checkLeaves(db, hash, state.treeSize, report, events, options.progress);
    result.nodes = await checkNodes(db, hash, state.treeSize, report, options.progress);
    await checkFrontier(db, state.treeSize, report);
    const heads = await checkTreeHeads(db, hash, state, options.trustedKeyPem, report);
    result.treeHeads = heads.count;
    result.latestTreeHead = heads.latest;
    for (const rowCheck of options.rowChecks ?? []) {
      options.progress?.(`checking ${rowCheck.table} rows`);
      for await (const d of rowCheck.check(db, events)) report(d.table, d.row, d.what);
    }
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return { ...result, divergences };
}

type Report = (table: string, row: string, what: string) => void;

/** Each audit row, in leaf order, against its stored leaf; no row outside the ledger. */
async function checkLeaves(
  db: Db,
  hash: HashFunction,
  treeSize: number,
  report: Report,
  events: EventIndex,
  progress?: (line: string) => void,
): Promise<void> {
  let expected = 0;
  for (;;) {
    const rows = await db
      .selectFrom('auditEvent')
      .selectAll()
      .where('leafIndex', '>=', expected)
      .orderBy('leafIndex')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    const last = Number(rows[rows.length - 1]!.leafIndex);
    const stored = await levelNodes(db, 0, expected, last + 1);
    for (const row of rows) {
      const index = Number(row.leafIndex);
      for (; expected < index; expected += 1) {
        report(
          'audit_event',
          `leaf ${expected}`,
          'no audit row holds this leaf: the row was deleted or moved',
        );
      }
      const entry = canonicalJson(auditEventOfRow(row));
      const where = `seq ${row.seq} (leaf ${index})`;
      const leaf = stored.get(index);
      if (index >= treeSize) {
        report(
          'audit_event',
          where,
          `leaf index beyond the ledger's ${treeSize} leaves: inserted outside the ledger`,
        );
      } else if (!leaf) {
        report('ledger_node', `level 0 index ${index}`, 'the leaf is missing');
      } else if (!constantTimeEqual(leafHashOf(hash, entry), leaf)) {
        report('audit_event', where, 'the row no longer hashes to its ledger leaf: edited, swapped or moved');
      } else if (hashHex(entry) !== row.eventHash) {
        report('audit_event', where, 'event_hash does not match the row');
      }
      events.add(row);
      expected = index + 1;
    }
    progress?.(`checked ${expected} leaves`);
  }
  for (; expected < treeSize; expected += 1) {
    report('audit_event', `leaf ${expected}`, 'no audit row holds this leaf: the row was deleted');
  }
  const outside = await db
    .selectFrom('auditEvent')
    .select('seq')
    .where('leafIndex', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (outside)
    report('audit_event', `seq ${outside.seq}`, 'the row is not in the ledger: inserted outside it');
}

/** Every stored subtree is the hash of its two children, and exactly the complete ones are stored. */
async function checkNodes(
  db: Db,
  hash: HashFunction,
  treeSize: number,
  report: Report,
  progress?: (line: string) => void,
): Promise<number> {
  let count = await nodeCount(db, 0, report, treeSize);
  for (let level = 1; 2 ** level <= treeSize; level += 1) {
    const width = Math.floor(treeSize / 2 ** level);
    for (let start = 0; start < width; start += PAGE) {
      const end = Math.min(width, start + PAGE);
      const children = await levelNodes(db, level - 1, start * 2, end * 2);
      const parents = await levelNodes(db, level, start, end);
      for (let i = start; i < end; i += 1) {
        const left = children.get(2 * i);
        const right = children.get(2 * i + 1);
        const stored = parents.get(i);
        if (!stored) {
          report('ledger_node', `level ${level} index ${i}`, 'the node is missing');
        } else if (left && right && !constantTimeEqual(hashChildren(hash, left, right), stored)) {
          report('ledger_node', `level ${level} index ${i}`, 'not the hash of its two children');
        }
      }
    }
    count += await nodeCount(db, level, report, width);
    progress?.(`checked level ${level} of the tree`);
  }
  const stray = await db
    .selectFrom('ledgerNode')
    .select(['level', 'idx'])
    .where('level', '>', Math.max(0, Math.floor(Math.log2(Math.max(1, treeSize)))))
    .limit(1)
    .executeTakeFirst();
  if (stray) report('ledger_node', `level ${stray.level} index ${stray.idx}`, 'a node above the tree');
  return count;
}

/** The right edge kept beside the size is the tree's own: the next append builds on it. */
async function checkFrontier(db: Db, treeSize: number, report: Report): Promise<void> {
  const row = await db
    .selectFrom('ledgerState')
    .select('frontier')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const refs = perfectSubtrees(0, treeSize);
  const nodes = await readNodes(db, refs);
  const expected = Buffer.concat(refs.map((ref) => nodes.get(nodeKey(ref)) ?? new Uint8Array(0)));
  const kept = row.frontier ? Buffer.from(row.frontier) : Buffer.alloc(0);
  if (!(treeSize === 0 && kept.length === 0) && !kept.equals(expected)) {
    report('ledger_state', 'id 1', "the kept right edge (frontier) is not the tree's own");
  }
}

async function nodeCount(db: Db, level: number, report: Report, expected: number): Promise<number> {
  const beyond = await db
    .selectFrom('ledgerNode')
    .select('idx')
    .where('level', '=', level)
    .where('idx', '>=', expected)
    .orderBy('idx')
    .limit(1)
    .executeTakeFirst();
  if (beyond)
    report(
      'ledger_node',
      `level ${level} index ${beyond.idx}`,
      `beyond the tree's ${expected} nodes at this level`,
    );
  return expected;
}

async function levelNodes(db: Db, level: number, from: number, to: number): Promise<Map<number, Uint8Array>> {
  const rows = await db
    .selectFrom('ledgerNode')
    .select(['idx', 'hash'])
    .where('level', '=', level)
    .where('idx', '>=', from)
    .where('idx', '<', to)
    .execute();
  return new Map(rows.map((row) => [Number(row.idx), new Uint8Array(row.hash)]));
}

/** Heads form an unbroken run, only grow, and each root and signature is right. */
async function checkTreeHeads(
  db: Db,
  hash: HashFunction,
  state: { treeSize: number; platform: string | null; hashAlgorithm: string | null },
  trustedKeyPem: string | undefined,
  report: Report,
): Promise<{ count: number; latest: LedgerVerification['latestTreeHead'] }> {
  const suite = nodeSuite(SUITE_FOR_HASH[state.hashAlgorithm as 'sm3' | 'sha256']);
  const keys = new Map(
    (await db.selectFrom('ledgerKey').selectAll().execute()).map((key) => [key.keyId, key.publicKeyPem]),
  );
  const trustedKeyId = trustedKeyPem ? await keyIdOf(suite, trustedKeyPem) : null;
  const rows = await db.selectFrom('ledgerTreeHead').selectAll().orderBy('seq').execute();
  let previous: { seq: number; treeSize: number; timestamp: string } | null = null;
  for (const row of rows) {
    const head = treeHeadOf(state.platform ?? '', row);
    const where = `head #${head.seq}`;
    if (head.seq !== (previous?.seq ?? 0) + 1) {
      report(
        'ledger_tree_head',
        `head #${(previous?.seq ?? 0) + 1}`,
        'missing: the heads are not an unbroken run',
      );
    }
    if (head.hashAlgorithm !== state.hashAlgorithm)
      report('ledger_tree_head', where, `hash ${head.hashAlgorithm} is not the ledger's`);
    if (head.treeSize > state.treeSize) {
      report('ledger_tree_head', where, `claims ${head.treeSize} leaves; the ledger has ${state.treeSize}`);
      continue;
    }
    if (previous && head.treeSize < previous.treeSize)
      report(
        'ledger_tree_head',
        where,
        `the tree shrank from ${previous.treeSize} to ${head.treeSize} leaves`,
      );
    if (previous && head.timestamp < previous.timestamp)
      report('ledger_tree_head', where, 'signed before the head before it');
    const root = bytesToHex(await ledgerRoot(db, hash, head.treeSize));
    if (root !== head.rootHash) {
      report(
        'ledger_tree_head',
        where,
        `root ${head.rootHash} is not the root of the first ${head.treeSize} leaves (${root})`,
      );
    }
    const keyPem = trustedKeyPem ?? keys.get(head.keyId);
    if (trustedKeyId && head.keyId !== trustedKeyId) {
      report('ledger_tree_head', where, `signed by key ${head.keyId}, not the published key ${trustedKeyId}`);
    } else if (!keyPem) {
      report('ledger_key', head.keyId, `the key that signed ${where} is missing`);
    } else if (!(await signatureVerifies(suite, keyPem, treeHeadSigningBytes(head), head.signature))) {
      report('ledger_tree_head', where, 'the signature does not verify');
    }
    previous = head;
  }
  return { count: rows.length, latest: previous };
}

async function signatureVerifies(
  suite: ReturnType<typeof nodeSuite>,
  publicKeyPem: string,
  message: Uint8Array,
  signature: string,
): Promise<boolean> {
  try {
    return await suite.verify(publicKeyPem, message, fromBase64(signature));
  } catch {
    return false;
  }
}

/** The verified events by object, for the platforms' row checks. */
class EventIndex implements LedgerEvents {
  private readonly byObject = new Map<string, AuditEventRow[]>();

  constructor(private readonly objectTypes: ReadonlySet<string>) {}

  add(row: AuditEventRow): void {
    if (!this.objectTypes.has(row.objectType)) return;
    const key = `${row.objectType}\u0000${row.objectId}`;
    const list = this.byObject.get(key);
    if (list) list.push(row);
    else this.byObject.set(key, [row]);
  }

  forObject(objectType: string, objectId: string): readonly AuditEventRow[] {
    return this.byObject.get(`${objectType}\u0000${objectId}`) ?? [];
  }

  objectIds(objectType: string, action: string): readonly string[] {
    const ids: string[] = [];
    for (const events of this.byObject.values()) {
      const first = events[0]!;
      if (first.objectType === objectType && events.some((e) => e.action === action))
        ids.push(first.objectId);
    }
    return ids;
  }
}
