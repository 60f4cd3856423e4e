import type { LocalisedText } from './field-errors.ts';
import {
  DATE_TIME,
  DEAL_CODE,
  PLATFORM_CODE,
  req,
  SECTION_CODE,
  text,
  type FieldSpec,
} from './field-types.ts';

export type DataSetGroup = 'entity' | 'expert' | 'credit' | 'supervision' | 'trading';

/**
 * Which of the tender's codes a record carries: none (entities, credit, supervision items, the
 * investment project), the deal (统一交易标识码 and 招标项目编号), or also one section.
 */
export type DealScope = 'none' | 'deal' | 'section' | 'deal-or-section';

/** The three kinds of platform that exchange messages. */
export type PlatformKind = 'trading' | 'hub' | 'supervision';
export const PLATFORM_KINDS = ['trading', 'hub', 'supervision'] as const satisfies readonly PlatformKind[];

/** `later` may not be before `earlier` (`strict`: must be after it); checked when both are given. */
export interface DateOrder {
  readonly earlier: string;
  readonly later: string;
  readonly strict: boolean;
}

/** `field` is required when `when` is given and, if `in` is set, has one of those values. */
export interface ConditionalRequirement {
  readonly field: string;
  readonly when: string;
  readonly in?: readonly string[];
}

/** `field` must start with the value of `startsWith` (a section code with its deal code…). */
export interface PrefixRule {
  readonly field: string;
  readonly startsWith: string;
}

export interface DataSetSchema {
  /** The national data-set code, e.g. '503'. */
  readonly code: string;
  readonly name: LocalisedText;
  /** When a platform sends it. */
  readonly description: LocalisedText;
  readonly group: DataSetGroup;
  readonly scope: DealScope;
  /** The kinds of platform that may send it (a hub forwards every data set). */
  readonly senders: readonly PlatformKind[];
  /** The field whose value is the message's `orderKey`: records of one key are applied in order. */
  readonly orderKeyField: string;
  /** The natural key: the fields naming the thing a record describes; a newer record replaces an older one. */
  readonly key: readonly string[];
  /** Further field combinations that must be unique within a batch. */
  readonly unique: readonly (readonly string[])[];
  readonly fields: readonly FieldSpec[];
  readonly dateOrder: readonly DateOrder[];
  readonly requiredWhen: readonly ConditionalRequirement[];
  readonly prefixes: readonly PrefixRule[];
}

export interface DataSetDefinition {
  readonly code: string;
  readonly name: readonly [zh: string, en: string];
  readonly description: readonly [zh: string, en: string];
  readonly group: DataSetGroup;
  readonly scope: DealScope;
  readonly senders?: readonly PlatformKind[];
  readonly orderKeyField?: string;
  readonly key: readonly string[];
  readonly unique?: readonly (readonly string[])[];
  /** The data set's own fields; the common ones are added by `dataSet`. */
  readonly fields: readonly FieldSpec[];
  readonly dateOrder?: readonly (readonly [earlier: string, later: string, strict?: 'strict'])[];
  readonly requiredWhen?: readonly ConditionalRequirement[];
  readonly prefixes?: readonly PrefixRule[];
}

const DEFAULT_SENDERS: Readonly<Record<DataSetGroup, readonly PlatformKind[]>> = {
  entity: ['trading', 'hub'],
  expert: ['trading', 'hub'],
  credit: ['supervision', 'hub'],
  supervision: ['supervision', 'hub'],
  trading: ['trading', 'hub'],
};

const DEAL_FIELDS: readonly FieldSpec[] = [
  req('UNIFIED_DEAL_CODE', '统一交易标识码', 'unified deal code', DEAL_CODE),
  req('TENDER_PROJECT_CODE', '招标项目编号', "tender project number (the platform's own)", text(50)),
];
const SECTION_FIELD = req('BID_SECTION_CODE', '标段（包）编号', 'section code', SECTION_CODE);

/** The fields every record ends with. */
export const TRAILING_COMMON_FIELDS: readonly FieldSpec[] = [
  req('PLATFORM_CODE', '平台标识码', 'code of the platform that produced the record', PLATFORM_CODE),
  req('PUB_SERVICE_PLAT_CODE', '公共服务平台标识码', 'code of the hub that first received it', PLATFORM_CODE),
  req('DATA_TIMESTAMP', '数据时间戳', 'when the record was last changed', DATE_TIME),
];

function leadingFields(scope: DealScope): readonly FieldSpec[] {
  switch (scope) {
    case 'none':
      return [];
    case 'deal':
      return DEAL_FIELDS;
    case 'section':
      return [...DEAL_FIELDS, SECTION_FIELD];
    case 'deal-or-section':
      return [...DEAL_FIELDS, { ...SECTION_FIELD, required: false }];
  }
}

function sectionCodeFields(fields: readonly FieldSpec[]): string[] {
  return fields
    .filter(
      (f) => f.type.kind === 'sectionCode' || (f.type.kind === 'list' && f.type.item.kind === 'sectionCode'),
    )
    .map((f) => f.name);
}

/**
 * A data set's schema: its own fields between the tender's codes and the common trailing fields.
 * Every field a rule names must exist; a definition that names another is a programming error and
 * fails when the module loads.
 */
export function dataSet(def: DataSetDefinition): DataSetSchema {
  const fields = [...leadingFields(def.scope), ...def.fields, ...TRAILING_COMMON_FIELDS];
  const names = new Set(fields.map((f) => f.name));
  if (names.size !== fields.length) throw new Error(`data set ${def.code} names a field twice`);
  const sectionPrefixes =
    def.scope === 'none'
      ? []
      : sectionCodeFields(fields).map((field) => ({ field, startsWith: 'UNIFIED_DEAL_CODE' }));
  const schema: DataSetSchema = {
    code: def.code,
    name: { 'zh-CN': def.name[0], 'en-US': def.name[1] },
    description: { 'zh-CN': def.description[0], 'en-US': def.description[1] },
    group: def.group,
    scope: def.scope,
    senders: def.senders ?? DEFAULT_SENDERS[def.group],
    orderKeyField: def.orderKeyField ?? 'UNIFIED_DEAL_CODE',
    key: def.key,
    unique: def.unique ?? [],
    fields,
    dateOrder: (def.dateOrder ?? []).map(([earlier, later, strict]) => ({
      earlier,
      later,
      strict: strict === 'strict',
    })),
    requiredWhen: def.requiredWhen ?? [],
    prefixes: [...sectionPrefixes, ...(def.prefixes ?? [])],
  };
  const named = [
    schema.orderKeyField,
    ...schema.key,
    ...schema.unique.flat(),
    ...schema.dateOrder.flatMap((o) => [o.earlier, o.later]),
    ...schema.requiredWhen.flatMap((r) => [r.field, r.when]),
    ...schema.prefixes.flatMap((p) => [p.field, p.startsWith]),
  ];
  const unknown = named.filter((name) => !names.has(name));
  if (unknown.length) throw new Error(`data set ${def.code} names unknown fields: ${unknown.join(', ')}`);
  const orderKey = fields.find((f) => f.name === schema.orderKeyField)!;
  if (!orderKey.required)
    throw new Error(`data set ${def.code}: the order key ${orderKey.name} must be required`);
  return schema;
}
