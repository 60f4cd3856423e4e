import { type Kysely, sql } from 'kysely';
import { columnTypes } from '../../store/migrations/dialect.ts';
import type { Db, Trx } from '../../store/schema.ts';
import { PUBLISHED_GRAM } from './notice-grams.ts';
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

/**
 * How many entries each gram's list has in each bucket of [fromBucket, toBucket], and the published
 * times' list in `publishedBuckets` (every bucket of the range for 'all').
 */
export async function readDirectory(
  db: Db,
  grams: readonly string[],
  fromBucket: number,
  toBucket: number,
  publishedBuckets: readonly number[] | 'all',
): Promise<{ gram: string; bucket: number; entries: number }[]> {
  const published = publishedBuckets === 'all' || publishedBuckets.length > 0;
  if (grams.length === 0 && !published) return [];
  const rows = await hubNoticeDb(db)
    .selectFrom('hubNoticePosting')
    .select((eb) => ['gram', 'bucket', eb.fn.sum<number | string>('entries').as('entries')])
    .where((eb) => {
      const wanted = [];
      if (grams.length) wanted.push(eb('gram', 'in', grams));
      if (publishedBuckets === 'all') wanted.push(eb('gram', '=', PUBLISHED_GRAM));
      else if (publishedBuckets.length)
        wanted.push(eb.and([eb('gram', '=', PUBLISHED_GRAM), eb('bucket', 'in', publishedBuckets)]));
      return eb.or(wanted);
    })
    .where('bucket', '>=', fromBucket)
    .where('bucket', '<=', toBucket)
    .groupBy(['gram', 'bucket'])
    .execute();
  return rows.map((row) => ({ gram: row.gram, bucket: row.bucket, entries: Number(row.entries) }));
}

/** Some lists (`grams`) in some buckets. */
export interface ListRequest {
  readonly grams: readonly string[];
  readonly buckets: readonly number[];
}

/** The requested lists in the requested buckets, each with its blocks joined in order, in one query. */
export async function readLists(
  db: Db,
  requests: readonly ListRequest[],
): Promise<({ gram: string; bucket: number } & EncodedList)[]> {
  const wanted = requests.filter(({ grams, buckets }) => grams.length > 0 && buckets.length > 0);
  if (wanted.length === 0) return [];
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
    .where((eb) =>
      eb.or(
        wanted.map(({ grams, buckets }) => eb.and([eb('gram', 'in', grams), eb('bucket', 'in', buckets)])),
      ),
    )
    .groupBy(['gram', 'bucket'])
    .execute();
  return rows.map((row) => ({
    gram: row.gram,
    bucket: row.bucket,
    entries: Number(row.entries),
    data: typeof row.data === 'string' ? Buffer.from(row.data, 'base64') : row.data,
  }));
}
