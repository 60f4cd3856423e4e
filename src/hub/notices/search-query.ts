import { CST_OFFSET_MS, cstDate } from '../../domain/cst.ts';
import { AppError, type FieldProblem } from '../../domain/errors.ts';
import { industryGram, regionGram, typeGram } from './notice-grams.ts';
import { isNoticeType, type NoticeType } from './notice-types.ts';
import { wordsOf } from './text-normalization.ts';

/** What the public asks the portal for. */
export interface NoticeSearchQuery {
  /**
   * Words, separated by spaces, that must all occur in the notice: each a substring of its title or
   * its text, or (ASCII words) its whole deal code or tender project code. Compared after
   * normalisation (full-width forms, case of Latin letters).
   */
  readonly text?: string | undefined;
  /** A GB/T 2260 code: 2 digits or a code ending in 0000 for a province, 4 or …00 for a city, 6 for a county. */
  readonly region?: string | undefined;
  readonly industry?: string | undefined;
  readonly type?: NoticeType | undefined;
  /** YYYY-MM-DD, China Standard Time, inclusive. */
  readonly publishedFrom?: string | undefined;
  /** YYYY-MM-DD, China Standard Time, inclusive. */
  readonly publishedTo?: string | undefined;
  /** Inclusive. Notices without an amount never match an amount range. */
  readonly minAmountFen?: number | undefined;
  readonly maxAmountFen?: number | undefined;
  /** From 1. */
  readonly page: number;
  readonly pageSize: number;
}

export const MAX_SEARCH_PAGE_SIZE = 100;
/** Results are counted, and can be paged through, up to here (as deep as anyone reads a list). */
export const SEARCH_WINDOW = 10_000;
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;

export interface ParsedSearch {
  /** Each term as its normalised characters; none empty, none repeated. */
  readonly terms: readonly (readonly string[])[];
  /** Facet grams every hit must have (region, type, industry). */
  readonly facetGrams: readonly string[];
  readonly amount: { readonly min: number; readonly max: number } | null;
  /** Published time range in seconds, half-open. */
  readonly time: { readonly from: number; readonly to: number } | null;
  readonly offset: number;
  readonly pageSize: number;
}

/** Checks the query and turns it into what the index answers; throws VALIDATION_FAILED. */
export function parseSearchQuery(query: NoticeSearchQuery): ParsedSearch {
  const problems: FieldProblem[] = [];
  const problem = (path: string, code: string) => problems.push({ path, code });

  const seen = new Set<string>();
  const terms = wordsOf(query.text ?? '').filter((term) => {
    const key = term.join('');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (terms.length > MAX_TERMS) problem('text', 'too_many_words');
  if (terms.some((term) => term.length > MAX_TERM_LENGTH)) problem('text', 'word_too_long');

  const facetGrams: string[] = [];
  if (query.region !== undefined) {
    if (/^\d{2}(\d{2}){0,2}$/.test(query.region)) facetGrams.push(regionGram(regionPrefix(query.region)));
    else problem('region', 'invalid_string');
  }
  if (query.type !== undefined) {
    if (isNoticeType(query.type)) facetGrams.push(typeGram(query.type));
    else problem('type', 'invalid_value');
  }
  if (query.industry !== undefined) facetGrams.push(industryGram(query.industry));

  const from = query.publishedFrom === undefined ? null : dayStart(query.publishedFrom);
  const to = query.publishedTo === undefined ? null : dayStart(query.publishedTo);
  if (from !== null && Number.isNaN(from)) problem('publishedFrom', 'invalid_date');
  if (to !== null && Number.isNaN(to)) problem('publishedTo', 'invalid_date');

  const minAmount = query.minAmountFen;
  const maxAmount = query.maxAmountFen;
  for (const [path, value] of [
    ['minAmountFen', minAmount],
    ['maxAmountFen', maxAmount],
  ] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) problem(path, 'invalid_number');
  }

  if (!(Number.isSafeInteger(query.page) && query.page >= 1)) problem('page', 'too_small');
  if (!(
    Number.isSafeInteger(query.pageSize) &&
    query.pageSize >= 1 &&
    query.pageSize <= MAX_SEARCH_PAGE_SIZE
  )) {
    problem('pageSize', 'invalid_number');
  }
  if (query.page * query.pageSize > SEARCH_WINDOW) problem('page', 'too_big');
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, { details: problems });

  const time =
    from === null && to === null
      ? null
      : { from: from ?? 0, to: to === null ? Number.MAX_SAFE_INTEGER : to + DAY };
  return {
    terms,
    facetGrams,
    amount:
      minAmount === undefined && maxAmount === undefined
        ? null
        : { min: minAmount ?? 0, max: maxAmount ?? Number.MAX_SAFE_INTEGER },
    time,
    offset: (query.page - 1) * query.pageSize,
    pageSize: query.pageSize,
  };
}

const DAY = 24 * 3600;

/** Seconds at 00:00 China Standard Time of a YYYY-MM-DD date; NaN if it is no date. */
function dayStart(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return Number.NaN;
  const ms = Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS;
  // Date.parse takes 2025-02-30 for 2 March.
  return !Number.isNaN(ms) && cstDate(new Date(ms)) === date ? ms / 1000 : Number.NaN;
}

/** 350000 → 35, 350100 → 3501, 350102 → 350102. */
function regionPrefix(code: string): string {
  let prefix = code;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}
