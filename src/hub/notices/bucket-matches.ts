import { BUCKET_SECONDS, gramKind, PUBLISHED_GRAM } from './notice-grams.ts';
import { decodePostings, type EncodedList } from './posting-codec.ts';
import type { Clause, SearchPlan } from './search-plan.ts';

/** The lists read for one bucket, by gram. */
export type BucketLists = ReadonlyMap<string, EncodedList>;

type Seqs = ArrayLike<number>;

/** A condition on the notices of one bucket: its size (from the plan's entry counts) bounds its matches. */
export interface Condition {
  readonly size: number;
  /** The lists it reads, and their entries in all: what reading it costs. */
  readonly grams: readonly string[];
  readonly cost: number;
  /** The matching notices, ascending, from its lists; with `within`, only those among them. */
  matches(lists: BucketLists, within?: Seqs): Seqs;
}

/**
 * The conditions a bucket's hits meet, one per clause of the plan in its order, and last the date
 * range where it cuts the bucket.
 */
export function bucketConditions(plan: SearchPlan, bucket: number): Condition[] {
  const conditions = plan.clauses.map((clause) => clauseCondition(plan, clause, bucket));
  if (plan.cutByTime(bucket)) conditions.push(publishedBetween(plan, bucket));
  return conditions;
}

/**
 * The notices of one bucket that meet every condition, ascending: the one with the fewest entries
 * goes first, each next one decodes its lists only for the notices still in, and an empty result
 * ends the work. `within` is what earlier conditions left.
 */
export function matchConditions(conditions: readonly Condition[], lists: BucketLists, within?: Seqs): Seqs {
  let hits = within;
  for (const condition of [...conditions].sort((a, b) => a.size - b.size)) {
    if (hits?.length === 0) break;
    hits = condition.matches(lists, hits);
  }
  return hits ?? [];
}

/** The notices of one bucket that meet every clause of the plan (and the date range where it cuts). */
export function matchBucket(plan: SearchPlan, bucket: number, lists: BucketLists): Seqs {
  const conditions = bucketConditions(plan, bucket);
  if (conditions.length === 0)
    return decodePostings('value', lists.get(PUBLISHED_GRAM), { payload: false }).seqs;
  return matchConditions(conditions, lists);
}

/**
 * The hits of a bucket newest first (published time, then the later notice number), using the
 * bucket's published-time list.
 */
export function newestFirst(hits: Seqs, lists: BucketLists): number[] {
  const published = decodePostings('value', lists.get(PUBLISHED_GRAM), { within: hits });
  const order = Array.from({ length: hits.length }, (_, i) => i);
  const times = published.values!;
  order.sort((a, b) => times[b]! - times[a]! || hits[b]! - hits[a]!);
  return order.map((i) => hits[i]!);
}

function entriesOf(lists: BucketLists, gram: string): number {
  return lists.get(gram)?.entries ?? 0;
}

function clauseCondition(plan: SearchPlan, clause: Clause, bucket: number): Condition {
  const entries = (gram: string) => plan.entries(gram, bucket);
  const condition = clauseMatcher(plan, clause, bucket, entries);
  return { ...condition, cost: condition.grams.reduce((sum, gram) => sum + entries(gram), 0) };
}

function clauseMatcher(
  plan: SearchPlan,
  clause: Clause,
  bucket: number,
  entries: (gram: string) => number,
): Omit<Condition, 'cost'> {
  switch (clause.kind) {
    case 'list':
      return {
        size: entries(clause.gram),
        grams: [clause.gram],
        matches: (lists, within) =>
          decodePostings(gramKind(clause.gram), lists.get(clause.gram), { payload: false, within }).seqs,
      };
    case 'phrase':
      return {
        size: Math.min(...clause.cover.map(({ gram }) => entries(gram))),
        grams: clause.cover.map(({ gram }) => gram),
        matches: (lists, within) => phraseMatches(clause.cover, lists, within),
      };
    case 'either': {
      const text = clause.text && clauseCondition(plan, clause.text, bucket);
      const codes = clause.codes.get(bucket) ?? [];
      return {
        size: (text?.size ?? 0) + codes.length,
        grams: text?.grams ?? [],
        matches: (lists, within) =>
          union(text ? text.matches(lists, within) : [], within ? intersect(codes, within) : codes),
      };
    }
    case 'amount':
      return {
        size: clause.bands.reduce((sum, band) => sum + entries(band.gram), 0),
        grams: clause.bands.map((band) => band.gram),
        matches: (lists, within) => {
          // Each notice is in one order of magnitude: the union is the bands' lists merged.
          const parts: number[] = [];
          for (const band of clause.bands) {
            const { seqs, values } = decodePostings('value', lists.get(band.gram), { within });
            for (let i = 0; i < seqs.length; i++) {
              if (!band.partial || (values![i]! >= clause.min && values![i]! <= clause.max))
                parts.push(seqs[i]!);
            }
          }
          return Float64Array.from(parts).sort();
        },
      };
  }
}

