import type { Locale } from '../domain/locale.ts';
import type { ExchangeErrorCode, FieldErrorParams, LocalisedText } from './field-errors.ts';

/** The wording of every exchange error code in each language; the codes themselves are in field-errors.ts. */

/** What a `format` error expected, by the `expected` parameter. */
export const FORMAT_EXPECTATIONS: Readonly<Record<string, LocalisedText>> = {
  creditCode: {
    'zh-CN': '18 位统一社会信用代码（数字或除 I、O、Z、S、V 以外的大写字母，第 3–8 位为数字）',
    'en-US':
      'an 18-character unified social credit code (digits and capitals except I, O, Z, S, V; characters 3–8 digits)',
  },
  dealCode: {
    'zh-CN': '33 位统一交易标识码（招标人统一社会信用代码 + 8 位日期 + 6 位序号 + 校验码）',
    'en-US':
      "a 33-character unified deal code (tenderer's credit code + 8-digit date + 6-digit serial + check character)",
  },
  sectionCode: {
    'zh-CN': '36 位标段编号（统一交易标识码 + 3 位标段序号 001–999）',
    'en-US': 'a 36-character section code (unified deal code + 3-digit section number 001–999)',
  },
  platformCode: {
    'zh-CN': '20 位平台标识码（运营机构统一社会信用代码 + 2 位系统序号 01–99）',
    'en-US': "a 20-character platform code (the operator's credit code + 2-digit system number 01–99)",
  },
  regionCode: {
    'zh-CN': '6 位行政区划代码（GB/T 2260），如 350100',
    'en-US': 'a 6-digit administrative division code (GB/T 2260), e.g. 350100',
  },
  projectCode: {
    'zh-CN': '24 位投资项目统一代码（年份-行政区划-行业-类型-流水号），如 2026-350100-48-01-000123',
    'en-US':
      'a 24-character investment project code (year-region-industry-type-serial), e.g. 2026-350100-48-01-000123',
  },
  dateTime: {
    'zh-CN': '带时区的 ISO 8601 时间，如 2026-03-02T09:00:00+08:00',
    'en-US': 'an ISO 8601 time with its offset, e.g. 2026-03-02T09:00:00+08:00',
  },
  date: { 'zh-CN': 'YYYY-MM-DD 日期，如 2026-03-02', 'en-US': 'a YYYY-MM-DD date, e.g. 2026-03-02' },
  amount: {
    'zh-CN': '以元为单位、恰好两位小数的数字字符串，如 "1234567.80"',
    'en-US': 'a string of yuan with exactly two decimals, e.g. "1234567.80"',
  },
  decimal: { 'zh-CN': '十进制数字字符串，如 "95.50"', 'en-US': 'a decimal number as a string, e.g. "95.50"' },
  residentId: {
    'zh-CN': '18 位居民身份证号码（GB 11643，末位为数字或 X）',
    'en-US': 'an 18-character resident identity number (GB 11643, last character a digit or X)',
  },
  url: { 'zh-CN': '以 http:// 或 https:// 开头的网址', 'en-US': 'a URL starting with http:// or https://' },
  digest: { 'zh-CN': '64 位小写十六进制摘要', 'en-US': '64 lower-case hexadecimal digits' },
  macAddress: { 'zh-CN': 'MAC 地址，如 00-1A-2B-3C-4D-5E', 'en-US': 'a MAC address, e.g. 00-1A-2B-3C-4D-5E' },
  ipAddress: { 'zh-CN': 'IPv4 或 IPv6 地址', 'en-US': 'an IPv4 or IPv6 address' },
  identifier: {
    'zh-CN': '由字母、数字和 . _ - 组成、以字母或数字开头的编号',
    'en-US': 'an identifier of letters, digits and . _ - starting with a letter or digit',
  },
  text: { 'zh-CN': '不含控制字符的文本', 'en-US': 'text without control characters' },
  uuid: { 'zh-CN': '小写 UUID，如 0f8fad5b-d9cb-469f-a165-70867728950e', 'en-US': 'a lower-case UUID' },
  key: {
    'zh-CN': '1–128 个字母、数字或 . _ : / -，以字母或数字开头',
    'en-US': '1–128 letters, digits or . _ : / -, starting with a letter or digit',
  },
  base64: { 'zh-CN': 'Base64 编码的字节', 'en-US': 'Base64-encoded bytes' },
  cursor: { 'zh-CN': '本数据集订阅接口返回的游标', 'en-US': "a cursor returned by this data set's feed" },
  publicKey: {
    'zh-CN': 'PEM 格式（SPKI）的公钥：gm 为 SM2，intl 为 ECDSA P-256',
    'en-US': 'a PEM (SPKI) public key: SM2 for gm, ECDSA P-256 for intl',
  },
};

