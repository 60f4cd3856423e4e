import { dataSet, type DataSetSchema } from '../data-set-schema.ts';
import { code, DATE, DATE_TIME, identifier, opt, req, RESIDENT_ID, text } from '../field-types.ts';
import { EXPERT_CODE, EXPERT_NAME } from './shared-fields.ts';

/** 专家信息 (208, 212): what the experts did and how they behaved, for the expert pools' credit. */

const ID_CARD = opt('ID_CARD', '居民身份证号码', 'resident identity number', RESIDENT_ID, 'supervisors');

export const EXPERT_DATA_SETS: readonly DataSetSchema[] = [
  dataSet({
    code: '208',
    name: ['专家信用记录', 'expert credit record'],
    description: [
      '评标专家有不良或良好行为、被暂停或取消评标资格时发送。',
      'Sent when an expert is found at fault or commended, suspended or removed from the pool.',
    ],
    group: 'expert',
    scope: 'none',
    senders: ['trading', 'supervision', 'hub'],
    orderKeyField: 'EXPERT_CODE',
    key: ['CREDIT_RECORD_CODE'],
    fields: [
      EXPERT_CODE,
      EXPERT_NAME,
      ID_CARD,
      req('CREDIT_RECORD_CODE', '记录编号', 'record number', identifier(64)),
      req('RECORD_TYPE', '记录类型', 'kind of record', code('expertCreditType')),
      req('RECORD_CONTENT', '记录内容', 'what happened', text(2000)),
      req('DECISION_DEPT_NAME', '认定单位', 'body that decided', text(200)),
      req('RECORD_DATE', '认定日期', 'decided on', DATE),
      opt('VALID_UNTIL', '有效期至', 'in force until', DATE),
    ],
    dateOrder: [['RECORD_DATE', 'VALID_UNTIL']],
  }),
  dataSet({
    code: '212',
    name: ['专家评标记录', 'expert evaluation record'],
    description: [
      '标段评标结束后，为评标委员会每位成员各发送一条：参加、回避或缺席，以及评标起止时间。',
      'Sent for each committee member once a section is evaluated: took part, recused or absent, and when.',
    ],
    group: 'expert',
    scope: 'section',
    key: ['BID_SECTION_CODE', 'EXPERT_CODE'],
    fields: [
      EXPERT_CODE,
      EXPERT_NAME,
      ID_CARD,
      req('EXPERT_ROLE', '评委来源', 'how the member was appointed', code('expertRole')),
      req('IS_CHAIRMAN', '是否评标委员会主任', 'chair of the committee', code('yesNo')),
      req('ATTENDANCE', '参加情况', 'attendance', code('attendance')),
      opt('EVALUATION_START_TIME', '评标开始时间', 'evaluation started at', DATE_TIME),
      opt('EVALUATION_END_TIME', '评标结束时间', 'evaluation ended at', DATE_TIME),
      opt('RECUSAL_REASON', '回避理由', 'reason for recusal', text(500), 'supervisors'),
    ],
    dateOrder: [['EVALUATION_START_TIME', 'EVALUATION_END_TIME']],
    requiredWhen: [
      { field: 'EVALUATION_START_TIME', when: 'ATTENDANCE', in: ['1'] },
      { field: 'EVALUATION_END_TIME', when: 'ATTENDANCE', in: ['1'] },
      { field: 'RECUSAL_REASON', when: 'ATTENDANCE', in: ['2'] },
    ],
  }),
];
