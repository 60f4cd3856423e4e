import { type Kysely, type Selectable, sql } from 'kysely';
import type { HashFunction } from '../ledger/merkle-tree-hash.ts';
import { emptyRoot, hashChildren } from '../ledger/merkle-tree-hash.ts';
import {
  type LeafRange,
  type NodeRef,
  consistencyRanges,
  inclusionRanges,
  nodeKey,
  perfectSubtrees,
  rangeRoots,
} from '../ledger/subtree-ranges.ts';
import type { LedgerHashAlgorithm, SignedTreeHead } from '../ledger/tree-head.ts';
import { columnTypes } from './migrations/dialect.ts';
import type { Db, LedgerTreeHeadTable, Trx } from './schema.ts';

/** The ledger as an append holds it: its size and hash, and the perfect subtrees on its right edge. */
export interface LedgerAppendState {
  readonly treeSize: number;
  readonly hashAlgorithm: LedgerHashAlgorithm;
  /** perfectSubtrees(0, treeSize) with their hashes, largest first. */
  readonly frontier: readonly StoredNode[];
}

export interface StoredNode extends NodeRef {
  readonly hash: Uint8Array;
}

export interface LedgerStateRow {
  readonly treeSize: number;
  readonly platform: string | null;
  readonly hashAlgorithm: LedgerHashAlgorithm | null;
}

/** SM3 and SHA-256 digests alike. */
export const HASH_BYTES = 32;
/** SQLite binds at most 32,766 parameters; three per node. */
const NODES_PER_INSERT = 5000;
/** OR-ed key lookups per query. */
const NODES_PER_SELECT = 400;

export async function readLedgerState(db: Db | Trx): Promise<LedgerStateRow> {
  const row = await db
    .selectFrom('ledgerState')
    .select(['treeSize', 'platform', 'hashAlgorithm'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return {
    treeSize: Number(row.treeSize),
    platform: row.platform,
    hashAlgorithm: row.hashAlgorithm as LedgerHashAlgorithm | null,
  };
}

/**
 * Takes the ledger for an append inside `trx`: on PostgreSQL the state row is locked until commit,
 * so leaves get their indexes in commit order with no gaps (SQLite has one writer anyway). Null
 * while no service has chosen the hash yet; such events are added when one starts.
 */
export async function lockLedger(trx: Trx): Promise<LedgerAppendState | null> {
  let query = trx
    .selectFrom('ledgerState')
    .select(['treeSize', 'hashAlgorithm', 'frontier'])
    .where('id', '=', 1);
  if (columnTypes(trx as unknown as Kysely<unknown>).postgres) query = query.forUpdate();
  const row = await query.executeTakeFirstOrThrow();
  if (!row.hashAlgorithm) return null;
  const treeSize = Number(row.treeSize);
  const refs = perfectSubtrees(0, treeSize);
  // The right edge is kept beside the size, so an append reads one row; the nodes are the fallback.
  const kept = row.frontier ? new Uint8Array(row.frontier) : new Uint8Array(0);
  const hashes =
    kept.length === refs.length * HASH_BYTES
      ? refs.map((_, i) => kept.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES))
      : await readNodes(trx, refs).then((found) => refs.map((ref) => requireNode(found, ref)));
  return {
    treeSize,
    hashAlgorithm: row.hashAlgorithm as LedgerHashAlgorithm,
    frontier: refs.map((ref, i) => ({ ...ref, hash: hashes[i]! })),
  };
}

/**
 * Appends leaves (their leaf hashes) after `state`, storing each leaf and every perfect subtree it
 * completes, and moves the size on. Returns the new state for a further append in the same
 * transaction.
 */
export async function appendLedgerLeaves(
  trx: Trx,
  hash: HashFunction,
  state: LedgerAppendState,
  leafHashes: readonly Uint8Array[],
  at: string,
): Promise<LedgerAppendState> {
  if (leafHashes.length === 0) return state;
  const stack: StoredNode[] = [...state.frontier];
  const fresh: StoredNode[] = [];
  let index = state.treeSize;
  for (const leafHash of leafHashes) {
    let node: StoredNode = { level: 0, index, hash: leafHash };
    fresh.push(node);
    // A node whose left sibling is complete completes their parent, and so on up.
    while (stack.length > 0 && stack[stack.length - 1]!.level === node.level) {
      const left = stack.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: hashChildren(hash, left.hash, node.hash) };
      fresh.push(node);
    }
    stack.push(node);
    index += 1;
  }
  for (let i = 0; i < fresh.length; i += NODES_PER_INSERT) {
    await trx
      .insertInto('ledgerNode')
      .values(
        fresh
          .slice(i, i + NODES_PER_INSERT)
          .map((n) => ({ level: n.level, idx: n.index, hash: toBuffer(n.hash) })),
      )
      .execute();
  }
  const frontier = Buffer.concat(stack.map((node) => node.hash));
  await trx
    .updateTable('ledgerState')
    .set({ treeSize: index, frontier, updatedAt: at })
    .where('id', '=', 1)
    .execute();
  return { treeSize: index, hashAlgorithm: state.hashAlgorithm, frontier: stack };
}

/**
 * The stored hashes of the given perfect subtrees, keyed by `nodeKey`. Written as one SQL template
 * rather than through the expression builder: on the proof path, building the OR of key pairs cost
 * more than the lookups themselves (see the ledger benchmark).
 */
