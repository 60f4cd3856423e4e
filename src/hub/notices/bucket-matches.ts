import { BUCKET_SECONDS, gramKind, PUBLISHED_GRAM } from './notice-grams.ts';
import { decodePostings, type EncodedList } from './posting-codec.ts';
import type { Clause, SearchPlan } from './search-plan.ts';

/** The lists read for one bucket, by gram. */
export type BucketLists = ReadonlyMap<string, EncodedList>;

type Seqs = ArrayLike<number>;

/** A condition on the notices of one bucket: its size bounds its matches. */
interface Condition {
  readonly size: number;
  /** The matching notices, ascending; with `within`, only those among them. */
  matches(within?: Seqs): Seqs;
}

/**
 * The notices of one bucket that meet every clause of the plan (and the date range, where it cuts
 * the bucket), ascending. The condition with the fewest entries goes first; each next one reads
 * its lists only for the notices still in, and an empty result ends the work.
 */
export function matchBucket(plan: SearchPlan, bucket: number, lists: BucketLists): Seqs {
  const conditions = plan.clauses.map((clause) => clauseCondition(clause, bucket, lists));
  if (plan.cutByTime(bucket))
    conditions.push(publishedBetween(plan.time!.from, plan.time!.to, bucket, lists));
  if (conditions.length === 0)
    return decodePostings('value', lists.get(PUBLISHED_GRAM), { payload: false }).seqs;
  conditions.sort((a, b) => a.size - b.size);
  let hits = conditions[0]!.matches();
  for (const condition of conditions.slice(1)) {
    if (hits.length === 0) break;
    hits = condition.matches(hits);
  }
  return hits;
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

function clauseCondition(clause: Clause, bucket: number, lists: BucketLists): Condition {
  switch (clause.kind) {
    case 'list':
      return {
        size: entriesOf(lists, clause.gram),
        matches: (within) =>
          decodePostings(gramKind(clause.gram), lists.get(clause.gram), { payload: false, within }).seqs,
      };
    case 'phrase':
      return {
        size: Math.min(...clause.cover.map(({ gram }) => entriesOf(lists, gram))),
        matches: (within) => phraseMatches(clause.cover, lists, within),
      };
    case 'either': {
      const text = clause.text && clauseCondition(clause.text, bucket, lists);
      const codes = clause.codes.get(bucket) ?? [];
      return {
        size: (text?.size ?? 0) + codes.length,
        matches: (within) =>
          union(text ? text.matches(within) : [], within ? intersect(codes, within) : codes),
      };
    }
    case 'amount':
      return {
        size: clause.bands.reduce((sum, band) => sum + entriesOf(lists, band.gram), 0),
        matches: (within) => {
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

function publishedBetween(from: number, to: number, bucket: number, lists: BucketLists): Condition {
  const start = bucket * BUCKET_SECONDS;
  return {
    size: entriesOf(lists, PUBLISHED_GRAM),
    matches: (within) => {
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
