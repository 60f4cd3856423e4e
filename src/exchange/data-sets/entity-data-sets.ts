import { dataSet, type DataSetSchema } from '../data-set-schema.ts';
import {
  code,
  CREDIT_CODE,
  DATE,
  DATE_TIME,
  integer,
  opt,
  REGION_CODE,
  req,
  RESIDENT_ID,
  text,
} from '../field-types.ts';
import { amount, CONTACT_NAME, CONTACT_PHONE, OPTIONAL_CURRENCY } from './shared-fields.ts';

/** 主体信息 (100–113): the entities registered once and shared by every connected platform (seed §5–6). */

const LEGAL_CODE = req('LEGAL_CODE', '统一社会信用代码', 'unified social credit code', CREDIT_CODE);
const LEGAL_NAME = req('LEGAL_NAME', '单位名称', 'name', text(200));
const LEGAL_REGION = req('REGION_CODE', '注册地行政区划代码', 'region of registration', REGION_CODE);
const REGISTER_TIME = req('REGISTER_TIME', '在平台注册时间', 'registered on the platform at', DATE_TIME);

const entity = {
  group: 'entity',
  scope: 'none',
  orderKeyField: 'LEGAL_CODE',
  key: ['LEGAL_CODE'],
} as const;

export const ENTITY_DATA_SETS: readonly DataSetSchema[] = [
  dataSet({
    ...entity,
    code: '100',
    name: ['法人基本信息', 'legal person'],
    description: [
      '单位首次在交易平台注册、或其登记信息变更时发送；各平台共享同一份主体信息。',
      'Sent when an organisation first registers on a transaction platform or its registration changes; every platform shares it.',
    ],
    fields: [
      LEGAL_CODE,
      LEGAL_NAME,
      req('LEGAL_TYPE', '法人类别', 'kind of legal person', code('legalType')),
      req('LEGAL_REPRESENT', '法定代表人', 'legal representative', text(50)),
      LEGAL_REGION,
      opt('LEGAL_ADDRESS', '注册地址', 'registered address', text(200)),
      amount('REG_CAPITAL', '注册资本（元）', 'registered capital (yuan)', false),
      OPTIONAL_CURRENCY,
      opt('ESTABLISH_DATE', '成立日期', 'date of establishment', DATE),
      req('LEGAL_STATUS', '登记状态', 'registration status', code('legalStatus')),
      CONTACT_NAME,
      CONTACT_PHONE,
    ],
    requiredWhen: [{ field: 'CURRENCY_CODE', when: 'REG_CAPITAL' }],
  }),
  dataSet({
    ...entity,
    code: '101',
    name: ['招标人信息', 'tenderer'],
    description: [
      '单位以招标人身份在交易平台注册时发送。',
      'Sent when an organisation registers as a tenderer.',
    ],
    fields: [
      LEGAL_CODE,
      LEGAL_NAME,
      LEGAL_REGION,
      opt('INDUSTRY', '所属行业', 'industry', code('industry')),
      CONTACT_NAME,
      CONTACT_PHONE,
      REGISTER_TIME,
    ],
  }),
  dataSet({
    ...entity,
    code: '102',
    name: ['招标代理机构信息', 'tendering agency'],
    description: [
      '单位以招标代理机构身份注册时发送。',
      'Sent when an organisation registers as a tendering agency.',
    ],
    fields: [
      LEGAL_CODE,
      LEGAL_NAME,
      LEGAL_REGION,
      opt('STAFF_COUNT', '专职从业人员数', 'full-time tendering staff', integer(0, 100_000)),
      CONTACT_NAME,
      CONTACT_PHONE,
      REGISTER_TIME,
    ],
  }),
  dataSet({
    ...entity,
    code: '103',
    name: ['投标人信息', 'bidder'],
    description: [
      '单位以投标人身份注册、或其主要资质变更时发送。',
      'Sent when an organisation registers as a bidder or its main qualification changes.',
    ],
    fields: [
      LEGAL_CODE,
      LEGAL_NAME,
      LEGAL_REGION,
      opt('QUALIFICATION_NAME', '主要资质名称', 'main qualification', text(200)),
      opt('QUALIFICATION_LEVEL', '资质等级', 'qualification grade', text(50)),
      opt('QUALIFICATION_CERT_NO', '资质证书编号', 'qualification certificate number', text(50)),
      opt('QUALIFICATION_VALID_UNTIL', '资质有效期至', 'qualification valid until', DATE),
      CONTACT_NAME,
      CONTACT_PHONE,
      REGISTER_TIME,
    ],
    requiredWhen: [
      { field: 'QUALIFICATION_LEVEL', when: 'QUALIFICATION_NAME' },
      { field: 'QUALIFICATION_CERT_NO', when: 'QUALIFICATION_NAME' },
    ],
  }),
  ...(
    [
      [
        '111',
        '招标人从业人员',
        "tenderer's staff",
        '招标人登记其从事招标工作的人员时发送。',
        'Sent when a tenderer records the people who run its tenders.',
      ],
      [
        '112',
        '招标代理机构从业人员',
        "agency's staff",
        '招标代理机构登记其从业人员时发送。',
        'Sent when an agency records its tendering staff.',
      ],
      [
        '113',
        '投标人注册执业人员',
        "bidder's licensed staff",
        '投标人登记其注册执业人员（如注册建造师）时发送。',
        'Sent when a bidder records its licensed professionals (e.g. registered constructors).',
      ],
    ] as const
  ).map(([code_, zh, en, dzh, den]) =>
    dataSet({
      code: code_,
      name: [zh, en],
      description: [dzh, den],
      group: 'entity',
      scope: 'none',
      orderKeyField: 'UNIT_CODE',
      key: ['UNIT_CODE', 'CERTIFICATE_NO'],
      fields: [
        req('PERSON_NAME', '姓名', 'name', text(50)),
        req('ID_CARD', '居民身份证号码', 'resident identity number', RESIDENT_ID, 'supervisors'),
        req('UNIT_CODE', '所在单位统一社会信用代码', "employer's credit code", CREDIT_CODE),
        req('UNIT_NAME', '所在单位名称', "employer's name", text(200)),
        req('CERTIFICATE_NAME', '执业或职业资格', 'professional qualification', text(100)),
        req('CERTIFICATE_NO', '证书编号', 'certificate number', text(50)),
        opt('CERTIFICATE_VALID_UNTIL', '证书有效期至', 'certificate valid until', DATE),
        opt('SPECIALTY', '专业', 'specialty', text(100)),
      ],
    }),
  ),
];
