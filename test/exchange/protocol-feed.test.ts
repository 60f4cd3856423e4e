import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, FEED_LIMIT_MAX, parseFeedLimit } from '../../src/exchange/feed.ts';

describe('pull feed cursors', () => {
  it('round-trip a position as opaque base64url', () => {
    for (const after of [0, 1, 999_999, Number.MAX_SAFE_INTEGER]) {
      const cursor = encodeCursor({ dataSetCode: '503', after });
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor, '503')).toEqual({ ok: true, value: { dataSetCode: '503', after } });
    }
    expect(encodeCursor({ dataSetCode: '503', after: 7 })).toBe(
      encodeCursor({ dataSetCode: '503', after: 7 }),
    );
  });

  it('start at the beginning without a cursor', () => {
    expect(decodeCursor(undefined, '513')).toEqual({ ok: true, value: { dataSetCode: '513', after: 0 } });
    expect(decodeCursor('', '513')).toEqual({ ok: true, value: { dataSetCode: '513', after: 0 } });
  });

  it('refuse a cursor of another data set or one that was not issued', () => {
    const other = decodeCursor(encodeCursor({ dataSetCode: '503', after: 5 }), '513');
    expect(other.ok ? [] : other.errors.map((e) => [e.path, e.code])).toEqual([['cursor', 'inconsistent']]);
    const forged = [
      'not a cursor',
      Buffer.from('{"after":-1,"dataSetCode":"503","v":1}').toString('base64url'),
      Buffer.from('{"after":1.5,"dataSetCode":"503","v":1}').toString('base64url'),
      Buffer.from('{"after":1,"dataSetCode":"503","v":2}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('null').toString('base64url'),
      'e30',
    ];
    for (const cursor of forged) {
      const result = decodeCursor(cursor, '503');
      expect(result.ok ? [] : result.errors.map((e) => [e.path, e.code]), cursor).toEqual([
        ['cursor', 'format'],
      ]);
    }
    expect(() => encodeCursor({ dataSetCode: '503', after: -1 })).toThrow(RangeError);
  });
});

describe('pull feed limit', () => {
  it('defaults to 100 and allows 1 to 1000', () => {
    expect(parseFeedLimit(undefined)).toEqual({ ok: true, value: 100 });
    expect(parseFeedLimit('1')).toEqual({ ok: true, value: 1 });
    expect(parseFeedLimit(String(FEED_LIMIT_MAX))).toEqual({ ok: true, value: 1000 });
    expect(parseFeedLimit(250)).toEqual({ ok: true, value: 250 });
  });

  it('refuses more than 1000, less than 1, and non-numbers', () => {
    const codes = (raw: string | number) => {
      const result = parseFeedLimit(raw);
      return result.ok ? [] : result.errors.map((e) => e.code);
    };
    expect(codes('1001')).toEqual(['out_of_range']);
    expect(codes(0)).toEqual(['out_of_range']);
    expect(codes('ten')).toEqual(['type']);
    expect(codes('1e3')).toEqual(['type']);
    const result = parseFeedLimit('5000');
    expect(result.ok ? '' : result.errors[0]!.message['zh-CN']).toBe(
      '每页条数（limit）应在 1 到 1000 之间，实为 5000',
    );
  });
});
