import type { Kysely, Selectable } from 'kysely';
import type { CommonTables, Db, Trx } from '../../store/schema.ts';

/** An entity as the hub knows it, keyed by its unified social credit code. */
export interface HubEntityTable {
  creditCode: string;
  name: string;
  /** JSON array, sorted: the capacities it registered in (tenderer, agency, bidder). */
  kinds: string;
  /** Code list legalType (data set 100); null until a legal person record arrives. */
  legalType: string | null;
  /** Code list legalStatus (data set 100). */
  legalStatus: string | null;
  /** GB/T 2260 administrative division, 6 digits. */
  regionCode: string;
  legalRepresentative: string | null;
  /** The platform whose record first registered it. */
  firstPlatformCode: string;
  /** 1 when registered, one more at each change. */
  version: number;
  registeredAt: string;
  updatedAt: string;
}

/** One change of one entity; `seq` orders all changes in commit order. */
export interface HubEntityChangeTable {
  seq: number | string;
  creditCode: string;
  version: number;
  dataSetCode: string;
  /** JSON object: each changed field with its value before and after. */
  changes: string;
  platformCode: string;
  at: string;
}

/** The one row (id 1) holding the next change number; locked by each change on PostgreSQL. */
export interface HubEntityStateTable {
  id: number;
  nextSeq: number | string;
}

export interface HubEntityTables extends CommonTables {
  hubEntity: HubEntityTable;
  hubEntityChange: HubEntityChangeTable;
  hubEntityState: HubEntityStateTable;
}
export type HubEntityDb = Kysely<HubEntityTables>;
export type HubEntityRow = Selectable<HubEntityTable>;
export type HubEntityChangeRow = Selectable<HubEntityChangeTable>;

/** The use-case context carries the common schema; the entity code sees its own tables. */
export function hubEntityDb(db: Db | Trx): HubEntityDb {
  return db as unknown as HubEntityDb;
}
