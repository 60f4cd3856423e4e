import {
  BID_FORM_VERSION,
  type BidForm,
  parseBidForm,
  yuanTextToFen,
} from '../../../src/domain/tender/bid-form.ts';
import type { Locale } from '../shared-domain.ts';

/** The bid form as the bidder types it: amounts in yuan as text, everything else optional. */
export interface BidFormValues {
  readonly price?: string | undefined;
  readonly durationDays?: number | null | undefined;
  readonly qualityCommitment?: string | undefined;
  readonly bidBond?: string | undefined;
  /** The value of each item the tender requires read out, in the tender's order. */
  readonly requiredItems?: readonly (string | undefined)[] | undefined;
  /** Further items the bidder chooses to have read out. */
  readonly items?: readonly ({ readonly key?: string; readonly value?: string } | undefined)[] | undefined;
}

/** A field the page marks, with the message in the user's language. */
export interface BidFormFieldError {
  /**
   * The form field: 'price', 'durationDays', 'qualityCommitment', 'bidBond', ['requiredItems', i], or
   * ['items', i, 'key' | 'value'].
   */
  readonly field: string | readonly (string | number)[];
  readonly message: string;
}

export type BidFormInput =
  | { readonly ok: true; readonly form: BidForm }
  | { readonly ok: false; readonly errors: readonly BidFormFieldError[] };

const MONEY_TEXT: Record<Locale, string> = {
  'zh-CN': '应为金额，如 1,234,567.89（最多两位小数）',
  'en-US': 'must be an amount such as 1,234,567.89 (at most two decimals)',
};

/**
 * The typed form as the sealed bid form: yuan text to integer fen, blanks left out, the items the
 * tender requires (`required`, its 唱标内容) first under their own names, then the bidder's own; all
 * checked with the same schema the platform reads it with, so the page shows each field's problem
 * before anything is sealed. The page insists on every required item, though the platform would
 * read a lacking one out as 未提供.
 */
export function bidFormFromInput(
  values: BidFormValues,
  locale: Locale,
  required: readonly string[] = [],
): BidFormInput {
  const errors: BidFormFieldError[] = [];
  const money = (field: 'price' | 'bidBond', label: Record<Locale, string>, required: boolean) => {
    const text = values[field]?.trim() ?? '';
    if (!text) {
      if (required) errors.push({ field, message: missing(label, locale) });
      return undefined;
    }
    const fen = yuanTextToFen(text);
    if (fen === null)
      errors.push({
        field,
        message: `${label[locale]}${locale === 'zh-CN' ? '' : ' '}${MONEY_TEXT[locale]}`,
      });
    return fen ?? undefined;
  };
  const priceFen = money('price', { 'zh-CN': '投标报价', 'en-US': 'The bid price' }, true);
  const bidBondFen = money('bidBond', { 'zh-CN': '投标保证金', 'en-US': 'The bid bond' }, false);
  const items: Record<string, string> = {};
  required.forEach((name, index) => {
    const value = values.requiredItems?.[index]?.trim() ?? '';
    if (!value) errors.push({ field: ['requiredItems', index], message: missingItem(name, locale) });
    items[name] = value;
  });
  (values.items ?? []).forEach((item, index) => {
    const key = item?.key?.trim() ?? '';
    const value = item?.value?.trim() ?? '';
    if (!key && !value) return;
    if (Object.hasOwn(items, key)) {
      errors.push({
        field: ['items', index, 'key'],
        message: locale === 'zh-CN' ? `唱标内容“${key}”重复` : `The read-out item "${key}" appears twice`,
      });
      return;
    }
    items[key] = value;
  });
  const quality = values.qualityCommitment?.trim();
  const candidate = {
    version: BID_FORM_VERSION,
    priceFen: priceFen ?? 0,
    ...(values.durationDays !== null && values.durationDays !== undefined
      ? { durationDays: values.durationDays }
      : {}),
    ...(quality ? { qualityCommitment: quality } : {}),
    ...(bidBondFen !== undefined ? { bidBondFen } : {}),
    items,
  };
  const parsed = parseBidForm(candidate);
  if (!parsed.ok) {
    for (const problem of parsed.problems) {
      errors.push({ field: fieldOf(problem.path, values, required), message: problem.message[locale] });
    }
  }
  if (errors.length > 0 || !parsed.ok) return { ok: false, errors: firstPerField(errors) };
  return { ok: true, form: parsed.form };
}

function missing(label: Record<Locale, string>, locale: Locale): string {
  return locale === 'zh-CN' ? `请填写${label[locale]}` : `${label[locale]} is required`;
}

function missingItem(name: string, locale: Locale): string {
  return locale === 'zh-CN'
    ? `请填写招标文件要求唱标的“${name}”`
    : `The tender documents require "${name}" to be read out`;
}

/** The schema's path (priceFen, items.项目经理) as the form's field. */
function fieldOf(
  path: string,
  values: BidFormValues,
  required: readonly string[],
): BidFormFieldError['field'] {
  const [top, key] = path.split('.');
  switch (top) {
    case 'priceFen':
      return 'price';
    case 'bidBondFen':
      return 'bidBond';
    case 'durationDays':
    case 'qualityCommitment':
      return top;
    case 'items': {
      const requiredIndex = required.indexOf(key ?? '');
      if (requiredIndex >= 0) return ['requiredItems', requiredIndex];
      const index = (values.items ?? []).findIndex((item) => (item?.key?.trim() ?? '') === (key ?? ''));
      return index < 0 ? 'items' : ['items', index, key ? 'value' : 'key'];
    }
    default:
      return 'price';
  }
}

/** One message per field: the first problem found is the one to fix. */
function firstPerField(errors: readonly BidFormFieldError[]): BidFormFieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const id = JSON.stringify(error.field);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
