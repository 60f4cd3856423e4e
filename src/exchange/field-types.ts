import type { CodeListId } from './code-lists.ts';
import type { LocalisedText } from './field-errors.ts';

/** The kinds of value a data-set field holds; each has one check (field-checks.ts) and one doc form. */
export type FieldType =
  | { readonly kind: 'text'; readonly maxLength: number }
  | { readonly kind: 'identifier'; readonly maxLength: number }
  | { readonly kind: 'code'; readonly list: CodeListId }
  | { readonly kind: 'decimal'; readonly integerDigits: number; readonly fractionDigits: number }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'list'; readonly item: FieldType; readonly minItems: number; readonly maxItems: number }
  | {
      readonly kind:
        | 'creditCode'
        | 'dealCode'
        | 'sectionCode'
        | 'platformCode'
        | 'regionCode'
        | 'projectCode'
        | 'dateTime'
        | 'date'
        | 'amount'
        | 'residentId'
        | 'url'
        | 'digest'
        | 'macAddress'
        | 'ipAddress';
    };

/**
 * Who may see a field. `public`: the hub publishes it. `supervisors`: forwarded to supervision
 * platforms and upper hubs, never published (identity numbers, machine fingerprints, unpublished
 * evaluation details; seed §15).
 */
export type FieldAccess = 'public' | 'supervisors';

export interface FieldSpec {
  /** UPPER_SNAKE, as in the national data-set layout. */
  readonly name: string;
  readonly label: LocalisedText;
  readonly type: FieldType;
  readonly required: boolean;
  readonly access: FieldAccess;
}

export const URL_MAX_LENGTH = 500;

export const text = (maxLength: number): FieldType => ({ kind: 'text', maxLength });
export const identifier = (maxLength: number): FieldType => ({ kind: 'identifier', maxLength });
export const code = (list: CodeListId): FieldType => ({ kind: 'code', list });
export const decimal = (integerDigits: number, fractionDigits: number): FieldType => ({
  kind: 'decimal',
  integerDigits,
  fractionDigits,
});
export const integer = (min: number, max: number): FieldType => ({ kind: 'integer', min, max });
export const listOf = (item: FieldType, minItems: number, maxItems: number): FieldType => ({
  kind: 'list',
  item,
  minItems,
  maxItems,
});
export const CREDIT_CODE: FieldType = { kind: 'creditCode' };
export const DEAL_CODE: FieldType = { kind: 'dealCode' };
export const SECTION_CODE: FieldType = { kind: 'sectionCode' };
export const PLATFORM_CODE: FieldType = { kind: 'platformCode' };
export const REGION_CODE: FieldType = { kind: 'regionCode' };
export const PROJECT_CODE: FieldType = { kind: 'projectCode' };
export const DATE_TIME: FieldType = { kind: 'dateTime' };
export const DATE: FieldType = { kind: 'date' };
export const AMOUNT: FieldType = { kind: 'amount' };
export const RESIDENT_ID: FieldType = { kind: 'residentId' };
export const URL: FieldType = { kind: 'url' };
export const DIGEST: FieldType = { kind: 'digest' };
export const MAC_ADDRESS: FieldType = { kind: 'macAddress' };
export const IP_ADDRESS: FieldType = { kind: 'ipAddress' };

/** Announcement and report bodies: the trading platform's own limit for an announcement text. */
export const BODY_TEXT = text(100_000);

function spec(required: boolean) {
  return (
    name: string,
    zh: string,
    en: string,
    type: FieldType,
    access: FieldAccess = 'public',
  ): FieldSpec => ({
    name,
    label: { 'zh-CN': zh, 'en-US': en },
    type,
    required,
    access,
  });
}

/** A required field. */
export const req = spec(true);
/** An optional field: absent, null or "" all mean "not given". */
export const opt = spec(false);
