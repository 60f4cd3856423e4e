import { creditCodeCheckCharacter } from '../domain/credit-code.ts';
import { buildDealCode, sectionCode } from '../domain/deal-code.ts';
import { codeListCodes } from './code-lists.ts';
import { platformCode } from './codes/identity-codes.ts';
import { residentIdCheckCharacter } from './codes/resident-id.ts';
import { dataSetSchema } from './data-sets.ts';
import type { FieldSpec } from './field-types.ts';
import type { PlatformRegistration } from './platform-registration.ts';
import type { PlatformKey } from './sign-message.ts';
import type { ExchangeRecord, RecordValue } from './validate-record.ts';

/**
 * A valid, realistic example record of every data set: one tender in Fuzhou from registration to
 * performance. The documentation shows them, the tests start from them, and a connecting
 * platform's conformance run sends them.
 */

const credit = (first17: string): string => first17 + creditCodeCheckCharacter(first17);

/** The parties of the example tender and their codes. */
export const EXAMPLE_CODES = (() => {
  const tenderer = credit('12350100MB0000001');
  const deal = buildDealCode(tenderer, new Date('2026-02-26T02:00:00Z'), 1);
  return {
    tenderer,
    agency: credit('91350100MA0000021'),
    bidder: credit('91350100MA0000031'),
    supervisor: credit('11350100MB0000041'),
    guarantor: credit('91350100MA0000051'),
    operator: credit('91350100MA0000061'),
    hubOperator: credit('12350100MB0000071'),
    deal,
    section: sectionCode(deal, 1),
    platform: platformCode(credit('91350100MA0000061'), 1),
    hub: platformCode(credit('12350100MB0000071'), 1),
    residentId: (() => {
      const first17 = '35010219800101123';
      return first17 + residentIdCheckCharacter(first17);
    })(),
  };
})();

const C = EXAMPLE_CODES;
const cst = (local: string): string => `${local}+08:00`;

/** Times of the example tender, in CST. */
const TIMES: Readonly<Record<string, string>> = {
  DATA_TIMESTAMP: cst('2026-03-02T09:00:00'),
  REGISTER_TIME: cst('2025-11-03T10:00:00'),
  CREATE_TIME: cst('2026-02-26T10:00:00'),
  NOTICE_SEND_TIME: cst('2026-03-02T09:00:00'),
  SEND_TIME: cst('2026-03-02T09:00:00'),
  DOC_GET_START_TIME: cst('2026-03-02T09:00:00'),
  DOC_GET_END_TIME: cst('2026-03-09T17:00:00'),
  PREQUAL_APPLY_END_TIME: cst('2026-03-09T17:00:00'),
  APPLY_TIME: cst('2026-03-08T11:20:00'),
  REVIEW_END_TIME: cst('2026-03-11T17:00:00'),
  NEW_BID_DOC_REFER_END_TIME: cst('2026-03-27T09:30:00'),
  NEW_BID_OPEN_TIME: cst('2026-03-27T09:30:00'),
  ISSUE_TIME: cst('2026-03-20T10:00:00'),
  BID_SUBMIT_TIME: cst('2026-03-20T16:45:00'),
  BID_DOC_REFER_END_TIME: cst('2026-03-23T09:30:00'),
  BID_OPEN_TIME: cst('2026-03-23T09:30:00'),
  EXCEPTION_TIME: cst('2026-03-23T09:45:00'),
  DRAW_TIME: cst('2026-03-23T08:00:00'),
  CHECK_IN_TIME: cst('2026-03-23T09:50:00'),
  EVALUATION_START_TIME: cst('2026-03-23T10:00:00'),
  ALERT_TIME: cst('2026-03-23T10:05:00'),
  SCORE_TIME: cst('2026-03-23T15:00:00'),
  EVALUATION_END_TIME: cst('2026-03-23T17:30:00'),
  SUBMIT_TIME: cst('2026-03-23T18:00:00'),
  PUBLICITY_START_TIME: cst('2026-03-24T09:00:00'),
  HANDLE_TIME: cst('2026-03-24T16:00:00'),
  PUBLICITY_END_TIME: cst('2026-03-27T09:00:00'),
  COMPLAINT_TIME: cst('2026-03-28T10:00:00'),
  WIN_NOTICE_SEND_TIME: cst('2026-03-30T10:00:00'),
  ACCEPT_TIME: cst('2026-03-30T09:00:00'),
  CONTRACT_SIGN_TIME: cst('2026-04-15T10:00:00'),
  DECISION_TIME: cst('2026-04-20T10:00:00'),
  VALID_UNTIL: cst('2026-07-21T00:00:00'),
  REPORT_TIME: cst('2026-10-10T10:00:00'),
};

