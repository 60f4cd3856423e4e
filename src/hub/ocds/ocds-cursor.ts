import { canonicalJson } from '../../domain/canonical-json.ts';

const CURSOR_VERSION = 1;

/**
 * The opaque cursor of a bulk page: base64url of `{"after":…,"v":1}`, `after` being the feed
 * position of the last tender already listed. Positions are never reused, so a cursor stays valid.
 */
export function encodeOcdsCursor(after: number): string {
  if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`position out of range: ${after}`);
  return Buffer.from(canonicalJson({ after, v: CURSOR_VERSION }), 'utf8').toString('base64url');
}

/** The position a cursor names (0 when absent), or null when it is not a cursor of this feed. */
export function decodeOcdsCursor(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const { after, v } = body as Record<string, unknown>;
  const valid =
    v === CURSOR_VERSION && typeof after === 'number' && Number.isSafeInteger(after) && after >= 0;
  return valid ? (after as number) : null;
}
