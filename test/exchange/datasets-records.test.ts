import { describe, expect, it } from 'vitest';
import { buildDealCode, sectionCode } from '../../src/domain/deal-code.ts';
import { CODE_LISTS } from '../../src/exchange/code-lists.ts';
import { DATA_KEY_MAX_LENGTH, DATA_KEY_PATTERN, dataKeyOf } from '../../src/exchange/data-key.ts';
import { EXAMPLE_CODES, exampleRecord } from '../../src/exchange/data-set-examples.ts';
import { DATA_SET_CODES, DATA_SETS, dataSetSchema } from '../../src/exchange/data-sets.ts';
import { EXCHANGE_ERROR_CODES, type FieldError } from '../../src/exchange/field-errors.ts';
import type { FieldSpec } from '../../src/exchange/field-types.ts';
import { validateRecord, validateRecords, type ExchangeRecord } from '../../src/exchange/validate-record.ts';

/** The codes listed in mission.md ("Reference data-set layout"). */
const MISSION_CODES = [
  '100',
  '101',
  '102',
  '103',
  '111',
  '112',
  '113',
  '208',
  '212',
  '300',
  '302',
  '303',
  '304',
  '305',
  '306',
  '400',
  '402',
  '404',
  ...Array.from({ length: 18 }, (_, i) => String(500 + i)),
  '519',
  '520',
  '522',
  '523',
];

const errorsOf = (code: string, record: unknown): { path: string; code: string }[] =>
  validateRecord(code, record).map(({ path, code: c }) => ({ path, code: c }));

function changed(code: string, patch: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = { ...exampleRecord(code) };
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) delete record[name];
    else record[name] = value;
  }
  return record;
}

