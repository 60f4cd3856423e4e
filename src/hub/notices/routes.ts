import { z } from 'zod';
import { PUBLIC } from '../../domain/access.ts';
import { AppError, type FieldProblem, isAppError } from '../../domain/errors.ts';
import { errorBody, isoTime } from '../../domain/schemas/common.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { noticeFeedXml } from './atom.ts';
import { findNoticeById, type NoticeSummary } from './notice-repository.ts';
import { NOTICE_TYPES } from './notice-types.ts';
import { type NoticeHit, searchNotices } from './search-notices.ts';
import { MAX_SEARCH_PAGE_SIZE, type NoticeSearchQuery } from './search-query.ts';

const tags = ['notices'];
/** The newest this many notices make the Atom feed. */
export const FEED_SIZE = 50;

/** A yuan amount in a query string, at most two decimals, read into fen without floating point. */
const yuanQuery = z
  .string()
  .regex(/^\d{1,13}(\.\d{1,2})?$/, 'amount in yuan, at most 2 decimals')
  .transform((text) => {
    const [whole, fraction = ''] = text.split('.');
    return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  })
  .describe('amount in yuan (元), at most 2 decimals');

const dayQuery = z.iso.date().describe('YYYY-MM-DD, China Standard Time, inclusive');

const filterFields = {
  q: z
    .string()
    .max(500)
    .optional()
    .describe('words separated by spaces, all required: Chinese phrases, codes (交易编码, 项目编号)'),
  region: z
    .string()
    .regex(/^\d{2}(\d{2}){0,2}$/)
    .optional()
    .describe('GB/T 2260 code: 35 or 350000 a province, 3501 or 350100 a city, 350102 a county'),
  industry: z.string().min(1).max(20).optional().describe('行业分类 code, e.g. A02'),
  type: z.enum(NOTICE_TYPES).optional().describe('notice type'),
  from: dayQuery.optional(),
  to: dayQuery.optional(),
  minAmount: yuanQuery.optional(),
  maxAmount: yuanQuery.optional(),
};

function checkRanges(
  query: { from?: string | undefined; to?: string | undefined; minAmount?: number; maxAmount?: number },
  ctx: z.RefinementCtx,
): void {
  if (query.from && query.to && query.from > query.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'before from' });
  }
  if (query.minAmount !== undefined && query.maxAmount !== undefined && query.minAmount > query.maxAmount) {
    ctx.addIssue({ code: 'custom', path: ['maxAmount'], message: 'below minAmount' });
  }
}

export const noticeSearchQuery = z
  .object({
    ...filterFields,
    page: z.coerce.number().int().min(1).default(1).describe('1-based page number'),
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_SEARCH_PAGE_SIZE)
      .default(20)
      .describe(`rows per page, at most ${MAX_SEARCH_PAGE_SIZE}`),
  })
  .superRefine(checkRanges);

export const noticeFeedQuery = z.object(filterFields).superRefine(checkRanges);

const noticeFields = {
  id: z.string(),
  platformCode: z.string().describe('平台标识码 of the transaction platform that published it'),
  dataSetCode: z.string().describe('national data set it arrived in'),
  noticeType: z.enum(NOTICE_TYPES),
  title: z.string(),
  regionCode: z.string().describe('GB/T 2260'),
  industryCode: z.string().nullable(),
  procedure: z.string().nullable(),
  unifiedDealCode: z.string().nullable().describe('统一交易编码'),
  tenderProjectCode: z.string().nullable().describe('招标项目编号'),
  sectionCodes: z.array(z.string()).describe('标段编号'),
  amount: z.number().nullable().describe('amount in yuan (元)'),
  currency: z.string().nullable(),
  publishedAt: isoTime,
  receivedAt: isoTime,
};

export const noticeHit = z.object({
  ...noticeFields,
  titleHighlights: z
    .array(z.tuple([z.number().int(), z.number().int()]))
    .describe('[start, end) of the search words in the title, UTF-16 code units'),
});

