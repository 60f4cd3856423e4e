import type { ListQuery } from '../../api-types.ts';
import type { MessageKey, Translate } from '../../i18n.ts';

/** The hub's public notice API (src/hub/notices/routes.ts), restated: the web may not import the hub. */
export const NOTICE_TYPES = [
  'announcement',
  'clarification',
  'opening-record',
  'candidate-publicity',
  'result',
  'contract',
  'exception',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** 行业分类 of the exchange protocol's code list. */
export const INDUSTRY_CODES = [
  'A01',
  'A02',
  'A03',
  'A04',
  'A05',
  'A06',
  'A07',
  'A08',
  'A09',
  'A10',
  'A99',
] as const;

export interface PublicNotice {
  readonly id: string;
  readonly platformCode: string;
  readonly dataSetCode: string;
  readonly noticeType: NoticeType;
  readonly title: string;
  readonly regionCode: string;
  readonly industryCode: string | null;
  readonly procedure: string | null;
  readonly unifiedDealCode: string | null;
  readonly tenderProjectCode: string | null;
  readonly sectionCodes: readonly string[];
  /** Yuan. */
  readonly amount: number | null;
  readonly currency: string | null;
  readonly publishedAt: string;
  readonly receivedAt: string;
}

export interface NoticeHit extends PublicNotice {
  /** [start, end) of the search words in the title, UTF-16 code units. */
  readonly titleHighlights: readonly (readonly [number, number])[];
}

export interface NoticeDetail extends PublicNotice {
  readonly body: string;
}

export interface NoticeSearchPage {
  readonly items: readonly NoticeHit[];
  readonly total: number;
  /** False when the hub stopped counting: `total` is then a lower bound. */
  readonly totalExact: boolean;
  readonly page: number;
  readonly pageSize: number;
}

/** The filters, as they stand in the portal's address and in the API's query string. */
export const NOTICE_FILTER_KEYS = [
  'q',
  'region',
  'industry',
  'type',
  'from',
  'to',
  'minAmount',
  'maxAmount',
] as const;
export type NoticeFilterKey = (typeof NOTICE_FILTER_KEYS)[number];
export type NoticeFilters = Readonly<Partial<Record<NoticeFilterKey, string>>>;

export const PORTAL_NOTICES_PATH = '/public/notices';
export const PORTAL_PLATFORMS_PATH = '/public/platforms';

export function noticePath(id: string): string {
  return `${PORTAL_NOTICES_PATH}/${encodeURIComponent(id)}`;
}

const REGION = /^\d{2}(\d{2}){0,2}$/;
const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

/** An amount as typed (spaces, thousands separators, full-width digits allowed) → the API's form, or null. */
export function amountInput(text: string): string | null {
  const plain = text
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，]/g, '');
  return AMOUNT.test(plain) ? plain : null;
}

export type FilterProblem = 'regionInvalid' | 'amountInvalid';

/**
 * The filters as the form holds them, cleaned for the address and the API (trimmed, empties
 * dropped), or the fields the hub would refuse.
 */
export function cleanFilters(
  input: NoticeFilters,
):
  | { ok: true; filters: NoticeFilters }
  | { ok: false; problems: Partial<Record<NoticeFilterKey, FilterProblem>> } {
  const filters: Partial<Record<NoticeFilterKey, string>> = {};
  const problems: Partial<Record<NoticeFilterKey, FilterProblem>> = {};
  for (const key of NOTICE_FILTER_KEYS) {
    const value = (input[key] ?? '').trim();
    if (!value) continue;
    if (key === 'region' && !REGION.test(value)) problems.region = 'regionInvalid';
    else if (key === 'minAmount' || key === 'maxAmount') {
      const amount = amountInput(value);
      if (amount === null) problems[key] = 'amountInvalid';
      else filters[key] = amount;
    } else filters[key] = key === 'q' ? value.replace(/\s+/g, ' ') : value;
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, filters };
}

/** The filters with values only: what goes to the API and into links. */
export function filterQuery(filters: NoticeFilters): ListQuery {
  const query: Record<string, string> = {};
  for (const key of NOTICE_FILTER_KEYS) {
    const value = filters[key];
    if (value) query[key] = value;
  }
  return query;
}

/** The Atom feed of the same search, through the web host's proxy to the hub. */
export function noticeFeedUrl(filters: NoticeFilters): string {
  const search = new URLSearchParams(filterQuery(filters) as Record<string, string>).toString();
  return `/hub/api/public/notices.atom${search ? `?${search}` : ''}`;
}

/** 共 12 条, or 约 10000 条以上 when the hub stopped counting. */
export function totalText(t: Translate, total: number, exact: boolean): string {
  const formatted = total.toLocaleString('en-US');
  return exact ? t('portal.total', { total: formatted }) : t('portal.totalApprox', { total: formatted });
}

export interface TitlePart {
  readonly text: string;
  readonly marked: boolean;
}

/** The title cut at the marked ranges (which may overlap or come unsorted). */
export function titleParts(title: string, highlights: readonly (readonly [number, number])[]): TitlePart[] {
  const ranges = [...highlights]
    .map(([start, end]) => [Math.max(0, start), Math.min(title.length, end)] as const)
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const parts: TitlePart[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) parts.push({ text: title.slice(at, start), marked: false });
    parts.push({ text: title.slice(start, end), marked: true });
    at = end;
  }
  if (at < title.length) parts.push({ text: title.slice(at), marked: false });
  return parts;
}

export function noticeTypeKey(type: string): MessageKey | null {
  return (NOTICE_TYPES as readonly string[]).includes(type)
    ? (`portal.noticeType.${type}` as MessageKey)
    : null;
}

/**
 * 招标方式 as the hub reports it: the exchange protocol's code (1 公开招标, 2 邀请招标) or, from
 * older notices, its English name.
 */
export function procedureKey(procedure: string | null): MessageKey | null {
  if (procedure === '1' || procedure === 'open') return 'portal.procedure.open';
  if (procedure === '2' || procedure === 'invited') return 'portal.procedure.invited';
  return null;
}

export function industryKey(code: string | null): MessageKey | null {
  return code !== null && (INDUSTRY_CODES as readonly string[]).includes(code)
    ? (`portal.industry.${code}` as MessageKey)
    : null;
}