const DATES: Readonly<Record<string, string>> = {
  ESTABLISH_DATE: '2008-05-20',
  AWARD_DATE: '2025-12-10',
  EFFECTIVE_DATE: '2026-01-01',
  APPROVAL_DATE: '2026-01-15',
  RECORD_DATE: '2026-04-20',
  DECISION_DATE: '2026-04-20',
  LISTED_DATE: '2026-04-20',
  START_DATE: '2026-04-20',
  FINISH_DATE: '2026-10-08',
  EVALUATION_DATE: '2026-10-15',
  VALID_UNTIL: '2027-04-19',
  PUBLISH_UNTIL: '2027-04-19',
  LISTED_UNTIL: '2027-04-19',
  REMOVAL_DATE: '2027-04-20',
  CERTIFICATE_VALID_UNTIL: '2028-06-30',
  QUALIFICATION_VALID_UNTIL: '2028-12-31',
  EXPIRY_DATE: '2030-12-31',
};

const CREDIT_CODES: Readonly<Record<string, string>> = {
  TENDERER_CODE: C.tenderer,
  TENDER_AGENCY_CODE: C.agency,
  PROJECT_LEGAL_CODE: C.tenderer,
  EVALUATOR_CODE: C.tenderer,
  SUPERVISE_DEPT_CODE: C.supervisor,
  DECISION_DEPT_CODE: C.supervisor,
  GUARANTOR_CODE: C.guarantor,
};