/** The time or date just before `value`, in the same form. */
function justBefore(value: string, kind: string): string {
  if (kind === 'date')
    return new Date(Date.parse(`${value}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return new Date(Date.parse(value) - 1000).toISOString().replace('.000Z', 'Z');
}

/** A value of the wrong JSON type for a field. */
function wrongType(field: FieldSpec): unknown {
  if (field.type.kind === 'integer') return '7';
  if (field.type.kind === 'list') return 'x';
  return 7;
}

describe('data sets', () => {
  it('covers every code of the national layout that mission.md lists', () => {
    expect(DATA_SET_CODES).toEqual(MISSION_CODES);
  });

  it('names every field in UPPER_SNAKE with a label in both languages and known code lists', () => {
    for (const schema of DATA_SETS.values()) {
      expect(schema.name['zh-CN'] && schema.name['en-US'], schema.code).toBeTruthy();
      for (const field of schema.fields) {
        expect(field.name, schema.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
        expect(field.label['zh-CN'], field.name).not.toBe('');
        expect(field.label['en-US'], field.name).not.toBe('');
        if (field.type.kind === 'code') expect(CODE_LISTS).toHaveProperty(field.type.list);
      }
      expect(schema.fields.map((f) => f.name)).toEqual(
        expect.arrayContaining(['PLATFORM_CODE', 'PUB_SERVICE_PLAT_CODE', 'DATA_TIMESTAMP']),
      );
    }
  });

  it('gives deal codes to tender records and none to entity and credit records', () => {
    const has = (code: string, name: string) => dataSetSchema(code)!.fields.some((f) => f.name === name);
    for (const code of DATA_SET_CODES) {
      const group = dataSetSchema(code)!.group;
      if (group === 'entity' || group === 'credit') expect(has(code, 'UNIFIED_DEAL_CODE'), code).toBe(false);
      if (group === 'trading' && code !== '500') {
        expect(has(code, 'UNIFIED_DEAL_CODE'), code).toBe(true);
        expect(has(code, 'TENDER_PROJECT_CODE'), code).toBe(true);
      }
    }
    expect(dataSetSchema('502')!.fields.find((f) => f.name === 'BID_SECTION_CODE')!.required).toBe(true);
    expect(dataSetSchema('517')!.fields.find((f) => f.name === 'BID_SECTION_CODE')!.required).toBe(false);
  });

  describe.each(DATA_SET_CODES)('data set %s', (code) => {
    const schema = dataSetSchema(code)!;
    const example = exampleRecord(code);

    it('accepts its example, which has a data key', () => {
      expect(validateRecord(code, example)).toEqual([]);
      const key = dataKeyOf(code, example, 1);
      expect(key).toMatch(DATA_KEY_PATTERN);
      expect(key.length).toBeLessThanOrEqual(DATA_KEY_MAX_LENGTH);
      expect(dataKeyOf(code, { ...example }, 1)).toBe(key);
      expect(dataKeyOf(code, example, 2)).not.toBe(key);
    });

    it('refuses a record without each required field', () => {
      for (const field of schema.fields.filter((f) => f.required)) {
        expect(errorsOf(code, changed(code, { [field.name]: undefined })), field.name).toEqual([
          { path: `record.${field.name}`, code: 'required' },
        ]);
      }
    });

    it('refuses a value of the wrong type in each field', () => {
      for (const field of schema.fields) {
        expect(errorsOf(code, changed(code, { [field.name]: wrongType(field) })), field.name).toContainEqual({
          path: `record.${field.name}`,
          code: 'type',
        });
      }
    });

    it('refuses a code outside each code list', () => {
      for (const field of schema.fields.filter((f) => f.type.kind === 'code')) {
        expect(errorsOf(code, changed(code, { [field.name]: 'ZZ' })), field.name).toEqual([
          { path: `record.${field.name}`, code: 'codelist' },
        ]);
      }
    });

    it('refuses each date order reversed', () => {
      for (const order of schema.dateOrder.filter((o) => example[o.earlier] !== undefined)) {
        const earlier = String(example[order.earlier]);
        const kind = schema.fields.find((f) => f.name === order.later)!.type.kind;
        const expected = { path: `record.${order.later}`, code: 'date_order' };
        const before = changed(code, { [order.later]: justBefore(earlier, kind) });
        expect(errorsOf(code, before), `${order.earlier} → ${order.later}`).toContainEqual(expected);
        if (order.strict) {
          const same = changed(code, { [order.later]: earlier });
          expect(errorsOf(code, same), `${order.earlier} = ${order.later}`).toContainEqual(expected);
        }
      }
    });

    it('refuses each conditionally required field when its condition holds', () => {
      for (const rule of schema.requiredWhen) {
        const condition = rule.in ? { [rule.when]: rule.in[0] } : {};
        const errors = errorsOf(code, changed(code, { ...condition, [rule.field]: undefined }));
        expect(errors, `${rule.field} when ${rule.when}`).toContainEqual({
          path: `record.${rule.field}`,
          code: 'required',
        });
      }
    });

    it('refuses a field it does not define', () => {
      expect(errorsOf(code, { ...example, REMARK: 'x' })).toEqual([
        { path: 'record.REMARK', code: 'unknown_field' },
      ]);
    });
  });
});

describe('field checks', () => {
  const one = (code: string, patch: Record<string, unknown>): FieldError => {
    const errors = validateRecord(code, changed(code, patch));
    expect(errors).toHaveLength(1);
    return errors[0]!;
  };

  it('names the field and the limit in both languages', () => {
    const error = one('501', { TENDER_PROJECT_NAME: '招'.repeat(201) });
    expect(error).toMatchObject({
      path: 'record.TENDER_PROJECT_NAME',
      code: 'too_long',
      params: { max: 200, length: 201 },
    });
    expect(error.message['zh-CN']).toBe('招标项目名称（TENDER_PROJECT_NAME）最多 200 个字符，实为 201');
    expect(error.message['en-US']).toBe(
      'Name of the tender (TENDER_PROJECT_NAME) may have at most 200 characters, not 201',
    );
    expect(validateRecord('501', changed('501', { TENDER_PROJECT_NAME: '招'.repeat(200) }))).toEqual([]);
  });

  it('checks the credit code check character (GB 32100)', () => {
    const code = EXAMPLE_CODES.tenderer;
    const wrong = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    const error = one('101', { LEGAL_CODE: wrong });
    expect(error).toMatchObject({
      path: 'record.LEGAL_CODE',
      code: 'check_character',
      params: { position: 18, expectedCharacter: code.charAt(17) },
    });
    expect(error.message['zh-CN']).toContain(`应为“${code.charAt(17)}”`);
    expect(one('101', { LEGAL_CODE: code.slice(0, 2) + 'A' + code.slice(3) }).code).toBe('format');
    expect(one('101', { LEGAL_CODE: code.slice(1) })).toMatchObject({
      code: 'format',
      params: { length: 17 },
    });
  });

  it('checks the unified deal code check character, and that sections belong to the deal', () => {
    const deal = EXAMPLE_CODES.deal;
    const wrong = deal.slice(0, 32) + (deal.endsWith('0') ? '1' : '0');
    expect(errorsOf('501', changed('501', { UNIFIED_DEAL_CODE: wrong }))).toEqual([
      { path: 'record.UNIFIED_DEAL_CODE', code: 'check_character' },
    ]);
    const foreign = sectionCode(
      buildDealCode(EXAMPLE_CODES.tenderer, new Date('2026-02-26T02:00:00Z'), 2),
      1,
    );
    expect(one('502', { BID_SECTION_CODE: foreign })).toMatchObject({
      path: 'record.BID_SECTION_CODE',
      code: 'inconsistent',
      params: { other: 'UNIFIED_DEAL_CODE' },
    });
    expect(one('503', { BID_SECTION_CODES: [EXAMPLE_CODES.section, foreign] }).path).toBe(
      'record.BID_SECTION_CODES[1]',
    );
    const otherTenderer = buildDealCode(EXAMPLE_CODES.agency, new Date('2026-02-26T02:00:00Z'), 1);
    expect(one('501', { UNIFIED_DEAL_CODE: otherTenderer })).toMatchObject({
      path: 'record.UNIFIED_DEAL_CODE',
      code: 'inconsistent',
      params: { relation: 'startsWith', other: 'TENDERER_CODE' },
    });
  });

  it('wants times in ISO 8601 with an offset', () => {
    for (const bad of [
      '2026-03-02 09:00:00',
      '2026-03-02T09:00:00',
      '2026-02-30T09:00:00+08:00',
      '2026-03-02T24:00:00Z',
    ]) {
      expect(one('501', { CREATE_TIME: bad }), bad).toMatchObject({
        code: 'format',
        params: { expected: 'dateTime' },
      });
    }
    for (const good of ['2026-03-02T09:00:00Z', '2026-03-02T01:00:00.123Z', '2026-03-02T09:00:00-05:00']) {
      expect(validateRecord('501', changed('501', { CREATE_TIME: good })), good).toEqual([]);
    }
  });

  it('checks region codes against GB/T 2260', () => {
    expect(one('501', { REGION_CODE: '990000' }).code).toBe('codelist');
    expect(one('501', { REGION_CODE: '350001' }).code).toBe('format');
    expect(one('501', { REGION_CODE: '35010' }).code).toBe('format');
    expect(validateRecord('501', changed('501', { REGION_CODE: '350000' }))).toEqual([]);
  });

  it('wants amounts as yuan strings with two decimals', () => {
    expect(one('502', { CONTRACT_RECKON_PRICE: '86500000' }).code).toBe('format');
    expect(one('502', { CONTRACT_RECKON_PRICE: '86500000.5' }).code).toBe('format');
    expect(one('502', { CONTRACT_RECKON_PRICE: 86500000 }).code).toBe('type');
    expect(one('502', { CONTRACT_RECKON_PRICE: '-1.00' }).code).toBe('format');
    expect(one('502', { BID_VALIDITY_DAYS: 0 })).toMatchObject({
      code: 'out_of_range',
      params: { min: 1, max: 365 },
    });
  });

  it('checks resident identity numbers (GB 11643)', () => {
    const id = EXAMPLE_CODES.residentId;
    const wrong = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
    expect(one('111', { ID_CARD: wrong })).toMatchObject({
      code: 'check_character',
      params: { position: 18 },
    });
    expect(one('111', { ID_CARD: id.slice(0, 10) + '1399' + id.slice(14) }).code).toBe('format');
  });

  it('refuses the same section twice in one list', () => {
    expect(one('503', { BID_SECTION_CODES: [EXAMPLE_CODES.section, EXAMPLE_CODES.section] })).toMatchObject({
      path: 'record.BID_SECTION_CODES[1]',
      code: 'duplicate',
      params: { firstPath: 'record.BID_SECTION_CODES[0]' },
    });
  });

  it('orders an announcement: deadline after publication, opening not before the deadline', () => {
    const atPublication = changed('503', { BID_DOC_REFER_END_TIME: '2026-03-02T09:00:00+08:00' });
    expect(validateRecord('503', atPublication)).toContainEqual(
      expect.objectContaining({
        path: 'record.BID_DOC_REFER_END_TIME',
        code: 'date_order',
        params: expect.objectContaining({ other: 'NOTICE_SEND_TIME', strict: 1 }),
      }),
    );
    const error = one('503', { BID_OPEN_TIME: '2026-03-23T09:29:59+08:00' });
    expect(error).toMatchObject({ path: 'record.BID_OPEN_TIME', code: 'date_order', params: { strict: 0 } });
    expect(error.message['zh-CN']).toBe(
      '开标时间（BID_OPEN_TIME）应不早于投标截止时间（BID_DOC_REFER_END_TIME）',
    );
    // The same instant written in another offset is the same time.
    expect(validateRecord('503', changed('503', { BID_OPEN_TIME: '2026-03-23T01:30:00Z' }))).toEqual([]);
  });

  it('requires the pre-qualification deadline of a pre-qualification announcement', () => {
    expect(
      errorsOf('503', changed('503', { BULLETIN_TYPE: '2', PREQUAL_APPLY_END_TIME: undefined })),
    ).toEqual([{ path: 'record.PREQUAL_APPLY_END_TIME', code: 'required' }]);
    expect(
      errorsOf('503', changed('503', { BULLETIN_TYPE: '1', PREQUAL_APPLY_END_TIME: undefined })),
    ).toEqual([]);
  });

  it('treats null and blank optional fields as absent, and a blank required field as missing', () => {
    expect(validateRecord('501', changed('501', { TENDER_CONTENT: null }))).toEqual([]);
    expect(errorsOf('501', changed('501', { TENDER_PROJECT_NAME: '  ' }))).toEqual([
      { path: 'record.TENDER_PROJECT_NAME', code: 'required' },
    ]);
  });

  it('refuses unknown data sets and records that are not objects', () => {
    expect(errorsOf('599', {})).toEqual([{ path: 'dataSetCode', code: 'unknown_data_set' }]);
    expect(errorsOf('501', [])).toEqual([{ path: 'record', code: 'type' }]);
  });

  it('uses only stable error codes', () => {
    const record = changed('503', { BID_OPEN_TIME: 'soon', BULLETIN_TYPE: '9', X: 1 });
    for (const error of validateRecord('503', record)) expect(EXCHANGE_ERROR_CODES).toContain(error.code);
  });
});

describe('batches of records', () => {
  it('refuses the same section twice in one batch', () => {
    const one = exampleRecord('502');
    expect(
      validateRecords('502', [one, { ...one, BID_SECTION_NAME: '二标段' }]).map(({ path, code }) => ({
        path,
        code,
      })),
    ).toEqual([{ path: 'records[1].BID_SECTION_CODE', code: 'duplicate' }]);
    const second = { ...one, BID_SECTION_CODE: sectionCode(EXAMPLE_CODES.deal, 2) };
    expect(validateRecords('502', [one, second])).toEqual([]);
  });

  it('refuses two candidates with the same rank or the same bidder', () => {
    const first: ExchangeRecord = exampleRecord('510');
    const sameRank = { ...first, BIDDER_CODE: EXAMPLE_CODES.agency };
    expect(validateRecords('510', [first, sameRank]).map((e) => e.path)).toEqual([
      'records[1].WIN_CANDIDATE_ORDER',
    ]);
    const sameBidder = { ...first, WIN_CANDIDATE_ORDER: 2 };
    const [error] = validateRecords('510', [first, sameBidder]);
    expect(error).toMatchObject({
      path: 'records[1].BIDDER_CODE',
      code: 'duplicate',
      params: { firstPath: 'records[0]' },
    });
  });

  it('reports each record’s own errors at its index', () => {
    expect(
      validateRecords('502', [
        exampleRecord('502'),
        {
          ...exampleRecord('502'),
          CURRENCY_CODE: 'USD',
          BID_SECTION_CODE: sectionCode(EXAMPLE_CODES.deal, 3),
        },
      ]).map((e) => e.path),
    ).toEqual(['records[1].CURRENCY_CODE']);
  });
});
