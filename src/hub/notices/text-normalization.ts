/**
 * How text is compared in the notice search. Full-width forms (ＡＢＣ１２３, （）, the ideographic
 * space) become their ASCII counterparts and Latin letters lower case, one character for one, so
 * that an offset in the normalised text is the same offset in the original (title highlighting
 * relies on it). Whitespace and control characters separate words: no search term spans them.
 */
export function normalizeText(text: string): string {
  let out = '';
  for (const char of text) out += normalizeChar(char);
  return out;
}

function normalizeChar(char: string): string {
  const code = char.codePointAt(0)!;
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0).toLowerCase();
  if (code === 0x3000) return ' ';
  if (code < 0x80) return char.toLowerCase();
  const lower = char.toLowerCase();
  // A few letters lower-case to two characters (İ → i̇); they stay as they are, keeping offsets.
  return lower.length === char.length ? lower : char;
}

const SEPARATOR = /[\s\p{Cc}]/u;

export function isSeparator(char: string): boolean {
  return SEPARATOR.test(char);
}

/** The normalised runs of a text between separators, in order; each run as its characters. */
export function wordsOf(text: string): string[][] {
  const words: string[][] = [];
  let word: string[] = [];
  for (const char of normalizeText(text)) {
    if (isSeparator(char)) {
      if (word.length) words.push(word);
      word = [];
    } else {
      word.push(char);
    }
  }
  if (word.length) words.push(word);
  return words;
}