const TEXTS: Readonly<Record<string, string>> = {
  TENDER_PROJECT_NAME: '福州市滨海新城第二小学新建工程施工招标',
  PROJECT_NAME: '福州市滨海新城第二小学新建工程',
  BID_SECTION_NAME: '施工总承包一标段',
  TENDERER_NAME: '福州市滨海新城建设发展中心',
  PROJECT_LEGAL_PERSON: '福州市滨海新城建设发展中心',
  TENDER_AGENCY_NAME: '福建闽招招标代理有限公司',
  LEGAL_NAME: '福建榕建工程有限公司',
  BIDDER_NAME: '福建榕建工程有限公司',
  WIN_BIDDER_NAME: '福建榕建工程有限公司',
  INVITEE_NAME: '福建榕建工程有限公司',
  APPLICANT_NAME: '福建榕建工程有限公司',
  PRINCIPAL_NAME: '福建榕建工程有限公司',
  SUBJECT_NAME: '福建榕建工程有限公司',
  UNIT_NAME: '福建榕建工程有限公司',
  COMPLAINANT_NAME: '福建闽江建设集团有限公司',
  RESPONDENT_NAME: '福州市滨海新城建设发展中心',
  GUARANTOR_NAME: '中国建设银行福州分行',
  PERSON_NAME: '陈建华',
  EXPERT_NAME: '林志强',
  LEGAL_REPRESENT: '王立新',
  CONTACT_NAME: '张敏',
  CONTACT_PHONE: '0591-87654321',
  PROJECT_MANAGER: '陈建华',
  OPEN_COMPERE: '张敏',
  NOTICE_NAME: '福州市滨海新城第二小学新建工程施工招标公告',
  BID_OPENING_ADDRESS: '福州市公共资源交易电子开标大厅（不见面开标）',
  SUPERVISE_DEPT_NAME: '福州市住房和城乡建设局',
  DECISION_DEPT_NAME: '福州市住房和城乡建设局',
  ACCEPT_DEPT_NAME: '福州市住房和城乡建设局',
  APPROVAL_DEPT_NAME: '福州市发展和改革委员会',
  AWARDING_BODY: '福建省住房和城乡建设厅',
  EVALUATOR_NAME: '福州市滨海新城建设发展中心',
  CREDIT_SOURCE: '信用中国（福建）',
  NOTICE_MEDIA: '中国招标投标公共服务平台',
  CERTIFICATE_NAME: '一级注册建造师（建筑工程）',
  CERTIFICATE_NO: '闽1352008200912345',
  QUALIFICATION_NAME: '建筑工程施工总承包',
  QUALIFICATION_LEVEL: '一级',
  QUALIFICATION_CERT_NO: 'D135012345',
  BID_DOCUMENT_NAME: '投标文件.zcbe',
  TOOL_NAME: '招采投标文件制作工具',
  TOOL_VERSION: '1.0.0',
  ITEM_NAME: '施工组织设计',
  CONTRACT_NAME: '福州市滨海新城第二小学新建工程施工合同',
  CONTRACT_CODE: 'BHXC-2026-SG-001',
  GUARANTEE_CODE: 'JH2026032000018',
  EXPERT_SPECIALTY: '房屋建筑工程',
  RULE_NAME: '不同投标人的投标文件由同一台计算机制作',
  EXCEPTION_NAME: '施工总承包一标段招标失败报告',
  EXCEPTION_REASON: '投标截止时提交投标文件的投标人少于 3 个（法 28）。',
  LEGAL_ADDRESS: '福州市鼓楼区五四路 100 号',
  FUND_SOURCE: '财政资金',
  APPROVAL_DOC_NO: '榕发改审批〔2026〕12号',
  DECISION_DOC_NO: '榕建罚〔2026〕8号',
  OBJECTION_CONTACT: '张敏，0591-87654321',
  REWARD_NAME: '福建省建筑施工安全文明标准化工地',
  CPU_ID: 'BFEBFBFF000906EA',
  HARD_DISK_SERIAL_NUMBER: 'S4EWNX0R123456',
  SPECIALTY: '房屋建筑工程',
  RECORD_CONTENT: '评标时未按招标文件规定的评标标准和方法评审（条例 71）。',
  VIOLATION_CONTENT: '投标人之间协商投标报价（法 32，条例 39）。',
  LEGAL_BASIS: '《中华人民共和国招标投标法》第五十三条',
  LISTING_REASON: '串通投标，情节严重，被取消投标资格一年。',
  REMOVAL_REASON: '列入期限届满。',
  EVALUATION_CONTENT: '按期竣工，质量合格，安全文明施工。',
  SUPERVISED_OBJECT: '招标人、招标代理机构、投标人、评标委员会成员',
  PROCEDURE_DESC: '受理备案、在线监测、发出监督指令、作出处理决定并公开。',
  ALERT_CONTENT: '两个投标人的投标文件制作机器特征码相同。',
  HANDLE_RESULT: '经核查，已移交调查处理。',
  COMPLAINT_MATTER: '投诉中标候选人项目负责人有在建工程。',
  DECISION_RESULT: '投诉事项不成立，驳回投诉。',
  TENDER_CONTENT: '新建 36 个班的小学一所，总建筑面积约 28000 平方米，含土建、安装及室外配套工程。',
  BID_SECTION_CONTENT: '教学楼、综合楼、风雨操场的土建及安装工程。',
  NOTICE_CONTENT: '一、招标条件：本招标项目已由福州市发展和改革委员会批准建设……',
  OPENING_CONTENT: '投标人 5 家，均已解密；唱标内容：投标报价、工期、项目经理……',
  REPORT_CONTENT: '评标委员会由 5 人组成，采用综合评估法……',
  ITEM_REMARK: '施工组织设计合理，进度计划可行。',
  CHANGE_DESCRIPTION: '无变更。',
  BIDDER_QUALIFICATION: '具备建筑工程施工总承包一级及以上资质，拟派项目经理具备一级注册建造师（建筑工程）。',
};

