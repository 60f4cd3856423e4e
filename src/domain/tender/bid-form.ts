import { z } from 'zod';
import type { Locale } from '../locale.ts';

/**
 * The bid form (投标函): what is read out at the opening (唱标, 办法 30). It travels sealed inside
 * the bid package, so no bidder can change its price after seeing the others'. Versioned: a
 * reader refuses a version it does not know rather than guess.
 */
export const BID_FORM_VERSION = 1;

/** Read-out items named by the tender documents (e.g. 工期, 质量, 项目经理): short keys, plain text. */
const itemKey = z.string().min(1).max(64);
const itemValue = z.string().max(1000);

export const bidFormSchema = z
  .object({
    version: z.literal(BID_FORM_VERSION),
    /** 投标报价, integer fen. */
    priceFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** 工期, calendar days. */
    durationDays: z.number().int().min(1).max(36_500).optional(),
    /** 质量承诺. */
    qualityCommitment: z.string().min(1).max(1000).optional(),
    /** 投标保证金, integer fen. */
    bidBondFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    items: z.record(itemKey, itemValue),
  })
  .strict();

export type BidForm = z.infer<typeof bidFormSchema>;

/** One thing wrong with a bid form: the field, a stable code, and the text in both languages. */
export interface BidFormProblem {
  readonly path: string;
  readonly code: string;
  readonly message: Readonly<Record<Locale, string>>;
}

export type BidFormResult =
  | { readonly ok: true; readonly form: BidForm }
  | { readonly ok: false; readonly problems: readonly BidFormProblem[] };

const FIELD_NAMES: Record<string, Record<Locale, string>> = {
  version: { 'zh-CN': '投标函版本', 'en-US': 'bid form version' },
  priceFen: { 'zh-CN': '投标报价', 'en-US': 'bid price' },
  durationDays: { 'zh-CN': '工期（日历天）', 'en-US': 'duration (days)' },
  qualityCommitment: { 'zh-CN': '质量承诺', 'en-US': 'quality commitment' },
  bidBondFen: { 'zh-CN': '投标保证金', 'en-US': 'bid bond' },
  items: { 'zh-CN': '唱标内容', 'en-US': 'read-out items' },
};

/** Checks a parsed `bid-form.json`; every problem names its field in Chinese and English. */
export function parseBidForm(value: unknown): BidFormResult {
  // reportInput: the message tells a missing field from one of the wrong type.
  const parsed = bidFormSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, form: parsed.data };
  return { ok: false, problems: parsed.error.issues.map(problemOf) };
}

function problemOf(issue: z.core.$ZodIssue): BidFormProblem {
  const path = issue.path.map(String).join('.');
  const top = String(issue.path[0] ?? '');
  const field = FIELD_NAMES[top] ?? { 'zh-CN': path || '投标函', 'en-US': path || 'bid form' };
  const item = top === 'items' && issue.path.length > 1 ? String(issue.path[1]) : null;
  const zhField = item ? `${field['zh-CN']}“${item}”` : field['zh-CN'];
  const enField = item ? `read-out item "${item}"` : field['en-US'];
  return { path, code: issue.code, message: describe(issue, zhField, enField) };
}

function describe(issue: z.core.$ZodIssue, zh: string, en: string): Record<Locale, string> {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { 'zh-CN': `缺少${zh}`, 'en-US': `The ${en} is missing` };
      return issue.expected === 'int'
        ? { 'zh-CN': `${zh}应为整数`, 'en-US': `The ${en} must be a whole number` }
        : { 'zh-CN': `${zh}格式错误`, 'en-US': `The ${en} has the wrong type` };
    case 'invalid_value':
      return {
        'zh-CN': `${zh}不受支持（应为 ${issue.values.join('、')}）`,
        'en-US': `The ${en} is not supported (expected ${issue.values.join(', ')})`,
      };
    case 'too_small':
      return {
        'zh-CN': `${zh}不得小于 ${String(issue.minimum)}`,
        'en-US': `The ${en} may not be less than ${String(issue.minimum)}`,
      };
    case 'too_big':
      return {
        'zh-CN': `${zh}不得大于 ${String(issue.maximum)}`,
        'en-US': `The ${en} may not exceed ${String(issue.maximum)}`,
      };
    case 'unrecognized_keys':
      return {
        'zh-CN': `投标函含有未定义的字段：${issue.keys.join('、')}`,
        'en-US': `The bid form has unknown fields: ${issue.keys.join(', ')}`,
      };
    default:
      return { 'zh-CN': `${zh}不符合要求`, 'en-US': `The ${en} is not valid` };
  }
}

/** What the read-out says of an item the tender documents require and the bid form lacks. */
export const NOT_PROVIDED = '未提供';

/** A required read-out item as read from one bid form: its value, or null when the form lacks it. */
export interface RequiredItemReading {
  readonly name: string;
  readonly value: string | null;
  /** The value as read out, or 未提供. */
  readonly text: string;
}

/**
 * Reads the items the tender documents require (唱标内容) from a bid form, in the documents' order.
 * A missing or blank item is read out as 未提供 and left to the evaluation to judge: it does not make
 * the form invalid, for the bid itself may still state it elsewhere.
 */
export function readRequiredItems(form: BidForm, required: readonly string[]): RequiredItemReading[] {
  return required.map((name) => {
    const value = Object.hasOwn(form.items, name) ? form.items[name]!.trim() : '';
    return value ? { name, value, text: value } : { name, value: null, text: NOT_PROVIDED };
  });
}

/** Integer fen as yuan with two decimals, e.g. 123456 → "1,234.56". */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan as typed by a person ("1234.5", "1,234.56") to integer fen; null when it is not money. */
export function yuanTextToFen(text: string): number | null {
  const clean = text.replace(/,/g, '').trim();
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  const [whole, fraction = ''] = clean.split('.');
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}
