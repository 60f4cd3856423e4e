import { formatCst } from '../../domain/cst.ts';
import type { NoticeSummary } from './notice-repository.ts';
import type { NoticeType } from './notice-types.ts';

/** The notice types as the public reads them. */
export const NOTICE_TYPE_NAMES: Readonly<Record<NoticeType, string>> = {
  announcement: '招标公告',
  clarification: '澄清与修改',
  'opening-record': '开标记录',
  'candidate-publicity': '中标候选人公示',
  result: '中标结果公告',
  contract: '合同公开',
  exception: '招标异常公告',
};

/** Where the web app shows the portal; links are root-relative, resolved against the feed's own address. */
export const PORTAL_NOTICES_PATH = '/public/notices';

export interface NoticeFeed {
  /** The search the feed follows, as a query string without `?` (empty for all notices). */
  readonly search: string;
  readonly notices: readonly NoticeSummary[];
  /** When nothing matches: the feed's updated time (the service clock). */
  readonly now: Date;
}

/**
 * An Atom 1.0 feed (RFC 4287) of notices, newest first. Links are relative, so the feed is right
 * wherever it is served from: `self` points at the feed itself, entries at the portal's notice page.
 */
export function noticeFeedXml(feed: NoticeFeed): string {
  const query = feed.search ? `?${feed.search}` : '';
  const updated = feed.notices[0]?.publishedAt ?? feed.now.toISOString();
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xml(`tag:zhaocai,2026:hub/notices${query}`)}</id>`,
    `  <title>${xml(`招采 公共服务平台 信息公开${feed.search ? '（筛选）' : ''}`)}</title>`,
    '  <subtitle>依法公开的招标投标信息 Public tendering notices</subtitle>',
    `  <updated>${xml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(`notices.atom${query}`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${PORTAL_NOTICES_PATH}${query}`)}"/>`,
    '  <author><name>招采 公共服务平台</name></author>',
    '  <generator>Zhaocai</generator>',
    ...feed.notices.flatMap(entryLines),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

function entryLines(notice: NoticeSummary): string[] {
  return [
    '  <entry>',
    `    <id>${xml(entryId(notice.id))}</id>`,
    `    <title>${xml(notice.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${xml(`${PORTAL_NOTICES_PATH}/${encodeURIComponent(notice.id)}`)}"/>`,
    `    <published>${xml(notice.publishedAt)}</published>`,
    `    <updated>${xml(notice.publishedAt)}</updated>`,
    `    <category term="${xml(notice.noticeType)}" label="${xml(NOTICE_TYPE_NAMES[notice.noticeType])}"/>`,
    `    <summary>${xml(entrySummary(notice))}</summary>`,
    '  </entry>',
  ];
}

/** One line a feed reader shows under the title: type, region, amount, publication time (CST). */
export function entrySummary(notice: NoticeSummary): string {
  const parts = [NOTICE_TYPE_NAMES[notice.noticeType], `行政区划 ${notice.regionCode}`];
  if (notice.amountFen !== null) parts.push(`金额 ${yuanText(notice.amountFen)}`);
  parts.push(`发布 ${formatCst(notice.publishedAt)}（北京时间）`);
  if (notice.unifiedDealCode) parts.push(`交易编码 ${notice.unifiedDealCode}`);
  return parts.join(' · ');
}

/** 125000000 fen → `¥1,250,000.00`. */
export function yuanText(fen: number): string {
  const whole = Math.floor(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${whole}.${String(fen % 100).padStart(2, '0')}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function entryId(id: string): string {
  return UUID.test(id)
    ? `urn:uuid:${id.toLowerCase()}`
    : `tag:zhaocai,2026:hub/notice/${encodeURIComponent(id)}`;
}

/**
 * Text and attribute values escaped for XML; characters XML 1.0 forbids (controls other than tab
 * and line breaks, lone surrogates, U+FFFE/U+FFFF) are dropped, since no escape can carry them.
 */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