const TYPE_NAMES: Readonly<Record<string, LocalisedText>> = {
  string: { 'zh-CN': '字符串', 'en-US': 'a string' },
  integer: { 'zh-CN': '整数', 'en-US': 'an integer' },
  object: { 'zh-CN': 'JSON 对象', 'en-US': 'a JSON object' },
  array: { 'zh-CN': '数组', 'en-US': 'an array' },
};

interface Subject {
  /** The field named for the reader, e.g. `投标截止时间（BID_DOC_REFER_END_TIME）`. */
  readonly field: string;
  readonly other: string;
  readonly p: FieldErrorParams;
}

type Render = (s: Subject) => string;

const s = (value: string | number | undefined): string => (value === undefined ? '' : String(value));
const expected = (p: FieldErrorParams, locale: Locale): string =>
  FORMAT_EXPECTATIONS[s(p.expected)]?.[locale] ?? s(p.expected);
const typeName = (p: FieldErrorParams, locale: Locale): string =>
  TYPE_NAMES[s(p.expected)]?.[locale] ?? s(p.expected);
const at = (p: FieldErrorParams, zh: boolean): string =>
  p.position === undefined
    ? ''
    : zh
      ? `第 ${p.position} 位“${s(p.character)}”有误；`
      : `character ${p.position} ("${s(p.character)}") is wrong; `;

