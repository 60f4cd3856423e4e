import { hashHex } from '../crypto/hash.ts';
import { dataSetSchema } from './data-sets.ts';
import { recordKeyOf } from './validate-record.ts';

export const DATA_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
export const DATA_KEY_MAX_LENGTH = 128;

const SAFE_SEGMENT = /^[A-Za-z0-9._-]{1,40}$/;

/**
 * The data key of a record: `<data set>/<natural key…>/r<revision>`, e.g.
 * `502/<section code>/r1`. The same record resent has the same key, so the receiver applies it once;
 * a corrected record is a new revision and so a new key. Key values that are not short codes (Chinese
 * certificate numbers, long references) appear as `h` + 16 hex digits of their SHA-256, and absent
 * optional ones as `-`, so the key stays short, ASCII and free of personal data.
 */
export function dataKeyOf(dataSetCode: string, record: unknown, revision: number): string {
  const schema = dataSetSchema(dataSetCode);
  if (!schema) throw new RangeError(`unknown data set ${dataSetCode}`);
  if (!Number.isSafeInteger(revision) || revision < 1)
    throw new RangeError(`revision must be a positive integer`);
  const key = recordKeyOf(schema, record);
  if (!key)
    throw new RangeError(
      `the record of data set ${dataSetCode} lacks a key field (${schema.key.join(', ')})`,
    );
  const segments = key.map((value) =>
    value === '' ? '-' : SAFE_SEGMENT.test(value) ? value : `h${hashHex(value).slice(0, 16)}`,
  );
  return [dataSetCode, ...segments, `r${revision}`].join('/');
}
