import type { Locale } from '../domain/locale.ts';
import { MESSAGES } from './field-error-messages.ts';

/** A text in every supported language: the receiver's refusal is shown to the sender's operator as it is. */
export type LocalisedText = { readonly [L in Locale]: string };

/**
 * The stable codes of the exchange protocol's field errors (docs/exchange.md, 错误码). A receiver
 * refuses a message with a list of them; the sender stores the list and shows it to its operator.
 */
export const EXCHANGE_ERROR_CODES = [
  // a field's value
  'required',
  'type',
  'too_long',
  'too_short',
  'out_of_range',
  'format',
  'check_character',
  'codelist',
  'unknown_field',
  // between fields, records and messages
  'duplicate',
  'date_order',
  'inconsistent',
  // the envelope
  'unsupported_version',
  'unknown_data_set',
  // the signature
  'unsigned',
  'unknown_key',
  'bad_signature',
  // the receiver
  'wrong_receiver',
  'platform_unknown',
  'platform_not_approved',
  'sender_not_allowed',
  'gap',
  'stale',
  'conflict',
] as const;

export type ExchangeErrorCode = (typeof EXCHANGE_ERROR_CODES)[number];

export type FieldErrorParams = Readonly<Record<string, string | number>>;

/** One problem with one field: `path` is dotted with indices, e.g. `record.BID_SECTION_CODES[1]`. */
export interface FieldError {
  readonly path: string;
  readonly code: ExchangeErrorCode;
  readonly message: LocalisedText;
  /** Machine-readable details (the field, the limit, the expected character…). */
  readonly params: FieldErrorParams;
}

/** The result of parsing input that may be refused with field errors. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** A problem with one value, before it is placed at a path and named. */
export interface ValueProblem {
  readonly code: ExchangeErrorCode;
  readonly params: FieldErrorParams;
}

/** Labels of the field in question and of the one it is compared with, when known. */
export interface ErrorLabels {
  readonly field?: LocalisedText;
  readonly other?: LocalisedText;
}

function named(
  path: string,
  label: LocalisedText | undefined,
  name: string | undefined,
  locale: Locale,
): string {
  const technical = name ?? path;
  if (!label) return technical;
  return locale === 'zh-CN' ? `${label['zh-CN']}（${technical}）` : `${label['en-US']} (${technical})`;
}

/** Builds a field error with its message in every language. */
export function fieldError(
  path: string,
  code: ExchangeErrorCode,
  params: FieldErrorParams = {},
  labels: ErrorLabels = {},
): FieldError {
  const render = (locale: Locale): string =>
    MESSAGES[code][locale]({
      field: named(path, labels.field, params.field === undefined ? undefined : String(params.field), locale),
      other: named('', labels.other, params.other === undefined ? undefined : String(params.other), locale),
      p: params,
    });
  const english = render('en-US');
  const message = { 'zh-CN': render('zh-CN'), 'en-US': english.charAt(0).toUpperCase() + english.slice(1) };
  return { path, code, message, params };
}

/** `record` + `BID_SECTION_CODE` → `record.BID_SECTION_CODE`; an empty prefix leaves the name alone. */
export function joinPath(prefix: string, name: string | number): string {
  if (typeof name === 'number') return `${prefix}[${name}]`;
  return prefix ? `${prefix}.${name}` : name;
}
