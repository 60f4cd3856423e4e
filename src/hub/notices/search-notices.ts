import type { Page } from '../../store/page.ts';
import type { Db } from '../../store/schema.ts';
import { matchBucket, newestFirst } from './bucket-matches.ts';
import { PUBLISHED_GRAM } from './notice-grams.ts';
import { findNoticeSummaries, type NoticeSummary } from './notice-repository.ts';
import type { EncodedList } from './posting-codec.ts';
import { readLists } from './posting-repository.ts';
import { clauseGrams, planSearch, type SearchPlan } from './search-plan.ts';
import { type NoticeSearchQuery, parseSearchQuery, SEARCH_WINDOW } from './search-query.ts';
import { titleHighlights } from './title-highlights.ts';

export interface NoticeHit extends NoticeSummary {
  /** Where the search words occur in the title: [start, end) in UTF-16 code units. */
  readonly titleHighlights: readonly (readonly [number, number])[];
}

export interface NoticeSearchPage extends Page<NoticeHit> {
  /**
   * False when counting stopped past the search window (SEARCH_WINDOW hits, as deep as one can
   * page): `total` is then a lower bound, and a conjunction of common words and filters reads a few
   * weeks, not every week. Counts that the index holds outright (one word of one or two characters,
   * or one filter) are exact at any size.
   */
  readonly totalExact: boolean;
}

/**
 * The public notice search: the notices containing every word of the text (see NoticeSearchQuery)
 * and meeting the filters, newest published first, one page of them with the number of hits. Posting
 * lists are read bucket by bucket from the newest week, in windows that grow fourfold, so a page of
 * a common word reads a few weeks and a rare one reads only the weeks where its lists meet.
 */
export async function searchNotices(db: Db, query: NoticeSearchQuery): Promise<NoticeSearchPage> {
  const search = parseSearchQuery(query);
  const plan = await planSearch(db, search);
  const page = { page: query.page, pageSize: query.pageSize };
  if (!plan) return { items: [], total: 0, totalExact: true, ...page };
  const ranked = await rankPage(db, plan, search.offset, search.offset + search.pageSize);
  const notices = new Map((await findNoticeSummaries(db, ranked.seqs)).map((notice) => [notice.seq, notice]));
  const items = ranked.seqs.map((seq) => {
    const notice = notices.get(seq)!;
    return { ...notice, titleHighlights: titleHighlights(notice.title, search.terms) };
  });
  return { items, total: ranked.total, totalExact: ranked.totalExact, ...page };
}

interface PagePart {
  readonly bucket: number;
  /** Hits in the buckets before this one. */
  readonly before: number;
  /** Null when the count came from the entry counts and the hits are still to be read. */
  readonly hits: ArrayLike<number> | null;
}

/** Counts hits newest bucket first and returns the notice numbers of ranks [start, end). */
async function rankPage(
  db: Db,
  plan: SearchPlan,
  start: number,
  end: number,
): Promise<{ seqs: number[]; total: number; totalExact: boolean }> {
  const parts: PagePart[] = [];
  let counted = 0;
  let totalExact = true;
  let next = 0;
  let window = 1;
  scan: while (next < plan.buckets.length) {
    const upcoming = plan.buckets.slice(next);
    const read = await readBucketLists(
      db,
      plan,
      upcoming.filter((bucket) => plan.knownCount(bucket) === null).slice(0, window),
    );
    for (const bucket of upcoming) {
      const known = plan.knownCount(bucket);
      if (known === null && counted >= SEARCH_WINDOW) {
        totalExact = false;
        break scan;
      }
      if (known === null && !read.has(bucket)) break;
      const hits = known === null ? matchBucket(plan, bucket, read.get(bucket)!) : null;
      const count = known ?? hits!.length;
      if (counted < end && counted + count > start) parts.push({ bucket, before: counted, hits });
      counted += count;
      next++;
    }
    window *= 4;
  }

  const seqs: number[] = [];
  const pageLists = await readListsByBucket(
    db,
    [PUBLISHED_GRAM, ...(parts.some((part) => part.hits === null) ? clauseGrams(plan.clauses) : [])],
    parts.map((part) => part.bucket),
  );
  for (const part of parts) {
    const lists = pageLists.get(part.bucket)!;
    const ranked = newestFirst(part.hits ?? matchBucket(plan, part.bucket, lists), lists);
    seqs.push(...ranked.slice(Math.max(0, start - part.before), end - part.before));
  }
  return { seqs, total: counted, totalExact };
}

/** The lists the plan's clauses need in the given buckets, and the published times where the date range cuts. */
async function readBucketLists(
  db: Db,
  plan: SearchPlan,
  buckets: readonly number[],
): Promise<Map<number, Map<string, EncodedList>>> {
  const read = await readListsByBucket(db, clauseGrams(plan.clauses), buckets);
  const cut = buckets.filter((bucket) => plan.cutByTime(bucket));
  for (const [bucket, lists] of await readListsByBucket(db, [PUBLISHED_GRAM], cut)) {
    for (const [gram, list] of lists) read.get(bucket)!.set(gram, list);
  }
  return read;
}

async function readListsByBucket(
  db: Db,
  grams: readonly string[],
  buckets: readonly number[],
): Promise<Map<number, Map<string, EncodedList>>> {
  const byBucket = new Map<number, Map<string, EncodedList>>();
  for (const bucket of buckets) byBucket.set(bucket, new Map());
  for (const row of await readLists(db, grams, buckets)) byBucket.get(row.bucket)!.set(row.gram, row);
  return byBucket;
}
