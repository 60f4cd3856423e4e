import type { Page } from '../../store/page.ts';
import type { Db } from '../../store/schema.ts';
import { bucketConditions, matchBucket, matchConditions, newestFirst } from './bucket-matches.ts';
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
   * False when `total` is an estimate: counting notice by notice stopped once the page was found
   * and counting on would have read more than the budget (COUNT_BUDGET entries), or past the search window
   * (SEARCH_WINDOW hits, as deep as one can page). The estimate is the hits counted plus, for the
   * weeks left, their share by the entries of each week's smallest condition. Counts that the index
   * holds outright (one word of one or two characters, or one filter) are exact at any size.
   */
  readonly totalExact: boolean;
}

/**
 * Counting the hits past the page reads at most this many entries of posting lists (about 0.1 MB);
 * the rest of the total is estimated.
 */
const COUNT_BUDGET = 30_000;

/**
 * The public notice search: the notices containing every word of the text (see NoticeSearchQuery)
 * and meeting the filters, newest published first, one page of them with the number of hits. Posting
 * lists are read bucket by bucket from the newest week, in windows that grow fourfold, so a page of
 * a common word reads a few weeks and a rare one reads only the weeks where its lists meet. Within a
 * window the smallest condition's lists are read first, and the others only for the weeks where
 * notices are left.
 */
