/** A gram of a search word: where in the word it starts, its length in characters, its list's size. */
export interface CoverGram {
  readonly gram: string;
  readonly offset: number;
  readonly length: number;
  readonly entries: number;
}

/**
 * The grams that together cover every character of a word of `length` characters, overlapping or
 * touching, with the fewest entries in all: the lists to read and match at their offsets.
 */
export function cheapestCover(length: number, grams: readonly CoverGram[]): CoverGram[] {
  // best[e]: the cheapest cover of characters [0, e) whose last gram ends at e.
  const best: { cost: number; gram: CoverGram | null; from: number }[] = [{ cost: 0, gram: null, from: -1 }];
  for (let end = 1; end <= length; end++) {
    let choice = { cost: Number.POSITIVE_INFINITY, gram: null as CoverGram | null, from: -1 };
    for (const gram of grams) {
      if (gram.offset + gram.length !== end) continue;
      for (let k = gram.offset; k < end; k++) {
        const cost = best[k]!.cost + gram.entries;
        if (cost < choice.cost) choice = { cost, gram, from: k };
      }
    }
    best.push(choice);
  }
  const cover: CoverGram[] = [];
  for (let end = length; end > 0; end = best[end]!.from) cover.unshift(best[end]!.gram!);
  return cover;
}