export const MESSAGES: Record<ExchangeErrorCode, Record<Locale, Render>> = {
  required: {
    'zh-CN': ({ field }) => `${field}为必填项`,
    'en-US': ({ field }) => `${field} is required`,
  },
  type: {
    'zh-CN': ({ field, p }) => `${field}应为${typeName(p, 'zh-CN')}`,
    'en-US': ({ field, p }) => `${field} must be ${typeName(p, 'en-US')}`,
  },
  too_long: {
    'zh-CN': ({ field, p }) =>
      `${field}最多 ${p.max} ${p.unit === 'items' ? '项' : '个字符'}，实为 ${p.length}`,
    'en-US': ({ field, p }) =>
      `${field} may have at most ${p.max} ${p.unit === 'items' ? 'items' : 'characters'}, not ${p.length}`,
  },
  too_short: {
    'zh-CN': ({ field, p }) =>
      `${field}至少 ${p.min} ${p.unit === 'items' ? '项' : '个字符'}，实为 ${p.length}`,
    'en-US': ({ field, p }) =>
      `${field} needs at least ${p.min} ${p.unit === 'items' ? 'items' : 'characters'}, not ${p.length}`,
  },
  out_of_range: {
    'zh-CN': ({ field, p }) => `${field}应在 ${p.min} 到 ${p.max} 之间，实为 ${s(p.value)}`,
    'en-US': ({ field, p }) => `${field} must be between ${p.min} and ${p.max}, not ${s(p.value)}`,
  },
  format: {
    'zh-CN': ({ field, p }) => `${field}格式有误：${at(p, true)}应为${expected(p, 'zh-CN')}`,
    'en-US': ({ field, p }) => `${field} is malformed: ${at(p, false)}expected ${expected(p, 'en-US')}`,
  },
  check_character: {
    'zh-CN': ({ field, p }) =>
      `${field}第 ${p.position} 位校验码有误：应为“${s(p.expectedCharacter)}”，实为“${s(p.character)}”`,
    'en-US': ({ field, p }) =>
      `Character ${p.position} of ${field}, the check character, is wrong: expected "${s(p.expectedCharacter)}", found "${s(p.character)}"`,
  },
  codelist: {
    'zh-CN': ({ field, p }) =>
      `${field}的取值“${s(p.value)}”不在代码表 ${s(p.list)} 中（可选：${s(p.allowed)}）`,
    'en-US': ({ field, p }) =>
      `${field}: "${s(p.value)}" is not in code list ${s(p.list)} (allowed: ${s(p.allowed)})`,
  },
  unknown_field: {
    'zh-CN': ({ p }) =>
      p.dataSetCode === undefined
        ? `消息中没有字段 ${s(p.name)}`
        : `数据集 ${s(p.dataSetCode)} 没有字段 ${s(p.name)}`,
    'en-US': ({ p }) =>
      p.dataSetCode === undefined
        ? `A message has no field ${s(p.name)}`
        : `Data set ${s(p.dataSetCode)} has no field ${s(p.name)}`,
  },
  duplicate: {
    'zh-CN': ({ field, p }) => `${field}“${s(p.value)}”在本批中重复（与 ${s(p.firstPath)} 相同）`,
    'en-US': ({ field, p }) =>
      `${field} "${s(p.value)}" occurs twice in this batch (same as ${s(p.firstPath)})`,
  },
  date_order: {
    'zh-CN': ({ field, other, p }) => `${field}应${p.strict ? '晚于' : '不早于'}${other}`,
    'en-US': ({ field, other, p }) => `${field} must be ${p.strict ? 'after' : 'no earlier than'} ${other}`,
  },
  inconsistent: {
    'zh-CN': ({ field, other, p }) =>
      p.relation === 'startsWith'
        ? `${field}“${s(p.value)}”应以${other}“${s(p.otherValue)}”开头`
        : `${field}“${s(p.value)}”与${other}“${s(p.otherValue)}”不一致`,
    'en-US': ({ field, other, p }) =>
      p.relation === 'startsWith'
        ? `${field} "${s(p.value)}" must start with ${other} "${s(p.otherValue)}"`
        : `${field} "${s(p.value)}" does not match ${other} "${s(p.otherValue)}"`,
  },
  unsupported_version: {
    'zh-CN': ({ p }) => `不支持协议版本 ${s(p.value)}：本平台支持版本 ${s(p.supported)}`,
    'en-US': ({ p }) =>
      `Protocol version ${s(p.value)} is not supported: this platform supports ${s(p.supported)}`,
  },
  unknown_data_set: {
    'zh-CN': ({ p }) => `未知的数据集代码“${s(p.value)}”`,
    'en-US': ({ p }) => `Unknown data set code "${s(p.value)}"`,
  },
  unsigned: {
    'zh-CN': () => '消息没有签名：每条消息都须由发送平台签名',
    'en-US': () => 'The message is not signed: every message must be signed by the sending platform',
  },
  unknown_key: {
    'zh-CN': ({ p }) => `签名密钥 ${s(p.keyId)}（${s(p.suite)}）不是平台 ${s(p.platformCode)} 登记的有效密钥`,
    'en-US': ({ p }) =>
      `Signing key ${s(p.keyId)} (${s(p.suite)}) is not a registered key of platform ${s(p.platformCode)}`,
  },
  bad_signature: {
    'zh-CN': () => '签名无效：消息在签名后被改动过，或不是用所声明的密钥签名的',
    'en-US': () =>
      'The signature is invalid: the message was changed after signing, or not signed with the stated key',
  },
  wrong_receiver: {
    'zh-CN': ({ p }) => `消息发给 ${s(p.value)}，而本平台是 ${s(p.expected)}`,
    'en-US': ({ p }) => `The message is addressed to ${s(p.value)}, but this platform is ${s(p.expected)}`,
  },
  platform_unknown: {
    'zh-CN': ({ p }) => `平台 ${s(p.value)} 未在本公共服务平台登记`,
    'en-US': ({ p }) => `Platform ${s(p.value)} is not registered with this hub`,
  },
  platform_not_approved: {
    'zh-CN': ({ p }) => `平台 ${s(p.value)} 的登记未获批准或已暂停（状态：${s(p.status)}）`,
    'en-US': ({ p }) => `The registration of platform ${s(p.value)} is not approved (status: ${s(p.status)})`,
  },
  sender_not_allowed: {
    'zh-CN': ({ p }) =>
      `${s(p.kind)} 类平台不能发送数据集 ${s(p.dataSetCode)}（可发送的平台：${s(p.allowed)}）`,
    'en-US': ({ p }) =>
      `A ${s(p.kind)} platform may not send data set ${s(p.dataSetCode)} (allowed: ${s(p.allowed)})`,
  },
  gap: {
    'zh-CN': ({ p }) =>
      `顺序号 ${s(p.value)} 之前还有消息未到（${s(p.orderKey)} 已应用到 ${s(p.lastApplied)}）：先发送前面的消息，稍后重发本条`,
    'en-US': ({ p }) =>
      `Messages before sequence number ${s(p.value)} have not arrived (${s(p.orderKey)} is applied up to ${s(p.lastApplied)}): send those first, then resend this one`,
  },
  stale: {
    'zh-CN': ({ p }) =>
      `顺序号 ${s(p.value)} 已被另一条消息占用（${s(p.orderKey)} 已应用到 ${s(p.lastApplied)}）`,
    'en-US': ({ p }) =>
      `Sequence number ${s(p.value)} is already taken by another message (${s(p.orderKey)} is applied up to ${s(p.lastApplied)})`,
  },
  conflict: {
    'zh-CN': ({ p }) => `数据键 ${s(p.value)} 已接收过内容不同的消息：更正的数据须使用新的数据键`,
    'en-US': ({ p }) =>
      `Data key ${s(p.value)} was already applied with different content: a correction needs a new data key`,
  },
};
