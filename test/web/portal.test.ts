import { describe, expect, it } from 'vitest';
import type { FieldError, PlatformService } from '../../web/src/api-types-exchange.ts';
import { type MessageKey, type MessageParams, translate } from '../../web/src/i18n.ts';
import {
  canRetry,
  fieldErrorText,
  openingStatus,
  PENDING_REFRESH_MS,
  recordSummary,
  refreshDelay,
  statusFromParam,
} from '../../web/src/pages/exchange/outgoing.ts';
import {
  amountInput,
  cleanFilters,
  filterQuery,
  industryKey,
  NOTICE_TYPES,
  noticeFeedUrl,
  noticePath,
  noticeTypeKey,
  procedureKey,
  titleParts,
  totalText,
} from '../../web/src/pages/portal/notice-search.ts';
import { feeText, platformStatusKey } from '../../web/src/pages/portal/platform-disclosure.ts';

const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en-US', key, params);

describe('the portal search form', () => {
  it('cleans what was typed: trimmed, single spaces, amounts without separators, empties dropped', () => {
    expect(
      cleanFilters({
        q: '  道路改造   施工 ',
        region: ' 350000 ',
        industry: 'A02',
        type: '',
        from: '2026-02-01',
        to: '',
        minAmount: '1,250,000',
        maxAmount: '９９．５',
      }),
    ).toEqual({
      ok: true,
      filters: {
        q: '道路改造 施工',
        region: '350000',
        industry: 'A02',
        from: '2026-02-01',
        minAmount: '1250000',
        maxAmount: '99.5',
      },
    });
  });

  it('names the fields the hub would refuse', () => {
    expect(cleanFilters({ region: '35010', minAmount: '12.345', maxAmount: '-1' })).toEqual({
      ok: false,
      problems: { region: 'regionInvalid', minAmount: 'amountInvalid', maxAmount: 'amountInvalid' },
    });
    for (const region of ['35', '3501', '350102']) expect(cleanFilters({ region }).ok).toBe(true);
    expect(amountInput('１２３，４５６')).toBe('123456');
    expect(amountInput('12.')).toBeNull();
    expect(amountInput('abc')).toBeNull();
  });

  it('links the Atom feed of the same filters, through the web host to the hub', () => {
    expect(noticeFeedUrl({})).toBe('/hub/api/public/notices.atom');
    expect(noticeFeedUrl({ q: '道路 改造', type: 'result', region: '', minAmount: '100' })).toBe(
      '/hub/api/public/notices.atom?q=%E9%81%93%E8%B7%AF+%E6%94%B9%E9%80%A0&type=result&minAmount=100',
    );
    expect(filterQuery({ q: '监理', to: '' })).toEqual({ q: '监理' });
    expect(noticePath('a/b')).toBe('/public/notices/a%2Fb');
  });

  it('shows the total, with 约 when the hub stopped counting', () => {
    expect(totalText(zh, 12, true)).toBe('共 12 条');
    expect(totalText(zh, 10_000, false)).toBe('约 10,000 条以上');
    expect(totalText(en, 10_000, false)).toBe('about 10,000 or more');
  });

  it('cuts the title at the marked words, whatever their order or overlap', () => {
    expect(titleParts('福州市道路改造工程', [[3, 7]])).toEqual([
      { text: '福州市', marked: false },
      { text: '道路改造', marked: true },
      { text: '工程', marked: false },
    ]);
    expect(
      titleParts('道路改造工程', [
        [4, 6],
        [0, 2],
        [1, 3],
      ]),
    ).toEqual([
      { text: '道路改', marked: true },
      { text: '造', marked: false },
      { text: '工程', marked: true },
    ]);
    expect(titleParts('工程', [[5, 9]])).toEqual([{ text: '工程', marked: false }]);
  });

  it('names every notice type and industry in Chinese and English', () => {
    expect(NOTICE_TYPES.map((type) => zh(noticeTypeKey(type)!))).toEqual([
      '招标公告',
      '澄清与修改',
      '开标记录',
      '中标候选人公示',
      '中标结果公告',
      '合同公开',
      '招标异常公告',
    ]);
    expect(en(noticeTypeKey('candidate-publicity')!)).toBe('Candidate publicity');
    expect(noticeTypeKey('tender')).toBeNull();
    expect(zh(industryKey('A02')!)).toBe('市政');
    expect(industryKey('Z99')).toBeNull();
    expect(industryKey(null)).toBeNull();
  });

  it('names the procedure from the protocol code (1 公开招标, 2 邀请招标) or its older English name', () => {
    expect(zh(procedureKey('1')!)).toBe('公开招标');
    expect(zh(procedureKey('2')!)).toBe('邀请招标');
    expect(zh(procedureKey('open')!)).toBe('公开招标');
    expect(en(procedureKey('invited')!)).toBe('Invited tender');
    expect(procedureKey('9')).toBeNull();
    expect(procedureKey(null)).toBeNull();
  });
});

