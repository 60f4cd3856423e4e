import type { Db } from '../../store/schema.ts';
import {
  amountBand,
  amountGram,
  BUCKET_SECONDS,
  bucketOf,
  PUBLISHED_GRAM,
  wordGrams,
} from './notice-grams.ts';
import { findNoticesByCode } from './notice-repository.ts';
import { readDirectory } from './posting-repository.ts';
import type { ParsedSearch } from './search-query.ts';
import { cheapestCover } from './word-cover.ts';

/** A word in the text, or a filter value. */
export type ListClause =
  /** Being in the list: of a character, of a word that is one gram, of a filter value. */
  | { readonly kind: 'list'; readonly gram: string }
  /** A longer word: grams covering it, each found at its offset from the word's start. */
  | {
      readonly kind: 'phrase';
      readonly cover: readonly { readonly gram: string; readonly offset: number }[];
    };

/** One condition every hit meets, in terms of posting lists. */
export type Clause =
  | ListClause
  /** A word found in the text, or equal to the deal code or tender project code of these notices (by bucket). */
  | {
      readonly kind: 'either';
      /** Null when the word is in no text. */
      readonly text: ListClause | null;
      readonly codes: ReadonlyMap<number, readonly number[]>;
    }
  /** An amount range: the orders of magnitude it touches; the partly covered ones check each amount. */
  | {
      readonly kind: 'amount';
      readonly bands: readonly { readonly gram: string; readonly partial: boolean }[];
      readonly min: number;
      readonly max: number;
    };

export interface SearchPlan {
  readonly clauses: readonly Clause[];
  /** The buckets where every clause has entries, newest first; hits are in no other. */
  readonly buckets: readonly number[];
  /** Published time range in seconds, half-open. */
  readonly time: { readonly from: number; readonly to: number } | null;
  /** The number of hits in a bucket when the entry counts alone tell it; null when blocks must be read. */
  knownCount(bucket: number): number | null;
  /** Whether the date range cuts through the bucket, so each notice's time must be checked. */
  cutByTime(bucket: number): boolean;
  /** How many entries a gram's list has in a bucket: of the clauses' grams, and of the published times where the range cuts. */
  entries(gram: string, bucket: number): number;
}

/** The largest bucket the integer column holds. */
const LAST_BUCKET = 2 ** 31 - 1;

/**
 * Plans a search from the entry counts of the lists it could use, read in one go: which grams cover
 * each word (the rarest), and which buckets can hold hits. Null when nothing can match.
 */
export async function planSearch(db: Db, search: ParsedSearch): Promise<SearchPlan | null> {
  const time = search.time;
  if (time && time.from >= time.to) return null;
  const fromBucket = time ? bucketOf(time.from) : 0;
  const toBucket = time ? Math.min(bucketOf(time.to - 1), LAST_BUCKET) : LAST_BUCKET;
  const bands = search.amount ? amountBands(search.amount.min, search.amount.max) : [];
  if (search.amount && bands.length === 0) return null;

  const grams = new Set<string>();
  for (const term of search.terms) {
    if (term.length <= 2) grams.add(term.join(''));
    else for (const { gram } of wordGrams(term)) grams.add(gram);
  }
  for (const gram of search.facetGrams) grams.add(gram);
  for (const band of bands) grams.add(band.gram);
  // Every notice is in the published times' list: with any condition, it is read only where the date
  // range cuts a bucket (the range's first and last).
  const publishedBuckets = grams.size === 0 ? 'all' : time ? [...new Set([fromBucket, toBucket])] : [];
  const counts = new Map<string, Map<number, number>>();
  for (const row of await readDirectory(db, [...grams], fromBucket, toBucket, publishedBuckets)) {
    let byBucket = counts.get(row.gram);
    if (!byBucket) counts.set(row.gram, (byBucket = new Map()));
    byBucket.set(row.bucket, row.entries);
  }
  const countsOf = (gram: string) => counts.get(gram) ?? new Map<number, number>();
  const total = (gram: string) => [...countsOf(gram).values()].reduce((sum, entries) => sum + entries, 0);

  const clauses: Clause[] = [];
  for (const term of search.terms) {
    const text = textClause(term, total);
    const word = term.join('');
    // Codes are ASCII and matched whole: a few index lookups, and no posting lists for them.
    const codes = /^[\x21-\x7e]+$/.test(word) ? await codeHits(db, word, fromBucket, toBucket) : new Map();
    if (codes.size) clauses.push({ kind: 'either', text, codes });
    else if (text) clauses.push(text);
    else return null;
  }
  for (const gram of search.facetGrams) clauses.push({ kind: 'list', gram });
  if (search.amount) clauses.push({ kind: 'amount', bands, min: search.amount.min, max: search.amount.max });

  let buckets: number[] | null = clauses.length === 0 ? [...countsOf(PUBLISHED_GRAM).keys()] : null;
  for (const clause of clauses) {
    const holding = bucketsOf(clause, countsOf);
    buckets = buckets ? buckets.filter((bucket) => holding.has(bucket)) : [...holding];
  }
  if (!buckets || buckets.length === 0) return null;
  buckets.sort((a, b) => b - a);

  const cutByTime = (bucket: number) =>
    time !== null && (bucket * BUCKET_SECONDS < time.from || (bucket + 1) * BUCKET_SECONDS > time.to);
  const only = clauses.length === 1 ? clauses[0]! : null;
  const knownCount = (bucket: number): number | null => {
    if (cutByTime(bucket)) return null;
    if (clauses.length === 0) return countsOf(PUBLISHED_GRAM).get(bucket) ?? 0;
    if (only?.kind === 'list') return countsOf(only.gram).get(bucket) ?? 0;
    if (only?.kind === 'amount' && only.bands.every((band) => !band.partial)) {
      return only.bands.reduce((sum, band) => sum + (countsOf(band.gram).get(bucket) ?? 0), 0);
    }
    return null;
  };
  const entries = (gram: string, bucket: number) => countsOf(gram).get(bucket) ?? 0;
  return { clauses, buckets, time, knownCount, cutByTime, entries };
}