export async function readNodes(db: Db | Trx, refs: readonly NodeRef[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  for (let i = 0; i < refs.length; i += NODES_PER_SELECT) {
    const keys = refs
      .slice(i, i + NODES_PER_SELECT)
      .map((ref) => sql`(level = ${ref.level} and idx = ${ref.index})`);
    const { rows } = await sql<{ level: number; idx: number | string; hash: Uint8Array }>`
      select level, idx, hash from ledger_node where ${sql.join(keys, sql` or `)}`.execute(db);
    for (const row of rows) {
      found.set(nodeKey({ level: Number(row.level), index: Number(row.idx) }), new Uint8Array(row.hash));
    }
  }
  return found;
}

/** MTH of the first `treeSize` leaves, from stored subtrees. */
export async function ledgerRoot(db: Db | Trx, hash: HashFunction, treeSize: number): Promise<Uint8Array> {
  if (treeSize === 0) return emptyRoot(hash);
  const [root] = await rangeRoots(hash, [[0, treeSize]], (refs) => readNodes(db, refs));
  return root!;
}

export async function ledgerLeafHash(db: Db | Trx, index: number): Promise<Uint8Array | null> {
  const row = await db
    .selectFrom('ledgerNode')
    .select('hash')
    .where('level', '=', 0)
    .where('idx', '=', index)
    .executeTakeFirst();
  return row ? new Uint8Array(row.hash) : null;
}

/** The inclusion proof of leaf `index` in the tree of `treeSize` leaves. */
export async function inclusionPath(
  db: Db | Trx,
  hash: HashFunction,
  index: number,
  treeSize: number,
): Promise<Uint8Array[]> {
  return proofFrom(db, hash, inclusionRanges(index, treeSize));
}

/** The consistency proof from the tree of `first` leaves to that of `second`. */
export async function consistencyPath(
  db: Db | Trx,
  hash: HashFunction,
  first: number,
  second: number,
): Promise<Uint8Array[]> {
  return proofFrom(db, hash, consistencyRanges(first, second));
}

function proofFrom(db: Db | Trx, hash: HashFunction, ranges: readonly LeafRange[]): Promise<Uint8Array[]> {
  return rangeRoots(hash, ranges, (refs) => readNodes(db, refs));
}

export async function saveLedgerKey(
  db: Db | Trx,
  key: { keyId: string; signatureAlgorithm: string; publicKeyPem: string },
  at: string,
): Promise<void> {
  await db
    .insertInto('ledgerKey')
    .values({ ...key, firstUsedAt: at })
    .onConflict((oc) => oc.column('keyId').doNothing())
    .execute();
}

export async function listLedgerKeys(db: Db | Trx) {
  return db.selectFrom('ledgerKey').selectAll().orderBy('firstUsedAt').orderBy('keyId').execute();
}

export async function insertTreeHead(trx: Trx, head: SignedTreeHead): Promise<void> {
  await trx
    .insertInto('ledgerTreeHead')
    .values({
      seq: head.seq,
      treeSize: head.treeSize,
      rootHash: head.rootHash,
      timestamp: head.timestamp,
      hashAlgorithm: head.hashAlgorithm,
      keyId: head.keyId,
      signatureAlgorithm: head.signatureAlgorithm,
      signature: head.signature,
    })
    .execute();
}

type TreeHeadRow = Selectable<LedgerTreeHeadTable>;

export function treeHeadOf(platform: string, row: TreeHeadRow): SignedTreeHead {
  return {
    platform,
    seq: Number(row.seq),
    treeSize: Number(row.treeSize),
    rootHash: row.rootHash,
    timestamp: row.timestamp,
    hashAlgorithm: row.hashAlgorithm as SignedTreeHead['hashAlgorithm'],
    keyId: row.keyId,
    signatureAlgorithm: row.signatureAlgorithm as SignedTreeHead['signatureAlgorithm'],
    signature: row.signature,
  };
}

export async function latestTreeHeadRow(db: Db | Trx): Promise<TreeHeadRow | undefined> {
  return db.selectFrom('ledgerTreeHead').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** The earliest head whose tree holds `treeSize` leaves or more. */
export async function treeHeadRowCovering(db: Db | Trx, treeSize: number): Promise<TreeHeadRow | undefined> {
  return db
    .selectFrom('ledgerTreeHead')
    .selectAll()
    .where('treeSize', '>=', treeSize)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
}

export async function treeHeadRowOfSize(db: Db | Trx, treeSize: number): Promise<TreeHeadRow | undefined> {
  return db
    .selectFrom('ledgerTreeHead')
    .selectAll()
    .where('treeSize', '=', treeSize)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listTreeHeadRows(
  db: Db | Trx,
  page: number,
  pageSize: number,
): Promise<{ items: TreeHeadRow[]; total: number }> {
  const { total } = await db
    .selectFrom('ledgerTreeHead')
    .select(sql<string | number>`count(*)`.as('total'))
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom('ledgerTreeHead')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items, total: Number(total) };
}

/** Audit events that have no leaf yet (written before the ledger had its hash), oldest first. */
export async function unsequencedAuditEvents(db: Db | Trx, limit: number) {
  return db
    .selectFrom('auditEvent')
    .selectAll()
    .where('leafIndex', 'is', null)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

function requireNode(found: ReadonlyMap<string, Uint8Array>, ref: NodeRef): Uint8Array {
  const node = found.get(nodeKey(ref));
  if (!node) throw new Error(`ledger node ${nodeKey(ref)} is missing`);
  return node;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
