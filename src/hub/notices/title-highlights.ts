import { normalizeText } from './text-normalization.ts';

/**
 * Where the search words occur in a title, as [start, end) offsets in UTF-16 code units of the title
 * as published, overlapping ones merged. Normalisation keeps offsets, so the words are found in the
 * normalised title and the offsets hold for the original.
 */
export function titleHighlights(title: string, terms: readonly (readonly string[])[]): [number, number][] {
  const normalized = normalizeText(title);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const word = term.join('');
    for (let at = normalized.indexOf(word); at >= 0; at = normalized.indexOf(word, at + 1)) {
      ranges.push([at, at + word.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}
