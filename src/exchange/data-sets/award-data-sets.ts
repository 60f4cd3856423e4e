import { dataSet, type DataSetSchema } from '../data-set-schema.ts';
import { BODY_TEXT, code, CREDIT_CODE, DATE, DATE_TIME, integer, opt, req, text } from '../field-types.ts';
import {
  amount,
  bidderFields,
  CURRENCY,
  digestFields,
  NOTICE_CONTENT,
  NOTICE_MEDIA,
  NOTICE_NAME,
  NOTICE_SEND_TIME,
  OPTIONAL_CURRENCY,
  SOURCE_URL,
} from './shared-fields.ts';

/** 交易信息 III (512–523): award, contract, exceptions, performance and guarantees. */

const CONTRACT_CODE = req('CONTRACT_CODE', '合同编号', 'contract number', text(100));
const WIN_NOTICE_SEND_TIME = opt(
  'WIN_NOTICE_SEND_TIME',
  '中标通知书发出时间',
  'award letter sent at',
  DATE_TIME,
);

export const AWARD_DATA_SETS: readonly DataSetSchema[] = [
  dataSet({
    code: '512',
    name: ['合同', 'contract'],
    description: [
      '招标人与中标人订立书面合同后发送（条例 57：中标通知书发出之日起 30 日内）。',
      'Sent when the tenderer and the winner have signed the contract (条例 57: within 30 days of the award letter).',
    ],
    group: 'trading',
    scope: 'section',
    key: ['BID_SECTION_CODE', 'CONTRACT_CODE'],
    fields: [
      CONTRACT_CODE,
      req('CONTRACT_NAME', '合同名称', 'contract', text(200)),
      ...bidderFields('WIN_BIDDER', '中标人', "winner's"),
      amount('CONTRACT_AMOUNT', '合同金额（元）', 'contract price (yuan)'),
      CURRENCY,
      opt('TIME_LIMIT', '合同工期或交货期（日）', 'duration (days)', integer(1, 3650)),
      WIN_NOTICE_SEND_TIME,
      req('CONTRACT_SIGN_TIME', '合同签订时间', 'signed at', DATE_TIME),
      ...digestFields('CONTRACT_DIGEST', '合同文本摘要', 'digest of the contract text', false),
    ],
    dateOrder: [['WIN_NOTICE_SEND_TIME', 'CONTRACT_SIGN_TIME']],
    requiredWhen: [{ field: 'DIGEST_ALGORITHM', when: 'CONTRACT_DIGEST' }],
  }),
  dataSet({
    code: '513',
    name: ['中标结果公告', 'award announcement'],
    description: [
      '确定中标人、发出中标通知书后公告中标结果时发送。',
      'Sent when the winner is chosen, the award letter sent and the result published.',
    ],
    group: 'trading',
    scope: 'section',
    key: ['BID_SECTION_CODE'],
    fields: [
      NOTICE_NAME,
      NOTICE_CONTENT,
      NOTICE_SEND_TIME,
      ...bidderFields('WIN_BIDDER', '中标人', "winner's"),
      amount('BID_AMOUNT', '中标金额（元）', 'amount awarded (yuan)'),
      CURRENCY,
      WIN_NOTICE_SEND_TIME,
      NOTICE_MEDIA,
      SOURCE_URL,
    ],
    dateOrder: [['WIN_NOTICE_SEND_TIME', 'NOTICE_SEND_TIME']],
  }),
  dataSet({
    code: '517',
    name: ['招标异常', 'tender exception'],
    description: [
      '招标失败（如投标人少于 3 个，法 28）或招标终止时发送；没有标段编号时指整个招标项目。',
      'Sent when a tender fails (e.g. fewer than 3 bidders, 法 28) or is terminated; without a section code it concerns the whole tender.',
    ],
    group: 'trading',
    scope: 'deal-or-section',
    key: ['UNIFIED_DEAL_CODE', 'BID_SECTION_CODE', 'EXCEPTION_TYPE'],
    fields: [
      req('EXCEPTION_TYPE', '异常类型', 'kind of exception', code('exceptionType')),
      req('EXCEPTION_NAME', '异常报告名称', 'title', text(300)),
      req('EXCEPTION_REASON', '异常原因', 'reason', text(4000)),
      req('EXCEPTION_TIME', '发生时间', 'occurred at', DATE_TIME),
      opt('RETENDER', '是否重新招标', 'to be tendered again', code('yesNo')),
      opt('NOTICE_CONTENT', '公告内容', 'text of the notice', BODY_TEXT),
      SOURCE_URL,
    ],
  }),
  dataSet({
    code: '522',
    name: ['合同履约', 'contract performance'],
    description: [
      '合同开始履行、发生变更、履约完成或终止时发送，每次报告当时的状态。',
      'Sent when performance starts, the contract changes, is completed or terminated: the state at that time.',
    ],
    group: 'trading',
    scope: 'section',
    key: ['BID_SECTION_CODE', 'CONTRACT_CODE'],
    fields: [
      CONTRACT_CODE,
      ...bidderFields('WIN_BIDDER', '中标人', "winner's"),
      req('PERFORMANCE_STATUS', '履约状态', 'status', code('performanceStatus')),
      opt('START_DATE', '开始履约日期', 'performance started on', DATE),
      opt('FINISH_DATE', '履约完成或终止日期', 'completed or terminated on', DATE),
      amount('SETTLEMENT_AMOUNT', '结算金额（元）', 'final account (yuan)', false),
      OPTIONAL_CURRENCY,
      opt('CHANGE_DESCRIPTION', '合同变更情况', 'changes to the contract', text(4000)),
      req('REPORT_TIME', '报告时间', 'reported at', DATE_TIME),
    ],
    dateOrder: [['START_DATE', 'FINISH_DATE']],
    requiredWhen: [
      { field: 'START_DATE', when: 'PERFORMANCE_STATUS', in: ['1', '2'] },
      { field: 'FINISH_DATE', when: 'PERFORMANCE_STATUS', in: ['2', '3'] },
      { field: 'CURRENCY_CODE', when: 'SETTLEMENT_AMOUNT' },
    ],
  }),
  dataSet({
    code: '523',
    name: ['担保', 'guarantee'],
    description: [
      '投标保证金、履约保证金等担保缴纳或出具、退还、没收时发送。',
      'Sent when a bid bond, performance bond or other guarantee is given, returned or forfeited.',
    ],
    group: 'trading',
    scope: 'section',
    key: ['BID_SECTION_CODE', 'GUARANTEE_CODE'],
    fields: [
      req('GUARANTEE_CODE', '保函或缴款凭证编号', 'guarantee or payment reference', text(100)),
      req('GUARANTEE_TYPE', '担保类型', 'kind of guarantee', code('guaranteeType')),
      req('GUARANTEE_FORM', '担保形式', 'form', code('guaranteeForm')),
      req('PRINCIPAL_NAME', '被担保人名称', 'principal (bidder or winner)', text(200)),
      req('PRINCIPAL_CODE', '被担保人统一社会信用代码', "principal's credit code", CREDIT_CODE),
      opt('GUARANTOR_NAME', '担保人或出具机构', 'guarantor', text(200)),
      opt('GUARANTOR_CODE', '担保人统一社会信用代码', "guarantor's credit code", CREDIT_CODE),
      amount('AMOUNT', '担保金额（元）', 'amount (yuan)'),
      CURRENCY,
      req('ISSUE_TIME', '缴纳或出具时间', 'given at', DATE_TIME),
      opt('VALID_UNTIL', '有效期至', 'valid until', DATE_TIME),
      req('GUARANTEE_STATUS', '担保状态', 'state', code('guaranteeStatus')),
    ],
    dateOrder: [['ISSUE_TIME', 'VALID_UNTIL', 'strict']],
    requiredWhen: [
      { field: 'GUARANTOR_NAME', when: 'GUARANTEE_FORM', in: ['2', '3', '4'] },
      { field: 'GUARANTOR_CODE', when: 'GUARANTEE_FORM', in: ['2', '3', '4'] },
    ],
  }),
];
