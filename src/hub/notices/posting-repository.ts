import { type Kysely, sql } from 'kysely';
import { columnTypes } from '../../store/migrations/dialect.ts';
import type { Db, Trx } from '../../store/schema.ts';
import { hubNoticeDb } from './notice-tables.ts';
import type { EncodedList } from './posting-codec.ts';

/** The open (last) block of a posting list in one bucket, to which new entries are appended. */
export interface TailBlock {
  readonly block: number;
  readonly entries: number;
  readonly lastSeq: number;
  readonly data: Uint8Array;
}

export interface PostingBlockRow {
  readonly gram: string;
  readonly bucket: number;
  readonly block: number;
  readonly entries: number;
  readonly lastSeq: number;
  readonly data: Uint8Array;
}

/** Both drivers' limits on bound parameters are far above this. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The last block of each gram's list in `bucket`, for the grams that have one. */
export async function readTailBlocks(
  trx: Trx,
  bucket: number,
  grams: readonly string[],
): Promise<Map<string, TailBlock>> {
  const tails = new Map<string, TailBlock>();
  const db = hubNoticeDb(trx);
  for (const some of chunks(grams, CHUNK)) {
    // Each list's last block, found from the key index alone, then read.
    const rows = await db
      .selectFrom('hubNoticePosting as p')
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('hubNoticePosting')
            .select((q) => ['gram', q.fn.max('block').as('last')])
            .where('bucket', '=', bucket)
            .where('gram', 'in', some)
            .groupBy('gram')
            .as('t'),
        (join) => join.onRef('t.gram', '=', 'p.gram').onRef('t.last', '=', 'p.block'),
      )
      .select(['p.gram', 'p.block', 'p.entries', 'p.lastSeq', 'p.data'])
      .where('p.bucket', '=', bucket)
      .execute();
    for (const row of rows) {
      tails.set(row.gram, {
        block: row.block,
        entries: row.entries,
        lastSeq: Number(row.lastSeq),
        data: row.data,
      });
    }
  }
  return tails;
}

/** Inserts new blocks and replaces grown ones. */
export async function writeBlocks(trx: Trx, blocks: readonly PostingBlockRow[]): Promise<void> {
  const db = hubNoticeDb(trx);
  for (const some of chunks(blocks, CHUNK)) {
    await db
      .insertInto('hubNoticePosting')
      .values(some.map((block) => ({ ...block, data: asBuffer(block.data) })))
      .onConflict((oc) =>
        oc.columns(['gram', 'bucket', 'block']).doUpdateSet((eb) => ({
          entries: eb.ref('excluded.entries'),
          lastSeq: eb.ref('excluded.lastSeq'),
          data: eb.ref('excluded.data'),
        })),
      )
      .execute();
  }
}

/** better-sqlite3 binds Buffers, not other byte arrays; this one shares the bytes. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** How many entries each gram's list has in [fromBucket, toBucket], for the grams that have any. */
export async function readEntryTotals(
  db: Db,
  grams: readonly string[],
  fromBucket: number,
  toBucket: number,
): Promise<Map<string, number>> {
  if (grams.length === 0) return new Map();
  const rows = await hubNoticeDb(db)
    .selectFrom('hubNoticePosting')
    .select((eb) => ['gram', eb.fn.sum<number | string>('entries').as('entries')])
    .where('gram', 'in', grams)
    .where('bucket', '>=', fromBucket)
    .where('bucket', '<=', toBucket)
    .groupBy('gram')
    .execute();
  return new Map(rows.map((row) => [row.gram, Number(row.entries)]));
}

/** How many entries each gram's list has in each bucket of [fromBucket, toBucket]. */
export async function readDirectory(
  db: Db,
  grams: readonly string[],
  fromBucket: number,
  toBucket: number,
): Promise<{ gram: string; bucket: number; entries: number }[]> {
  if (grams.length === 0) return [];
  const rows = await hubNoticeDb(db)
    .selectFrom('hubNoticePosting')
    .select((eb) => ['gram', 'bucket', eb.fn.sum<number | string>('entries').as('entries')])
    .where('gram', 'in', grams)
    .where('bucket', '>=', fromBucket)
    .where('bucket', '<=', toBucket)
    .groupBy(['gram', 'bucket'])
    .execute();
  return rows.map((row) => ({ gram: row.gram, bucket: row.bucket, entries: Number(row.entries) }));
}

/** The given lists in the given buckets, each with its blocks joined in order. */
export async function readLists(
  db: Db,
  grams: readonly string[],
  buckets: readonly number[],
): Promise<({ gram: string; bucket: number } & EncodedList)[]> {
  if (grams.length === 0 || buckets.length === 0) return [];
  const postgres = columnTypes(db as unknown as Kysely<unknown>).postgres;
  // One row per list and bucket: a common word has dozens of blocks in a week.
  // PostgreSQL sends bytea as hex text; base64 is a third smaller (Buffer.from skips its line breaks).
  const joined = postgres
    ? sql<Uint8Array | string>`encode(string_agg(data, ''::bytea order by block), 'base64')`
    : sql<Uint8Array | string>`cast(group_concat(data, '' order by block) as blob)`;
  const rows = await hubNoticeDb(db)
    .selectFrom('hubNoticePosting')
    .select((eb) => [
      'gram',
      'bucket',
      eb.fn.sum<number | string>('entries').as('entries'),
      joined.as('data'),
    ])
    .where('gram', 'in', grams)
    .where('bucket', 'in', buckets)
    .groupBy(['gram', 'bucket'])
    .execute();
  return rows.map((row) => ({
    gram: row.gram,
    bucket: row.bucket,
    entries: Number(row.entries),
    data: typeof row.data === 'string' ? Buffer.from(row.data, 'base64') : row.data,
  }));
}