export async function searchNotices(
  db: Db,
  query: NoticeSearchQuery,
  { countBudget = COUNT_BUDGET }: { countBudget?: number } = {},
): Promise<NoticeSearchPage> {
  const search = parseSearchQuery(query);
  const plan = await planSearch(db, search);
  const page = { page: query.page, pageSize: query.pageSize };
  if (!plan) return { items: [], total: 0, totalExact: true, ...page };
  const ranked = await rankPage(db, plan, search.offset, search.offset + search.pageSize, countBudget);
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

/** Lists read so far, by bucket and gram. */
type ReadLists = Map<number, Map<string, EncodedList>>;

/** Counts hits newest bucket first and returns the notice numbers of ranks [start, end). */
async function rankPage(
  db: Db,
  plan: SearchPlan,
  start: number,
  end: number,
  countBudget: number,
): Promise<{ seqs: number[]; total: number; totalExact: boolean }> {
  const parts: PagePart[] = [];
  const read: ReadLists = new Map();
  let counted = 0;
  let entriesRead = 0;
  // Over the buckets matched notice by notice: their hits, and the entries of their smallest conditions.
  let matchedHits = 0;
  let matchedSize = 0;
  let next = 0;
  let window = 1;
  let stopped = false;
  while (next < plan.buckets.length && !stopped) {
    const upcoming = plan.buckets.slice(next);
    // The next buckets to match notice by notice; once the page is found, only the budget's worth.
    const chosen: number[] = [];
    let cost = entriesRead;
    for (const bucket of upcoming) {
      if (chosen.length === window) break;
      if (plan.knownCount(bucket) !== null) continue;
      cost += bucketConditions(plan, bucket).reduce((sum, condition) => sum + condition.cost, 0);
      if (counted >= end && cost > countBudget) {
        stopped = true;
        break;
      }
      chosen.push(bucket);
    }
    const matched = await matchWindow(db, plan, chosen, read);
    entriesRead += matched.entriesRead;
    for (const bucket of upcoming) {
      const known = plan.knownCount(bucket);
      if (known === null && counted >= SEARCH_WINDOW) stopped = true;
      if (known === null && (counted >= SEARCH_WINDOW || !matched.hits.has(bucket))) break;
      const hits = known === null ? matched.hits.get(bucket)! : null;
      const count = known ?? hits!.length;
      if (hits) {
        matchedHits += count;
        matchedSize += smallestCondition(plan, bucket);
      }
      if (counted < end && counted + count > start) parts.push({ bucket, before: counted, hits });
      counted += count;
      next++;
    }
    window *= 4;
  }

  const totalExact = next === plan.buckets.length;
  let total = counted;
  if (!totalExact) {
    // The weeks left: their exact counts where the entry counts tell them, else their share.
    const rate = matchedSize > 0 ? matchedHits / matchedSize : 0;
    for (const bucket of plan.buckets.slice(next))
      total += plan.knownCount(bucket) ?? Math.round(rate * smallestCondition(plan, bucket));
  }

  await readMissing(
    db,
    parts.map(({ bucket, hits }) => ({
      bucket,
      grams: [PUBLISHED_GRAM, ...(hits === null ? clauseGrams(plan.clauses) : [])],
    })),
    read,
  );
  const seqs: number[] = [];
  for (const part of parts) {
    const lists = read.get(part.bucket)!;
    const ranked = newestFirst(part.hits ?? matchBucket(plan, part.bucket, lists), lists);
    seqs.push(...ranked.slice(Math.max(0, start - part.before), end - part.before));
  }
  return { seqs, total, totalExact };
}

function smallestCondition(plan: SearchPlan, bucket: number): number {
  return Math.min(...bucketConditions(plan, bucket).map((condition) => condition.size));
}

/**
 * The hits of each bucket, matched notice by notice. Lists are read in up to three stages: the
 * clause whose lists hold the fewest entries over the window, then the next, then the rest with the date range
 * (the published times, the longest list, where the range cuts a bucket), each only for the buckets
 * where notices are left, so that a rare word spares reading the common words and filters beside it.
 */
async function matchWindow(
  db: Db,
  plan: SearchPlan,
  buckets: readonly number[],
  read: ReadLists,
): Promise<{ hits: Map<number, ArrayLike<number>>; entriesRead: number }> {
  const conditions = new Map(buckets.map((bucket) => [bucket, bucketConditions(plan, bucket)]));
  const windowCost = (i: number) =>
    buckets.reduce((sum, bucket) => sum + conditions.get(bucket)![i]!.cost, 0);
  const order = plan.clauses.map((_, i) => i).sort((a, b) => windowCost(a) - windowCost(b));
  const stages = order.length <= 2 ? order.map((i) => [i]) : [[order[0]!], [order[1]!], order.slice(2)];
  // The date range's condition follows the clauses' (bucketConditions), where the range cuts the bucket.
  if (stages.length === 0) stages.push([]);
  stages.at(-1)!.push(plan.clauses.length);

  const hits = new Map<number, ArrayLike<number>>();
  let entriesRead = 0;
  let left = buckets;
  for (const stage of stages) {
    const stageConditions = (bucket: number) => stage.flatMap((i) => conditions.get(bucket)![i] ?? []);
    entriesRead += await readMissing(
      db,
      left.map((bucket) => ({ bucket, grams: stageConditions(bucket).flatMap(({ grams }) => grams) })),
      read,
    );
    for (const bucket of left) {
      const applying = stageConditions(bucket);
      if (applying.length) hits.set(bucket, matchConditions(applying, read.get(bucket)!, hits.get(bucket)));
    }
    left = left.filter((bucket) => hits.get(bucket)!.length > 0);
    if (left.length === 0) break;
  }
  return { hits, entriesRead };
}

/**
 * Reads the lists of each bucket that are not read yet, in one query, and returns how many entries
 * they hold. A list with no entries in a bucket is kept as empty.
 */
async function readMissing(
  db: Db,
  wanted: readonly { bucket: number; grams: readonly string[] }[],
  read: ReadLists,
): Promise<number> {
  // Buckets wanting the same lists share a request.
  const requests = new Map<string, { grams: string[]; buckets: number[] }>();
  for (const { bucket, grams } of wanted) {
    let lists = read.get(bucket);
    if (!lists) read.set(bucket, (lists = new Map()));
    const missing = [...new Set(grams)].filter((gram) => !lists.has(gram)).sort();
    if (missing.length === 0) continue;
    const key = missing.join('\u0000');
    const request = requests.get(key);
    if (request) request.buckets.push(bucket);
    else requests.set(key, { grams: missing, buckets: [bucket] });
  }
  if (requests.size === 0) return 0;
  let entries = 0;
  for (const row of await readLists(db, [...requests.values()])) {
    read.get(row.bucket)!.set(row.gram, row);
    entries += row.entries;
  }
  for (const { grams, buckets } of requests.values()) {
    for (const bucket of buckets) {
      const lists = read.get(bucket)!;
      for (const gram of grams) if (!lists.has(gram)) lists.set(gram, EMPTY_LIST);
    }
  }
  return entries;
}

const EMPTY_LIST: EncodedList = { entries: 0, data: new Uint8Array(0) };
