import { dataSet, type DataSetSchema } from '../data-set-schema.ts';
import {
  code,
  CREDIT_CODE,
  DATE,
  DATE_TIME,
  identifier,
  integer,
  opt,
  REGION_CODE,
  req,
  text,
} from '../field-types.ts';

/** 监督信息 (400–404): what supervisors publish and what they find (seed §8–10). */

const SUPERVISE_DEPT_NAME = req('SUPERVISE_DEPT_NAME', '监督部门', 'supervising body', text(200));

export const SUPERVISION_DATA_SETS: readonly DataSetSchema[] = [
  dataSet({
    code: '400',
    name: ['监督事项', 'supervision item'],
    description: [
      '行政监督部门公布其监督职责、依据、对象、流程和时限（事项清单）中的一项。',
      "One item of a supervisor's published list of duties: basis, object, procedure, time limit.",
    ],
    group: 'supervision',
    scope: 'none',
    orderKeyField: 'ITEM_CODE',
    key: ['ITEM_CODE'],
    fields: [
      req('ITEM_CODE', '事项编码', 'item code', identifier(32)),
      req('ITEM_NAME', '事项名称', 'item', text(200)),
      SUPERVISE_DEPT_NAME,
      req('SUPERVISE_DEPT_CODE', '监督部门统一社会信用代码', "supervising body's credit code", CREDIT_CODE),
      req('REGION_CODE', '行政区划代码', 'region', REGION_CODE),
      req('INDUSTRY', '行业', 'industry', code('industry')),
      req('LEGAL_BASIS', '设定依据', 'legal basis', text(2000)),
      req('SUPERVISED_OBJECT', '监督对象', 'who is supervised', text(500)),
      req('PROCEDURE_DESC', '办理流程', 'procedure', text(4000)),
      opt('TIME_LIMIT_DAYS', '办理时限（日）', 'time limit (days)', integer(0, 365)),
      req('EFFECTIVE_DATE', '生效日期', 'in force from', DATE),
      opt('EXPIRY_DATE', '失效日期', 'in force until', DATE),
    ],
    dateOrder: [['EFFECTIVE_DATE', 'EXPIRY_DATE', 'strict']],
  }),
  dataSet({
    code: '402',
    name: ['项目预警', 'tender alert'],
    description: [
      '监督平台的规则对某个招标项目或标段发出预警、或预警被处理时发送；只给监督部门和上级平台，不公开。',
      'Sent when a supervision rule raises an alert on a tender or section, or the alert is handled; for supervisors and upper hubs only.',
    ],
    group: 'supervision',
    scope: 'deal-or-section',
    key: ['ALERT_CODE'],
    fields: [
      req('ALERT_CODE', '预警编号', 'alert number', identifier(64)),
      req('RULE_CODE', '预警规则编号', 'rule code', identifier(32)),
      req('RULE_NAME', '预警规则', 'rule', text(200), 'supervisors'),
      req('ALERT_LEVEL', '预警级别', 'level', code('alertLevel'), 'supervisors'),
      req('ALERT_TIME', '预警时间', 'raised at', DATE_TIME),
      req('ALERT_CONTENT', '预警内容', 'what was found', text(2000), 'supervisors'),
      SUPERVISE_DEPT_NAME,
      req('HANDLE_STATUS', '处理状态', 'handling', code('alertStatus'), 'supervisors'),
      opt('HANDLE_TIME', '处理时间', 'handled at', DATE_TIME, 'supervisors'),
      opt('HANDLE_RESULT', '处理结果', 'outcome', text(2000), 'supervisors'),
    ],
    dateOrder: [['ALERT_TIME', 'HANDLE_TIME']],
    requiredWhen: [
      { field: 'HANDLE_TIME', when: 'HANDLE_STATUS', in: ['2', '3'] },
      { field: 'HANDLE_RESULT', when: 'HANDLE_STATUS', in: ['2', '3'] },
    ],
  }),
  dataSet({
    code: '404',
    name: ['投诉处理', 'complaint'],
    description: [
      '行政监督部门收到、受理投诉并作出处理决定时发送；处理决定公开（seed §14）。',
      'Sent when a supervisor receives, accepts and decides a complaint; the decision is published (seed §14).',
    ],
    group: 'supervision',
    scope: 'deal-or-section',
    key: ['COMPLAINT_CODE'],
    fields: [
      req('COMPLAINT_CODE', '投诉编号', 'complaint number', identifier(64)),
      req('COMPLAINANT_NAME', '投诉人', 'complainant', text(200)),
      opt('COMPLAINANT_CODE', '投诉人统一社会信用代码', "complainant's credit code", CREDIT_CODE),
      req('RESPONDENT_NAME', '被投诉人', 'respondent', text(200)),
      req('COMPLAINT_MATTER', '投诉事项', 'what is complained of', text(2000), 'supervisors'),
      req('COMPLAINT_TIME', '投诉时间', 'lodged at', DATE_TIME),
      req('ACCEPT_DEPT_NAME', '受理部门', 'body handling it', text(200)),
      req('STATUS', '处理状态', 'status', code('complaintStatus')),
      opt('ACCEPT_TIME', '受理时间', 'accepted at', DATE_TIME),
      opt('DECISION_TIME', '处理决定时间', 'decided at', DATE_TIME),
      opt('DECISION_RESULT', '处理决定', 'decision', text(4000)),
    ],
    dateOrder: [
      ['COMPLAINT_TIME', 'ACCEPT_TIME'],
      ['ACCEPT_TIME', 'DECISION_TIME'],
      ['COMPLAINT_TIME', 'DECISION_TIME'],
    ],
    requiredWhen: [
      { field: 'ACCEPT_TIME', when: 'STATUS', in: ['1', '3'] },
      { field: 'DECISION_TIME', when: 'STATUS', in: ['2', '3'] },
      { field: 'DECISION_RESULT', when: 'STATUS', in: ['2', '3'] },
    ],
  }),
];