/** Values for the fields of one data set that differ from the shared example. */
const OVERRIDES: Readonly<Record<string, Readonly<Record<string, RecordValue>>>> = {
  '100': { LEGAL_CODE: C.bidder },
  '101': { LEGAL_CODE: C.tenderer, LEGAL_NAME: TEXTS.TENDERER_NAME! },
  '102': { LEGAL_CODE: C.agency, LEGAL_NAME: TEXTS.TENDER_AGENCY_NAME! },
  '103': { LEGAL_CODE: C.bidder },
  '111': {
    UNIT_CODE: C.tenderer,
    UNIT_NAME: TEXTS.TENDERER_NAME!,
    CERTIFICATE_NAME: '招标采购专业人员（中级）',
  },
  '112': {
    UNIT_CODE: C.agency,
    UNIT_NAME: TEXTS.TENDER_AGENCY_NAME!,
    CERTIFICATE_NAME: '招标采购专业人员（高级）',
  },
  '212': { ATTENDANCE: '1', RECUSAL_REASON: '' },
  '300': { PENALTY_TYPE: '2', PENALTY_AMOUNT: '50000.00' },
  '306': {
    RECORD_CONTENT: '2025 年度纳税信用 A 级纳税人。',
    URL: 'https://fujian.creditchina.gov.cn/',
  },
  '400': { ITEM_NAME: '依法必须招标项目的招标投标活动监督' },
  '402': { HANDLE_STATUS: '2' },
  '404': { STATUS: '3' },
  '503': { PREQUAL_APPLY_END_TIME: '' },
  '504': {
    NOTICE_NAME: '福州市滨海新城第二小学新建工程施工招标文件澄清与修改（一）',
    NOTICE_SEND_TIME: cst('2026-03-10T15:00:00'),
  },
  '505': { NOTICE_NAME: '福州市滨海新城第二小学新建工程施工投标邀请书' },
  '506': { NOTICE_NAME: '施工总承包一标段开标记录' },
  '507': { BID_STATUS: '1' },
  '509': { NOTICE_NAME: '施工总承包一标段评标报告' },
  '511': { NOTICE_NAME: '施工总承包一标段中标候选人公示' },
  '513': { NOTICE_NAME: '施工总承包一标段中标结果公告', NOTICE_SEND_TIME: cst('2026-03-30T10:00:00') },
  '515': { NOTICE_NAME: '施工总承包一标段资格审查报告' },
  '516': { PREQUAL_RESULT: '1', REASON: '', NOTICE_SEND_TIME: cst('2026-03-12T10:00:00') },
  '517': { EXCEPTION_TYPE: '1', RETENDER: '1' },
  '522': { PERFORMANCE_STATUS: '2' },
  '523': { GUARANTEE_FORM: '2', GUARANTEE_STATUS: '2' },
};

const INTEGERS: Readonly<Record<string, number>> = {
  BID_VALIDITY_DAYS: 90,
  TIME_LIMIT: 540,
  BIDDER_COUNT: 5,
  VALID_BID_COUNT: 5,
  APPLICANT_COUNT: 7,
  QUALIFIED_COUNT: 5,
  STAFF_COUNT: 24,
  TIME_LIMIT_DAYS: 20,
  BID_DOCUMENT_SIZE: 18_734_592,
};