/** The grams whose lists the clauses read. */
export function clauseGrams(clauses: readonly Clause[]): string[] {
  const grams = new Set<string>();
  for (const clause of clauses) {
    const text = clause.kind === 'either' ? clause.text : clause;
    if (text?.kind === 'list') grams.add(text.gram);
    else if (text?.kind === 'phrase') for (const { gram } of text.cover) grams.add(gram);
    else if (text?.kind === 'amount') for (const band of text.bands) grams.add(band.gram);
  }
  return [...grams];
}

/**
 * How to find a word in the text: the list of its one or two characters, or the cheapest cover of
 * it by its grams. Null when a gram of it has no entries: a notice containing the word has them all.
 */
function textClause(term: readonly string[], entries: (gram: string) => number): ListClause | null {
  if (term.length <= 2) return { kind: 'list', gram: term.join('') };
  const grams = wordGrams(term).map(({ gram, offset }) => ({
    gram,
    offset,
    length: [...gram].length,
    entries: entries(gram),
  }));
  if (grams.some((gram) => gram.entries === 0)) return null;
  const cover = cheapestCover(term.length, grams);
  return cover.length === 1
    ? { kind: 'list', gram: cover[0]!.gram }
    : { kind: 'phrase', cover: cover.map(({ gram, offset }) => ({ gram, offset })) };
}

/** The notices with the code, ascending, by bucket within the range. */
async function codeHits(
  db: Db,
  code: string,
  fromBucket: number,
  toBucket: number,
): Promise<Map<number, number[]>> {
  const byBucket = new Map<number, number[]>();
  for (const { seq, publishedAt } of await findNoticesByCode(db, code)) {
    const bucket = bucketOf(Date.parse(publishedAt) / 1000);
    if (bucket < fromBucket || bucket > toBucket) continue;
    const seqs = byBucket.get(bucket);
    if (seqs) seqs.push(seq);
    else byBucket.set(bucket, [seq]);
  }
  for (const seqs of byBucket.values()) seqs.sort((a, b) => a - b);
  return byBucket;
}

function bucketsOf(clause: Clause, countsOf: (gram: string) => Map<number, number>): Set<number> {
  if (clause.kind === 'either') {
    return new Set([...(clause.text ? bucketsOf(clause.text, countsOf) : []), ...clause.codes.keys()]);
  }
  if (clause.kind === 'list') return new Set(countsOf(clause.gram).keys());
  if (clause.kind === 'amount')
    return new Set(clause.bands.flatMap((band) => [...countsOf(band.gram).keys()]));
  let buckets = new Set(countsOf(clause.cover[0]!.gram).keys());
  for (const { gram } of clause.cover.slice(1)) {
    const holding = countsOf(gram);
    buckets = new Set([...buckets].filter((bucket) => holding.has(bucket)));
  }
  return buckets;
}

/** The orders of magnitude an amount range touches, and whether it covers each only in part. */
function amountBands(min: number, max: number): { gram: string; partial: boolean }[] {
  const bands: { gram: string; partial: boolean }[] = [];
  if (min > max) return bands;
  for (let band = amountBand(min); band <= amountBand(max); band++) {
    const low = band === 0 ? 0 : 10 ** band;
    const high = 10 ** (band + 1) - 1;
    bands.push({ gram: amountGram(band), partial: low < min || high > max });
  }
  return bands;
}
