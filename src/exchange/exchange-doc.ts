import { CODE_LISTS } from './code-lists.ts';
import { dataKeyOf } from './data-key.ts';
import { EXAMPLE_CODES, exampleRecord } from './data-set-examples.ts';
import type { DataSetSchema, DealScope } from './data-set-schema.ts';
import { DATA_SETS } from './data-sets.ts';
import type { FieldSpec, FieldType } from './field-types.ts';
import { PROTOCOL_VERSION, type ExchangeMessage } from './message.ts';
import { registrationFields } from './platform-registration.ts';

/**
 * The reference parts of docs/exchange.md, generated from the schemas so that the document lists
 * every field exactly as the code checks it. test/exchange/datasets-doc.test.ts compares them with
 * the document (and rewrites them with ZHAOCAI_UPDATE_DOCS=1).
 */

const SCOPE: Readonly<Record<DealScope, string>> = {
  none: '无交易编码 no deal code',
  deal: '招标项目 deal',
  section: '标段 section',
  'deal-or-section': '招标项目或标段 deal or section',
};

export function describeFieldType(type: FieldType): string {
  switch (type.kind) {
    case 'text':
      return `文本 text ≤ ${type.maxLength}`;
    case 'identifier':
      return `编号 identifier ≤ ${type.maxLength}`;
    case 'code':
      return `代码 code: \`${type.list}\``;
    case 'decimal':
      return `小数 decimal (${type.integerDigits},${type.fractionDigits})`;
    case 'integer':
      return `整数 integer ${type.min}–${type.max}`;
    case 'list':
      return `列表 list of ${type.minItems}–${type.maxItems}: ${describeFieldType(type.item)}`;
    case 'creditCode':
      return '统一社会信用代码 credit code (18)';
    case 'dealCode':
      return '统一交易标识码 deal code (33)';
    case 'sectionCode':
      return '标段编号 section code (36)';
    case 'platformCode':
      return '平台标识码 platform code (20)';
    case 'regionCode':
      return '行政区划代码 region (6)';
    case 'projectCode':
      return '投资项目统一代码 project code (24)';
    case 'dateTime':
      return '时间 ISO 8601 with offset';
    case 'date':
      return '日期 YYYY-MM-DD';
    case 'amount':
      return '金额 yuan "0.00"';
    case 'residentId':
      return '身份证号 resident id (18)';
    case 'url':
      return '网址 URL ≤ 500';
    case 'digest':
      return '摘要 64 hex';
    case 'macAddress':
      return 'MAC 地址 MAC address';
    case 'ipAddress':
      return 'IP 地址 IP address';
  }
}

const code = (name: string): string => `\`${name}\``;
const cell = (text: string): string => text.replaceAll('|', '\\|');

function requirement(schema: DataSetSchema, field: FieldSpec): string {
  if (field.required) return '是';
  return schema.requiredWhen.some((r) => r.field === field.name) ? '条件' : '否';
}

function renderDataSet(schema: DataSetSchema): string {
  const lines = [
    `### ${schema.code} ${schema.name['zh-CN']} ${schema.name['en-US']}`,
    '',
    `${schema.description['zh-CN']} ${schema.description['en-US']}`,
    '',
    `- 发送方 senders: ${schema.senders.join(', ')}；范围 scope: ${SCOPE[schema.scope]}`,
    `- 顺序键 order key: ${code(schema.orderKeyField)}；自然键 key: ${schema.key.map(code).join(' + ')}`,
  ];
  if (schema.unique.length) {
    lines.push(`- 批内唯一 unique: ${schema.unique.map((u) => u.map(code).join(' + ')).join('；')}`);
  }
  if (schema.requiredWhen.length) {
    const rules = schema.requiredWhen.map(
      (r) => `${code(r.field)} 当 when ${code(r.when)}${r.in ? ` ∈ {${r.in.join(', ')}}` : ' 已填 is given'}`,
    );
    lines.push(`- 条件必填 required when: ${rules.join('；')}`);
  }
  if (schema.dateOrder.length) {
    const rules = schema.dateOrder.map((o) => `${code(o.earlier)} ${o.strict ? '<' : '≤'} ${code(o.later)}`);
    lines.push(`- 时间顺序 date order: ${rules.join('；')}`);
  }
  if (schema.prefixes.length) {
    const rules = schema.prefixes.map((p) => `${code(p.field)} 以 ${code(p.startsWith)} 开头 starts with it`);
    lines.push(`- 一致性 consistency: ${rules.join('；')}`);
  }
  lines.push('', '| 字段 field | 名称 | name | 类型 type | 必填 | 公开 |', '|---|---|---|---|---|---|');
  for (const f of schema.fields) {
    const access = f.access === 'public' ? '公开' : '仅监督';
    lines.push(
      `| ${code(f.name)} | ${cell(f.label['zh-CN'])} | ${cell(f.label['en-US'])} | ${cell(describeFieldType(f.type))} | ${requirement(schema, f)} | ${access} |`,
    );
  }
  return lines.join('\n');
}

/** The data-set reference: one section and one table per data set, in code order. */
export function renderDataSetReference(): string {
  return [...DATA_SETS.values()].map(renderDataSet).join('\n\n');
}

/** Every code list with its values. */
export function renderCodeListReference(): string {
  return Object.values(CODE_LISTS)
    .map((list) =>
      [
        `#### ${code(list.id)} ${list.name['zh-CN']} ${list.name['en-US']}`,
        '',
        '| 代码 code | 含义 | meaning |',
        '|---|---|---|',
        ...list.values.map(
          (v) => `| ${code(v.code)} | ${cell(v.label['zh-CN'])} | ${cell(v.label['en-US'])} |`,
        ),
      ].join('\n'),
    )
    .join('\n\n');
}

/** The platform registration's fields. */
export function renderRegistrationReference(): string {
  return [
    '| 字段 field | 说明 description | 必填 |',
    '|---|---|---|',
    ...registrationFields().map(
      (f) => `| ${code(f.path)} | ${cell(f.description)} | ${f.required ? '是' : '否'} |`,
    ),
  ].join('\n');
}

/** An example message (the 503 of the example tender) as JSON; the signature value is elided. */
export function renderExampleMessage(): string {
  const record = exampleRecord('503');
  const message: ExchangeMessage = {
    version: PROTOCOL_VERSION,
    messageId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    dataSetCode: '503',
    dataKey: dataKeyOf('503', record, 1),
    platformCode: EXAMPLE_CODES.platform,
    hubCode: EXAMPLE_CODES.hub,
    sentAt: '2026-03-02T09:00:05+08:00',
    orderKey: EXAMPLE_CODES.deal,
    orderSeq: 3,
    record: { ...record, NOTICE_CONTENT: '一、招标条件：……' },
    signature: { suite: 'gm', keyId: '5d0c…（64 位十六进制）', value: 'MEUCIQ…（Base64）' },
  };
  return ['```json', JSON.stringify(message, null, 2), '```'].join('\n');
}

/** The generated blocks of docs/exchange.md, each between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export const GENERATED_BLOCKS: Readonly<Record<string, () => string>> = {
  'data-sets': renderDataSetReference,
  'code-lists': renderCodeListReference,
  registration: renderRegistrationReference,
  'example-message': renderExampleMessage,
};

/** The document with every generated block replaced by its current rendering. */
export function withGeneratedBlocks(document: string): string {
  let out = document;
  for (const [name, render] of Object.entries(GENERATED_BLOCKS)) {
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/exchange.md lacks the block ${start} … ${end}`);
    out = `${out.slice(0, from + start.length)}\n\n${render()}\n\n${out.slice(to)}`;
  }
  return out;
}
