import type { Kysely, Selectable } from 'kysely';
import type { CommonTables, Db, Trx } from '../../store/schema.ts';

/**
 * A notice the hub publishes, as received from a transaction platform. `seq` is the notice's number
 * in the search index, given in commit order; `id` is its public identity.
 */
export interface HubNoticeTable {
  seq: number | string;
  id: string;
  platformCode: string;
  dataSetCode: string;
  dataKey: string;
  noticeType: string;
  title: string;
  body: string;
  /** GB/T 2260 administrative division, 6 digits. */
  regionCode: string;
  industryCode: string | null;
  procedure: string | null;
  unifiedDealCode: string | null;
  tenderProjectCode: string | null;
  /** JSON array of the sections the notice concerns. */
  sectionCodes: string;
  amountFen: number | string | null;
  currency: string | null;
  /** ISO instant, whole seconds: the order of search results. */
  publishedAt: string;
  receivedAt: string;
}

/**
 * One block of one posting list: the notices of one week (`bucket`) that contain `gram`, in `seq`
 * order, encoded by ./posting-codec.ts. Only the last block of a (gram, bucket) grows.
 */
export interface HubNoticePostingTable {
  gram: string;
  bucket: number;
  block: number;
  entries: number;
  lastSeq: number | string;
  data: Uint8Array;
}

/** The one row (id 1) holding the next notice number; locked by each indexing on PostgreSQL. */
export interface HubNoticeIndexStateTable {
  id: number;
  nextSeq: number | string;
}

export interface HubNoticeTables extends CommonTables {
  hubNotice: HubNoticeTable;
  hubNoticePosting: HubNoticePostingTable;
  hubNoticeIndexState: HubNoticeIndexStateTable;
}
export type HubNoticeDb = Kysely<HubNoticeTables>;
export type HubNoticeRow = Selectable<HubNoticeTable>;

/** The use-case context carries the common schema; the notice code sees its own tables. */
export function hubNoticeDb(db: Db | Trx): HubNoticeDb {
  return db as unknown as HubNoticeDb;
}
