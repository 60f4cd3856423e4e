import { canonicalJson } from '../domain/canonical-json.ts';
import { fieldError, type Parsed } from './field-errors.ts';
import type { ExchangeMessage } from './message.ts';
import { isPlainObject } from './validate-record.ts';

export const FEED_LIMIT_DEFAULT = 100;
export const FEED_LIMIT_MAX = 1000;

/**
 * One page of a data set's pull feed, for supervision platforms, upper hubs and third parties:
 * messages in the hub's feed order (the order it applied them, which keeps each order key's order).
 * `next` resumes after the last item; it is null when `items` is empty (nothing new yet: ask again
 * later with the same cursor). Fewer than `limit` items means the page reached the current end.
 */
export interface FeedPage {
  readonly dataSetCode: string;
  readonly items: readonly ExchangeMessage[];
  readonly next: string | null;
}

/**
 * A stable position in one data set's feed: `after` is the hub's feed sequence number of the last
 * item already read (0: from the start). Feed sequence numbers are assigned when a message is
 * applied and never reused, so a cursor stays valid for ever.
 */
export interface FeedPosition {
  readonly dataSetCode: string;
  readonly after: number;
}

const CURSOR_VERSION = 1;
const LABELS = {
  cursor: { field: { 'zh-CN': '游标', 'en-US': 'cursor' } },
  limit: { field: { 'zh-CN': '每页条数', 'en-US': 'page size' } },
} as const;

/** The opaque cursor of a position: base64url of `{"after":…,"dataSetCode":…,"v":1}`. */
export function encodeCursor(position: FeedPosition): string {
  if (!Number.isSafeInteger(position.after) || position.after < 0) {
    throw new RangeError(`feed position out of range: ${position.after}`);
  }
  const body = canonicalJson({ after: position.after, dataSetCode: position.dataSetCode, v: CURSOR_VERSION });
  return Buffer.from(body, 'utf8').toString('base64url');
}

const badCursor = (): Parsed<FeedPosition> => ({
  ok: false,
  errors: [fieldError('cursor', 'format', { field: 'cursor', expected: 'cursor' }, LABELS.cursor)],
});

/** The position of a cursor given to the feed of `dataSetCode`; absent means the start. */
export function decodeCursor(cursor: string | undefined, dataSetCode: string): Parsed<FeedPosition> {
  if (cursor === undefined || cursor === '') return { ok: true, value: { dataSetCode, after: 0 } };
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return badCursor();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return badCursor();
  }
  const { after, dataSetCode: code, v } = (isPlainObject(body) ? body : {}) as Record<string, unknown>;
  const validAfter = typeof after === 'number' && Number.isSafeInteger(after) && after >= 0;
  if (v !== CURSOR_VERSION || !validAfter) return badCursor();
  if (code !== dataSetCode) {
    return {
      ok: false,
      errors: [
        fieldError(
          'cursor',
          'inconsistent',
          { field: 'cursor', other: 'dataSetCode', value: String(code), otherValue: dataSetCode },
          LABELS.cursor,
        ),
      ],
    };
  }
  return { ok: true, value: { dataSetCode, after: after as number } };
}

/** The `limit` query parameter: 1–1000, 100 when absent. */
export function parseFeedLimit(raw: string | number | undefined): Parsed<number> {
  if (raw === undefined || raw === '') return { ok: true, value: FEED_LIMIT_DEFAULT };
  const limit = typeof raw === 'number' ? raw : /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(limit)) {
    return {
      ok: false,
      errors: [fieldError('limit', 'type', { field: 'limit', expected: 'integer' }, LABELS.limit)],
    };
  }
  if (limit < 1 || limit > FEED_LIMIT_MAX) {
    const params = { field: 'limit', min: 1, max: FEED_LIMIT_MAX, value: limit };
    return { ok: false, errors: [fieldError('limit', 'out_of_range', params, LABELS.limit)] };
  }
  return { ok: true, value: limit };
}
