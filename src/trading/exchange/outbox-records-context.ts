import type { Selectable } from 'kysely';
import { CODE_LISTS } from '../../exchange/code-lists.ts';
import { findRegionCodeProblem } from '../../exchange/codes/region-code.ts';
import { yuanFromFen } from '../../exchange/amounts.ts';
import { cstTime } from '../../exchange/instants.ts';
import type { RecordValue } from '../../exchange/validate-record.ts';
import type { TradingDb, TradingTables, TradingTrx } from '../schema.ts';

/** What the sending platform says of itself in every record. */
export interface SenderIdentity {
  /** 平台标识码, 20 characters: the operator's credit code and 2 digits. */
  readonly platformCode: string;
  /** The receiving hub's platform code (PUB_SERVICE_PLAT_CODE). */
  readonly hubCode: string;
  /** 6-digit GB/T 2260 region, the fallback when the project states none. */
  readonly regionCode: string;
}

export type Db = TradingDb | TradingTrx;
export type OutboxRow = Selectable<TradingTables['outbox']>;
export type SectionRow = Pick<
  Selectable<TradingTables['tenderSection']>,
  | 'id'
  | 'code'
  | 'name'
  | 'estimatedPriceFen'
  | 'controlPriceFen'
  | 'bidBondFen'
  | 'bidValidityDays'
  | 'evaluationMethod'
  | 'criteria'
  | 'createdAt'
>;

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly creditCode: string;
}

/** The tender an outbox row is about, as the records of every data set need it. */
export interface TenderContext {
  readonly project: {
    readonly id: string;
    readonly dealCode: string;
    readonly name: string;
    readonly procedure: string;
    readonly qualification: string;
    readonly mustTender: boolean;
    readonly stateFunded: boolean;
    readonly region: string | null;
    readonly industry: string | null;
    readonly createdAt: string;
  };
  readonly tenderer: Organisation;
  readonly agency: Organisation | null;
  /** In code order. */
  readonly sections: readonly SectionRow[];
}

/** A data set's own fields of one record; the tender's codes and the common trailing fields are added later. */
export type RecordFields = Readonly<Record<string, RecordValue | undefined>>;

export interface RecordsInput {
  readonly db: Db;
  readonly row: OutboxRow;
  /** The row's payload, parsed: each mapping reads it as the shape its producer writes. */
  readonly payload: unknown;
  readonly tender: TenderContext;
  readonly identity: SenderIdentity;
}

export type RecordsOf = (input: RecordsInput) => Promise<readonly RecordFields[]>;

export const CNY = 'CNY';
/** Every digest the platform computes (opening record, evaluation report, files) is SHA-256. */
export const SHA256 = 'sha256';
export const EVALUATION_METHOD: Readonly<Record<string, string>> = { lowest_price: '1', comprehensive: '2' };

/** An ISO instant as the exchange sends it: China Standard Time with its offset. */
export function time(iso: string): string {
  return cstTime(new Date(iso));
}

/** Fen (a number, or the text PostgreSQL returns for bigint) as the exchange's yuan. */
export function yuan(fen: number | string): string {
  return yuanFromFen(Number(fen));
}

export function yesNo(value: boolean): string {
  return value ? '1' : '0';
}