export const noticeSearchPage = z.object({
  items: z.array(noticeHit),
  total: z.number().int(),
  totalExact: z
    .boolean()
    .describe(
      'false: total is an estimate (counting stopped once costly past the page, or at the search window)',
    ),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const noticeDetail = z.object({ ...noticeFields, body: z.string() });

/** The hub's public notices: search, one notice, and an Atom feed of a search. No sign-in. */
export function registerNoticeRoutes(app: ZodApp, deps: ServiceDeps): void {
  const db = deps.store.db;

  app.get('/api/public/notices', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'Search the published notices, newest first',
      description:
        'Every word of `q` must occur in the title or text (or be the deal or project code); filters combine. `total` is exact unless `totalExact` is false.',
      querystring: noticeSearchQuery,
      response: { 200: noticeSearchPage, 400: errorBody },
    },
    handler: async (request) => {
      const { page, pageSize, ...filters } = request.query;
      const result = await search({ ...searchFilters(filters), page, pageSize });
      return { ...result, items: result.items.map(hitView) };
    },
  });

  app.get('/api/public/notices.atom', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: `Atom 1.0 feed of a search: its newest ${FEED_SIZE} notices`,
      querystring: noticeFeedQuery,
      produces: ['application/atom+xml'],
      response: { 200: z.string().describe('Atom 1.0 (RFC 4287)'), 400: errorBody },
    },
    handler: async (request, reply) => {
      const result = await search({ ...searchFilters(request.query), page: 1, pageSize: FEED_SIZE });
      const xml = noticeFeedXml({
        search: feedSearch(request.url),
        notices: result.items,
        now: deps.clock.now(),
      });
      return reply.header('content-type', 'application/atom+xml; charset=utf-8').send(xml);
    },
  });

  app.get('/api/public/notices/:id', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'One published notice with its text',
      params: z.object({ id: z.string().min(1).max(64) }),
      response: { 200: noticeDetail, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => {
      const notice = await findNoticeById(db, request.params.id);
      if (!notice) throw new AppError('NOTICE_NOT_FOUND', { id: request.params.id });
      return { ...summaryView(notice), body: notice.body };
    },
  });

  /** The search; its own checks (words, paging depth) name the query parameters the caller sent. */
  async function search(query: NoticeSearchQuery) {
    try {
      return await searchNotices(db, query);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'VALIDATION_FAILED') throw error;
      const details = error.details.map((problem): FieldProblem => ({
        ...problem,
        path: `querystring.${QUERY_NAMES[problem.path] ?? problem.path}`,
      }));
      throw new AppError(
        'VALIDATION_FAILED',
        { fields: [...new Set(details.map((d) => d.path))].join(', ') },
        {
          details,
        },
      );
    }
  }
}

const QUERY_NAMES: Readonly<Record<string, string>> = {
  text: 'q',
  publishedFrom: 'from',
  publishedTo: 'to',
  minAmountFen: 'minAmount',
  maxAmountFen: 'maxAmount',
};

type Filters = z.infer<typeof noticeFeedQuery>;

function searchFilters(filters: Filters): Omit<NoticeSearchQuery, 'page' | 'pageSize'> {
  return {
    text: filters.q,
    region: filters.region,
    industry: filters.industry,
    type: filters.type,
    publishedFrom: filters.from,
    publishedTo: filters.to,
    minAmountFen: filters.minAmount,
    maxAmountFen: filters.maxAmount,
  };
}

/** The feed's filters as the caller wrote them, without paging: they name the feed and its links. */
function feedSearch(url: string): string {
  const params = new URLSearchParams(url.split('?')[1] ?? '');
  const kept = new URLSearchParams();
  for (const name of Object.keys(filterFields)) {
    const value = params.get(name);
    if (value) kept.set(name, value);
  }
  return kept.toString();
}

function summaryView(notice: NoticeSummary) {
  return {
    id: notice.id,
    platformCode: notice.platformCode,
    dataSetCode: notice.dataSetCode,
    noticeType: notice.noticeType,
    title: notice.title,
    regionCode: notice.regionCode,
    industryCode: notice.industryCode,
    procedure: notice.procedure,
    unifiedDealCode: notice.unifiedDealCode,
    tenderProjectCode: notice.tenderProjectCode,
    sectionCodes: [...notice.sectionCodes],
    amount: notice.amountFen === null ? null : notice.amountFen / 100,
    currency: notice.currency,
    publishedAt: notice.publishedAt,
    receivedAt: notice.receivedAt,
  };
}

function hitView(hit: NoticeHit) {
  return {
    ...summaryView(hit),
    titleHighlights: hit.titleHighlights.map(([start, end]) => [start, end] as [number, number]),
  };
}
