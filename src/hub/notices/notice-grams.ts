import { isSeparator, normalizeText } from './text-normalization.ts';

/**
 * What a notice puts in the search index: every character of its searchable text, every pair of
 * adjacent characters and every four letters or digits in a row (each with the positions where it
 * starts, so a longer word can be checked without reading the text), and one facet gram per filter
 * value. Facet grams start with a control character, which normalised text never contains.
 */
const FACET = '\u0001';

/** The notice's published time, in seconds from the start of its bucket; every notice has one. */
export const PUBLISHED_GRAM = `${FACET}p`;

export function regionGram(prefix: string): string {
  return `${FACET}r${prefix}`;
}
export function typeGram(type: string): string {
  return `${FACET}t${type}`;
}
export function industryGram(code: string): string {
  return `${FACET}i${code}`;
}
/** Amounts by order of magnitude (digits of the amount in fen); the entry holds the amount. */
export function amountGram(band: number): string {
  return `${FACET}a${band}`;
}

export function amountBand(amountFen: number): number {
  return String(amountFen).length - 1;
}

/** What an entry of a posting list holds after the notice number. */
export type GramKind = 'plain' | 'positions' | 'value';

export function gramKind(gram: string): GramKind {
  if (!gram.startsWith(FACET)) return [...gram].length > 1 ? 'positions' : 'plain';
  const facet = gram[1];
  return facet === 'p' || facet === 'a' ? 'value' : 'plain';
}

/** Posting lists are split by week of publication, so that the newest come first without sorting all. */
export const BUCKET_SECONDS = 7 * 24 * 3600;

export function bucketOf(publishedSeconds: number): number {
  return Math.floor(publishedSeconds / BUCKET_SECONDS);
}

/** Levels of a GB/T 2260 code a search can ask for: province (2 digits), city (4) and county (6). */
export function regionPrefixes(regionCode: string): string[] {
  const prefixes = [regionCode.slice(0, 2), regionCode.slice(0, 4), regionCode];
  // 350100 is the city of Fuzhou itself, 350000 the province: no county level below them.
  return prefixes.filter((prefix, i) => i === 0 || !/^(00)+$/.test(regionCode.slice(prefix.length - 2)));
}

export interface NoticeFacets {
  readonly regionCode: string;
  readonly noticeType: string;
  readonly industryCode: string | null;
  readonly amountFen: number | null;
  readonly publishedSeconds: number;
}

/**
 * The grams of a word (characters between separators) longer than one character, with their
 * offsets: every pair of adjacent characters, and every four letters or digits in a row. Codes and
 * numbers are made of ten digits and a few letters, so their pairs are in nearly every notice;
 * their fours are rare, which keeps a search for a code from reading every list of digits.
 */
export function wordGrams(chars: readonly string[]): { gram: string; offset: number }[] {
  const grams: { gram: string; offset: number }[] = [];
  let run = 0;
  for (let i = 0; i < chars.length; i++) {
    run = isLetterOrDigit(chars[i]!) ? run + 1 : 0;
    if (i >= 1) grams.push({ gram: chars[i - 1]! + chars[i]!, offset: i - 1 });
    if (run >= RUN_GRAM_LENGTH) grams.push({ gram: chars.slice(i - 3, i + 1).join(''), offset: i - 3 });
  }
  return grams;
}

const RUN_GRAM_LENGTH = 4;

function isLetterOrDigit(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
}

/** Each gram of a notice with what its entry holds: positions, a value, or nothing. */
export function noticeGrams(texts: readonly string[], facets: NoticeFacets): Map<string, number[]> {
  const grams = new Map<string, number[]>();
  let position = 0;
  const addWord = (word: string[], start: number) => {
    for (const char of word) if (!grams.has(char)) grams.set(char, []);
    for (const { gram, offset } of wordGrams(word)) {
      const positions = grams.get(gram);
      if (positions) positions.push(start + offset);
      else grams.set(gram, [start + offset]);
    }
  };
  for (const text of texts) {
    let word: string[] = [];
    for (const char of normalizeText(text)) {
      if (isSeparator(char)) {
        addWord(word, position - word.length);
        word = [];
      } else {
        word.push(char);
      }
      position++;
    }
    addWord(word, position - word.length);
    // A gap between texts: no gram and no phrase spans two of them.
    position++;
  }
  for (const prefix of regionPrefixes(facets.regionCode)) grams.set(regionGram(prefix), []);
  grams.set(typeGram(facets.noticeType), []);
  if (facets.industryCode) grams.set(industryGram(facets.industryCode), []);
  if (facets.amountFen !== null) grams.set(amountGram(amountBand(facets.amountFen)), [facets.amountFen]);
  grams.set(PUBLISHED_GRAM, [facets.publishedSeconds % BUCKET_SECONDS]);
  return grams;
}
