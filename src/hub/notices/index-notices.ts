import { AppError, type FieldProblem } from '../../domain/errors.ts';
import type { Trx } from '../../store/schema.ts';
import { bucketOf, gramKind, noticeGrams } from './notice-grams.ts';
import {
  insertNoticeRows,
  lockNoticeIndex,
  type NewNotice,
  type Notice,
  setNextNoticeSeq,
} from './notice-repository.ts';
import { isNoticeType } from './notice-types.ts';
import { PostingWriter } from './posting-codec.ts';
import { type PostingBlockRow, readTailBlocks, type TailBlock, writeBlocks } from './posting-repository.ts';

/**
 * A block is closed once its bytes reach this: small enough to be rewritten cheaply on each append
 * and to sit inside a SQLite page without overflow, large enough that a common word's week is a
 * few dozen rows.
 */
const BLOCK_BYTES = 800;

/** Stores a received notice and its index entries in the caller's transaction. */
export async function indexNotice(trx: Trx, notice: NewNotice): Promise<Notice> {
  return (await indexNotices(trx, [notice]))[0]!;
}

/**
 * Stores received notices and their index entries in the caller's transaction: each notice gets
 * the next number, and each posting list it belongs to gets an entry at its end. Batches share the
 * reads and writes of the blocks they touch.
 */
export async function indexNotices(trx: Trx, notices: readonly NewNotice[]): Promise<Notice[]> {
  const problems = notices.flatMap((notice, i) => noticeProblems(notice, `notices.${i}`));
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, { details: problems });
  if (notices.length === 0) return [];

  let nextSeq = await lockNoticeIndex(trx);
  const stored: Notice[] = notices.map((notice) => ({
    ...notice,
    publishedAt: wholeSeconds(notice.publishedAt),
    seq: nextSeq++,
  }));
  await insertNoticeRows(trx, stored);

  const byBucket = new Map<number, Map<string, NewEntries>>();
  for (const notice of stored) {
    const publishedSeconds = Date.parse(notice.publishedAt) / 1000;
    const bucket = bucketOf(publishedSeconds);
    let lists = byBucket.get(bucket);
    if (!lists) byBucket.set(bucket, (lists = new Map()));
    for (const [gram, payload] of noticeGrams([notice.title, notice.body], { ...notice, publishedSeconds })) {
      const entries = lists.get(gram);
      if (entries) {
        entries.seqs.push(notice.seq);
        entries.payloads.push(payload);
      } else {
        lists.set(gram, { seqs: [notice.seq], payloads: [payload] });
      }
    }
  }
  for (const [bucket, lists] of byBucket) {
    const tails = await readTailBlocks(trx, bucket, [...lists.keys()]);
    const blocks: PostingBlockRow[] = [];
    for (const [gram, entries] of lists)
      blocks.push(...appendEntries(gram, bucket, tails.get(gram), entries));
    await writeBlocks(trx, blocks);
  }
  await setNextNoticeSeq(trx, nextSeq);
  return stored;
}

/** Entries for one list in one bucket, ascending: the notices and what each entry holds. */
interface NewEntries {
  readonly seqs: number[];
  readonly payloads: number[][];
}

/** The blocks that change when `entries` are added at the end of a list: its last one and any new. */
function appendEntries(
  gram: string,
  bucket: number,
  tail: TailBlock | undefined,
  entries: NewEntries,
): PostingBlockRow[] {
  const kind = gramKind(gram);
  const changed: PostingBlockRow[] = [];
  let block = tail?.block ?? 0;
  let writer = new PostingWriter(tail?.data);
  let count = tail?.entries ?? 0;
  let lastSeq = tail?.lastSeq ?? 0;
  let dirty = false;
  for (const [i, seq] of entries.seqs.entries()) {
    if (count > 0 && writer.length >= BLOCK_BYTES) {
      if (dirty) changed.push({ gram, bucket, block, entries: count, lastSeq, data: writer.finish() });
      // The next block goes on from lastSeq: a list's blocks joined are its bytes.
      block++;
      writer = new PostingWriter();
      count = 0;
    }
    writer.append(kind, seq, lastSeq, entries.payloads[i]!);
    lastSeq = seq;
    count++;
    dirty = true;
  }
  changed.push({ gram, bucket, block, entries: count, lastSeq, data: writer.finish() });
  return changed;
}

/** Published times are kept to the second, as the data sets carry them; they order the results. */
function wholeSeconds(instant: string): string {
  return new Date(Math.floor(Date.parse(instant) / 1000) * 1000).toISOString();
}

/** What the index relies on; the exchange validates the rest of the data set. */
function noticeProblems(notice: NewNotice, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!/^\d{6}$/.test(notice.regionCode))
    problems.push({ path: `${path}.regionCode`, code: 'invalid_string' });
  if (!isNoticeType(notice.noticeType)) problems.push({ path: `${path}.noticeType`, code: 'invalid_value' });
  if (!(Date.parse(notice.publishedAt) >= 0))
    problems.push({ path: `${path}.publishedAt`, code: 'invalid_date' });
  if (notice.amountFen !== null && !(Number.isSafeInteger(notice.amountFen) && notice.amountFen >= 0)) {
    problems.push({ path: `${path}.amountFen`, code: 'invalid_number' });
  }
  return problems;
}