/** Hundredths of a point as a decimal with two places, e.g. 9250 → "92.50". */
export function centiText(centi: number): string {
  return `${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
}

/**
 * At most `max` characters (code points). Only titles the mapping composes from two names (a
 * project's and a section's, each up to 200) can be longer than their field.
 */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

/**
 * 招标项目所在行政区划代码: the project's region when it is a GB/T 2260 code (the platform takes it
 * as free text), else the sending platform's own region.
 */
export function regionCodeOf(tender: TenderContext, identity: SenderIdentity): string {
  const region = tender.project.region?.trim();
  return region && !findRegionCodeProblem(region) ? region : identity.regionCode;
}

/**
 * The industry code list's value for the project's free-text industry: the code itself, a text
 * containing the code's Chinese name (市政工程 → A02 市政) or equal to its English name; A99 (其他)
 * otherwise.
 */
export function industryCodeOf(industry: string | null): string {
  const text = industry?.trim() ?? '';
  const match = CODE_LISTS.industry.values.find(
    (v) =>
      text === v.code ||
      (text !== '' && text.includes(v.label['zh-CN'])) ||
      text.toLowerCase() === v.label['en-US'],
  );
  return match?.code ?? 'A99';
}

/** Words that name a kind of section, most specific first (施工总承包 is works, 工程总承包 design and build). */
const SECTION_CLASS_WORDS: readonly (readonly [RegExp, string])[] = [
  [/工程总承包|EPC|设计施工总承包|设计采购施工/i, 'A05'],
  [/勘察/, 'A02'],
  [/设计/, 'A03'],
  [/监理/, 'A04'],
  [/设备/, 'B01'],
  [/材料/, 'B02'],
  [/咨询|造价|代理/, 'C01'],
  [/服务/, 'C99'],
];

/**
 * 标段分类: the platform does not record a section's kind, so it is read from the words of the
 * section's name, then the project's; A01 (工程施工), the platform's usual case, when neither names one.
 */
export function sectionClassOf(sectionName: string, projectName: string): string {
  for (const name of [sectionName, projectName]) {
    const match = SECTION_CLASS_WORDS.find(([words]) => words.test(name));
    if (match) return match[1];
  }
  return 'A01';
}

export function sectionById(tender: TenderContext, id: string): SectionRow {
  const section = tender.sections.find((s) => s.id === id);
  if (!section) throw new Error(`section ${id} is not one of tender ${tender.project.dealCode}`);
  return section;
}

export function sectionByCode(tender: TenderContext, code: string): SectionRow {
  const section = tender.sections.find((s) => s.code === code);
  if (!section) throw new Error(`section ${code} is not one of tender ${tender.project.dealCode}`);
  return section;
}

/** Organisations by id: their names and credit codes. */
export async function organisations(db: Db, ids: readonly string[]): Promise<Map<string, Organisation>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisation')
    .select(['id', 'name', 'creditCode'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((o) => [o.id, o]));
}

export function organisationOf(found: ReadonlyMap<string, Organisation>, id: string): Organisation {
  const organisation = found.get(id);
  if (!organisation) throw new Error(`organisation ${id} not found`);
  return organisation;
}

/** The project an outbox row is about, from its aggregate. */
async function projectIdOf(db: Db, row: OutboxRow): Promise<string> {
  switch (row.aggregateType) {
    case 'tender_project':
      return row.aggregateId;
    case 'tender_section':
    case 'section': {
      const section = await db
        .selectFrom('tenderSection')
        .select('projectId')
        .where('id', '=', row.aggregateId)
        .executeTakeFirstOrThrow();
      return section.projectId;
    }
    case 'announcement': {
      const announcement = await db
        .selectFrom('announcement')
        .select('projectId')
        .where('id', '=', row.aggregateId)
        .executeTakeFirstOrThrow();
      return announcement.projectId;
    }
    default:
      throw new Error(`outbox row ${row.seq}: unknown aggregate type ${row.aggregateType}`);
  }
}

/**
 * The tender of an outbox row. A published project and its sections no longer change (only the
 * project's status does), so reading them now gives what they were when the row was written.
 */
export async function loadTender(db: Db, row: OutboxRow): Promise<TenderContext> {
  const projectId = await projectIdOf(db, row);
  const project = await db
    .selectFrom('tenderProject')
    .select([
      'id',
      'dealCode',
      'name',
      'procedure',
      'qualification',
      'mustTender',
      'stateFunded',
      'region',
      'industry',
      'createdAt',
      'tendererOrganisationId',
      'agencyOrganisationId',
    ])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  const sections = await db
    .selectFrom('tenderSection')
    .select([
      'id',
      'code',
      'name',
      'estimatedPriceFen',
      'controlPriceFen',
      'bidBondFen',
      'bidValidityDays',
      'evaluationMethod',
      'criteria',
      'createdAt',
    ])
    .where('projectId', '=', projectId)
    .orderBy('code')
    .execute();
  const parties = await organisations(
    db,
    [project.tendererOrganisationId, project.agencyOrganisationId].filter((id) => id !== null),
  );
  return {
    project: {
      id: project.id,
      dealCode: project.dealCode,
      name: project.name,
      procedure: project.procedure,
      qualification: project.qualification,
      mustTender: Number(project.mustTender) === 1,
      stateFunded: Number(project.stateFunded) === 1,
      region: project.region,
      industry: project.industry,
      createdAt: project.createdAt,
    },
    tenderer: organisationOf(parties, project.tendererOrganisationId),
    agency: project.agencyOrganisationId ? organisationOf(parties, project.agencyOrganisationId) : null,
    sections,
  };
}