const AMOUNTS: Readonly<Record<string, string>> = {
  CONTRACT_RECKON_PRICE: '86500000.00',
  CONTROL_PRICE: '85000000.00',
  BID_BOND: '800000.00',
  INVESTMENT_AMOUNT: '120000000.00',
  REG_CAPITAL: '50000000.00',
  AMOUNT: '800000.00',
  PENALTY_AMOUNT: '50000.00',
};
const PRICE = '82360000.00';

function exampleValue(dataSetCode: string, field: FieldSpec): RecordValue | undefined {
  const name = field.name;
  const type = field.type;
  switch (type.kind) {
    case 'platformCode':
      return name === 'PLATFORM_CODE' ? C.platform : C.hub;
    case 'dealCode':
      return C.deal;
    case 'sectionCode':
      return C.section;
    case 'list':
      return [C.section];
    case 'creditCode':
      return CREDIT_CODES[name] ?? C.bidder;
    case 'regionCode':
      return '350100';
    case 'projectCode':
      return '2026-350100-48-01-000123';
    case 'dateTime':
      return TIMES[name];
    case 'date':
      return DATES[name];
    case 'amount':
      return AMOUNTS[name] ?? PRICE;
    case 'integer':
      return INTEGERS[name] ?? type.min;
    case 'decimal':
      return '92.50';
    case 'code':
      return codeListCodes(type.list)[0];
    case 'residentId':
      return C.residentId;
    case 'url':
      return `https://hub.example.cn/notices/${dataSetCode}/${C.deal}`;
    case 'digest':
      return 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
    case 'macAddress':
      return '3C-52-82-1A-2B-3C';
    case 'ipAddress':
      return '218.85.157.99';
    case 'identifier':
      return `${name.replace(/_CODE$|_NO$/, '').replace(/_/g, '-')}-2026-0001`;
    case 'text':
      return name === 'TENDER_PROJECT_CODE' ? C.deal : (TEXTS[name] ?? field.label['zh-CN']);
  }
}

/** A valid record of `dataSetCode` for the example tender. */
export function exampleRecord(dataSetCode: string): ExchangeRecord {
  const schema = dataSetSchema(dataSetCode);
  if (!schema) throw new RangeError(`unknown data set ${dataSetCode}`);
  const record: Record<string, RecordValue> = {};
  const overrides = OVERRIDES[dataSetCode] ?? {};
  for (const field of schema.fields) {
    const value = field.name in overrides ? overrides[field.name] : exampleValue(dataSetCode, field);
    if (value !== undefined && value !== '') record[field.name] = value;
  }
  return record;
}

/** A registration of the example transaction platform with the given signing keys. */
export function exampleRegistration(keys: readonly PlatformKey[]): PlatformRegistration {
  return {
    platformCode: C.platform,
    platformName: '榕招电子交易平台',
    kind: 'trading',
    regionCode: '350100',
    baseUrl: 'https://trade.example.cn/api/exchange',
    operator: {
      name: '福建榕招科技有限公司',
      creditCode: C.operator,
      contactName: '张敏',
      contactPhone: '0591-87654321',
    },
    certification: {
      reportNo: 'DZZB-2026-0117',
      issuedBy: '电子招标投标系统检测认证机构',
      issuedOn: '2026-01-20',
      validUntil: '2029-01-19',
    },
    interfaceStandard: {
      name: '招采数据交换协议',
      version: 1,
      dataSets: ['501', '502', '503', '506', '513'],
    },
    services: [
      {
        name: '电子招标投标交易',
        description: '发布公告、发售文件、在线投标与开标',
        free: true,
        fee: null,
        feeUnit: null,
      },
      {
        name: 'CA 数字证书办理',
        description: '投标人数字证书与电子印章',
        free: false,
        fee: '300.00',
        feeUnit: '元/年',
      },
    ],
    publicKeys: keys.map(({ suite, keyId, publicKeyPem }) => ({ suite, keyId, publicKeyPem })),
    submittedAt: cst('2026-02-01T10:00:00'),
  };
}