/**
 * The notices where every gram of the cover occurs at its offset from one common start: the word
 * itself, since the cover leaves no character out. The candidates and the starts still possible
 * for each are kept in flat arrays (starts of docs[d] are starts[from[d] .. from[d + 1])).
 */
function phraseMatches(
  cover: readonly { gram: string; offset: number }[],
  lists: BucketLists,
  within: Seqs | undefined,
): Seqs {
  const ordered = [...cover].sort((a, b) => entriesOf(lists, a.gram) - entriesOf(lists, b.gram));
  let docs: Seqs | undefined = within;
  let starts: number[] = [];
  let from: number[] = [0];
  for (const [n, { gram, offset }] of ordered.entries()) {
    const { seqs, positionStart, positions } = decodePostings('positions', lists.get(gram), { within: docs });
    const nextDocs: number[] = [];
    const nextStarts: number[] = [];
    const nextFrom: number[] = [0];
    // Every notice decoded is a candidate still: the first gram sets the starts, the others keep those they meet.
    for (let i = 0, d = 0; i < seqs.length; i++) {
      if (n > 0) while (docs![d]! < seqs[i]!) d++;
      let k = positionStart![i]!;
      const end = positionStart![i + 1]!;
      if (n === 0) {
        for (; k < end; k++) if (positions![k]! >= offset) nextStarts.push(positions![k]! - offset);
      } else {
        for (let t = from[d]!; t < from[d + 1]!; t++) {
          const wanted = starts[t]! + offset;
          while (k < end && positions![k]! < wanted) k++;
          if (k < end && positions![k] === wanted) nextStarts.push(starts[t]!);
        }
      }
      if (nextStarts.length > nextFrom[nextFrom.length - 1]!) {
        nextDocs.push(seqs[i]!);
        nextFrom.push(nextStarts.length);
      }
    }
    docs = nextDocs;
    starts = nextStarts;
    from = nextFrom;
    if (docs.length === 0) break;
  }
  return docs ?? [];
}

function publishedBetween(plan: SearchPlan, bucket: number): Condition {
  const { from, to } = plan.time!;
  const start = bucket * BUCKET_SECONDS;
  return {
    size: plan.entries(PUBLISHED_GRAM, bucket),
    grams: [PUBLISHED_GRAM],
    cost: plan.entries(PUBLISHED_GRAM, bucket),
    matches: (lists, within) => {
      const { seqs, values } = decodePostings('value', lists.get(PUBLISHED_GRAM), { within });
      const out: number[] = [];
      for (let i = 0; i < seqs.length; i++) {
        const at = start + values![i]!;
        if (at >= from && at < to) out.push(seqs[i]!);
      }
      return out;
    },
  };
}

/** Two ascending lists' members, once each. */
function union(a: Seqs, b: Seqs): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j === b.length || (i < a.length && a[i]! < b[j]!)) out.push(a[i++]!);
    else if (i === a.length || b[j]! < a[i]!) out.push(b[j++]!);
    else {
      out.push(a[i++]!);
      j++;
    }
  }
  return out;
}

/** Two ascending lists' common members. */
function intersect(a: Seqs, b: Seqs): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    while (j < b.length && b[j]! < a[i]!) j++;
    if (b[j] === a[i]) out.push(a[i]!);
  }
  return out;
}