describe('the platform disclosure page', () => {
  const service = (overrides: Partial<PlatformService>): PlatformService => ({
    name: 'CA 证书',
    description: '数字证书办理',
    free: false,
    fee: '1200.00',
    feeUnit: '元/年',
    ...overrides,
  });

  it('shows fees in yuan with separators, and 免费 when free', () => {
    expect(feeText(service({}), zh)).toBe('¥1,200.00 元/年');
    expect(feeText(service({ fee: '1234567.80', feeUnit: null }), zh)).toBe('¥1,234,567.80');
    expect(feeText(service({ free: true, fee: null, feeUnit: null }), zh)).toBe('免费');
    expect(feeText(service({ free: true, fee: null, feeUnit: null }), en)).toBe('Free');
  });

  it('names the known registration states', () => {
    expect(zh(platformStatusKey('approved')!)).toBe('已接入');
    expect(platformStatusKey('archived')).toBeNull();
  });
});

describe('the data-exchange page', () => {
  const error: FieldError = {
    path: 'record.TENDER_PROJECT_CODE',
    code: 'required',
    message: {
      'zh-CN': '招标项目编号（TENDER_PROJECT_CODE）必填',
      'en-US': 'Tender project code is required',
    },
    params: {},
  };

  it('shows a refusal in the reader’s language', () => {
    expect(fieldErrorText(error, 'zh-CN')).toBe('招标项目编号（TENDER_PROJECT_CODE）必填');
    expect(fieldErrorText(error, 'en-US')).toBe('Tender project code is required');
    expect(fieldErrorText({ ...error, message: { 'zh-CN': '', 'en-US': '' } }, 'en-US')).toBe(
      'record.TENDER_PROJECT_CODE: required',
    );
  });

  it('opens on the refused tab when any, refreshes while anything is pending, and retries refused messages only', () => {
    expect(statusFromParam(null)).toBeNull();
    expect(statusFromParam('pending')).toBe('pending');
    expect(statusFromParam('bogus')).toBeNull();
    expect(openingStatus(null)).toBe('rejected');
    expect(openingStatus({ pending: 2, delivered: 3, rejected: 1 })).toBe('rejected');
    expect(openingStatus({ pending: 2, delivered: 3, rejected: 0 })).toBe('pending');
    expect(openingStatus({ pending: 0, delivered: 119, rejected: 0 })).toBe('delivered');
    expect(openingStatus({ pending: 0, delivered: 0, rejected: 0 })).toBe('delivered');
    expect(refreshDelay(null)).toBeNull();
    expect(refreshDelay({ counts: { pending: 0, delivered: 3, rejected: 1 } })).toBeNull();
    expect(refreshDelay({ counts: { pending: 2, delivered: 3, rejected: 1 } })).toBe(PENDING_REFRESH_MS);
    expect(canRetry('rejected')).toBe(true);
    expect(canRetry('pending')).toBe(false);
    expect(canRetry('delivered')).toBe(false);
  });

  it('names what a message is about from its record', () => {
    const record = (fields: Record<string, unknown>) => recordSummary({ record: fields });
    expect(record({ NOTICE_NAME: '第 1 号澄清：类似业绩认定', TENDER_PROJECT_CODE: 'E1' })).toBe(
      '第 1 号澄清：类似业绩认定',
    );
    expect(record({ TENDERER_NAME: '福州市城乡建设发展中心', TENDER_PROJECT_NAME: '排涝泵站工程' })).toBe(
      '排涝泵站工程',
    );
    expect(record({ BID_AMOUNT: '1.00', TENDER_PROJECT_CODE: ' E3501 ' })).toBe('E3501');
    expect(record({ NOTICE_NAME: 3 })).toBe('');
  });

  it('has every portal and exchange text in English too', () => {
    expect(zh('nav.exchange-outgoing')).toBe('数据交换');
    expect(zh('exchange.status.rejected')).toBe('退回');
    expect(zh('exchange.retry')).toBe('重新发送');
    expect(zh('portal.fromLogin')).toBe('公开信息');
    expect(en('portal.fromLogin')).toBe('Public notices');
  });
});
