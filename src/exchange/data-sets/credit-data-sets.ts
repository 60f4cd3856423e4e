import { dataSet, type DataSetDefinition, type DataSetSchema } from '../data-set-schema.ts';
import { code, CREDIT_CODE, DATE, DEAL_CODE, identifier, opt, req, text } from '../field-types.ts';
import { amount, OPTIONAL_CURRENCY, SOURCE_URL } from './shared-fields.ts';

/**
 * 信用信息 (300–306): records about a legal person, dynamically generated from transactions and
 * decisions (seed §17). They carry no deal code: a record is about the subject, not one tender.
 */

const SUBJECT = [
  req('SUBJECT_CODE', '主体统一社会信用代码', "subject's credit code", CREDIT_CODE),
  req('SUBJECT_NAME', '主体名称', "subject's name", text(200)),
  req('SUBJECT_ROLE', '主体角色', "subject's role", code('subjectRole')),
  req('RECORD_CODE', '记录编号', 'record number', identifier(64)),
];
const DECISION = [
  req('DECISION_DEPT_NAME', '作出决定的机关', 'body that decided', text(200)),
  opt('DECISION_DEPT_CODE', '决定机关统一社会信用代码', "deciding body's credit code", CREDIT_CODE),
];
const LEGAL_BASIS = req('LEGAL_BASIS', '依据', 'legal basis', text(1000));

const credit = (def: Omit<DataSetDefinition, 'group' | 'scope' | 'orderKeyField' | 'key'>): DataSetSchema =>
  dataSet({ ...def, group: 'credit', scope: 'none', orderKeyField: 'SUBJECT_CODE', key: ['RECORD_CODE'] });

export const CREDIT_DATA_SETS: readonly DataSetSchema[] = [
  credit({
    code: '300',
    name: ['不良行为记录', 'violation record'],
    description: [
      '行政监督部门对招标投标活动中的违法违规行为作出处理决定后发送。',
      'Sent when a supervisor decides on a violation in tendering.',
    ],
    fields: [
      ...SUBJECT,
      req('VIOLATION_CONTENT', '违法违规行为', 'the violation', text(2000)),
      LEGAL_BASIS,
      req('PENALTY_TYPE', '处理方式', 'kind of penalty', code('penaltyType')),
      amount('PENALTY_AMOUNT', '罚款金额（元）', 'fine (yuan)', false),
      OPTIONAL_CURRENCY,
      ...DECISION,
      req('DECISION_DOC_NO', '处理决定文号', 'decision reference', text(100)),
      req('DECISION_DATE', '决定日期', 'decided on', DATE),
      opt('PUBLISH_UNTIL', '公开期限至', 'published until', DATE),
    ],
    dateOrder: [['DECISION_DATE', 'PUBLISH_UNTIL']],
    requiredWhen: [
      { field: 'PENALTY_AMOUNT', when: 'PENALTY_TYPE', in: ['2'] },
      { field: 'CURRENCY_CODE', when: 'PENALTY_AMOUNT' },
    ],
  }),
  credit({
    code: '302',
    name: ['黑名单', 'blacklist entry'],
    description: [
      '主体被列入黑名单（严重失信主体名单）时发送。',
      'Sent when a subject is put on the blacklist.',
    ],
    fields: [
      ...SUBJECT,
      req('LISTING_REASON', '列入事由', 'why it is listed', text(2000)),
      LEGAL_BASIS,
      ...DECISION,
      req('DECISION_DOC_NO', '列入决定文号', 'decision reference', text(100)),
      req('LISTED_DATE', '列入日期', 'listed on', DATE),
      opt('LISTED_UNTIL', '列入期限至', 'listed until', DATE),
    ],
    dateOrder: [['LISTED_DATE', 'LISTED_UNTIL', 'strict']],
  }),
  credit({
    code: '303',
    name: ['移出黑名单', 'blacklist removal'],
    description: [
      '主体期满或经信用修复被移出黑名单时发送；与列入记录同一顺序键，保证先列入、后移出。',
      "Sent when a subject leaves the blacklist; it shares the listing's order key, so removal follows listing.",
    ],
    fields: [
      ...SUBJECT,
      req('BLACKLIST_RECORD_CODE', '列入记录编号', 'record number of the listing (302)', identifier(64)),
      req('REMOVAL_REASON', '移出事由', 'why it is removed', text(1000)),
      ...DECISION,
      opt('DECISION_DOC_NO', '移出决定文号', 'decision reference', text(100)),
      req('REMOVAL_DATE', '移出日期', 'removed on', DATE),
    ],
  }),
  credit({
    code: '304',
    name: ['良好行为记录', 'commendation record'],
    description: ['主体获得表彰奖励时发送。', 'Sent when a subject receives an award.'],
    fields: [
      ...SUBJECT,
      req('REWARD_NAME', '表彰名称', 'award', text(200)),
      req('REWARD_LEVEL', '表彰级别', 'level', code('rewardLevel')),
      req('AWARDING_BODY', '表彰机关', 'awarding body', text(200)),
      req('AWARD_DATE', '表彰日期', 'awarded on', DATE),
      opt('VALID_UNTIL', '有效期至', 'counts until', DATE),
    ],
    dateOrder: [['AWARD_DATE', 'VALID_UNTIL']],
  }),
  credit({
    code: '305',
    name: ['履约评价记录', 'contract performance rating'],
    description: [
      '招标人对中标人的合同履约作出评价时发送（也可由监督部门发送）。',
      "Sent when a tenderer rates the winner's contract performance (or a supervisor does).",
    ],
    senders: ['trading', 'supervision', 'hub'],
    fields: [
      ...SUBJECT,
      opt('RELATED_DEAL_CODE', '相关统一交易标识码', 'deal code of the contract', DEAL_CODE),
      req('CONTRACT_NAME', '合同名称', 'contract', text(200)),
      req('EVALUATOR_NAME', '评价单位', 'rated by', text(200)),
      opt('EVALUATOR_CODE', '评价单位统一社会信用代码', "rater's credit code", CREDIT_CODE),
      req('PERFORMANCE_GRADE', '评价等级', 'grade', code('creditGrade')),
      opt('EVALUATION_CONTENT', '评价意见', 'comments', text(2000)),
      req('EVALUATION_DATE', '评价日期', 'rated on', DATE),
    ],
  }),
  credit({
    code: '306',
    name: ['社会信用记录', 'social credit record'],
    description: [
      '从社会信用体系（如“信用中国”）取得的主体信用信息，供评标和监督参考。',
      'Credit information on a subject from the social credit system (e.g. Credit China), for evaluation and supervision.',
    ],
    fields: [
      ...SUBJECT,
      req('CREDIT_SOURCE', '信息来源', 'source', text(200)),
      req('RECORD_TYPE', '记录类型', 'kind of record', code('socialCreditType')),
      req('RECORD_CONTENT', '记录内容', 'content', text(2000)),
      req('RECORD_DATE', '认定日期', 'recorded on', DATE),
      opt('VALID_UNTIL', '有效期至', 'in force until', DATE),
      SOURCE_URL,
    ],
    dateOrder: [['RECORD_DATE', 'VALID_UNTIL']],
  }),
];
