import type { Generated, Kysely, Selectable } from 'kysely';
import type { CommonTables, Db, Trx } from '../../store/schema.ts';

/** A platform registered to send to this one (migration 0015-exchange). */
export interface ExchangePeerTable {
  platformCode: string;
  kind: string;
  platformName: string;
  regionCode: string;
  status: string;
  /** The registration as submitted (canonical JSON of `PlatformRegistration`). */
  registration: string;
  submittedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
}

/** A message applied, once per sender and data key; `feedSeq` orders every pull feed. */
export interface ExchangeInboxTable {
  feedSeq: Generated<number>;
  platformCode: string;
  dataKey: string;
  messageId: string;
  dataSetCode: string;
  orderKey: string;
  orderSeq: number;
  contentDigest: string;
  /** The signed message as received (canonical JSON). */
  message: string;
  receivedAt: string;
}

export interface ExchangeOrderTable {
  platformCode: string;
  orderKey: string;
  lastSeq: number;
}

/** A message this platform sends, from staging to the receiver's answer. */
export interface ExchangeOutgoingTable {
  id: Generated<number>;
  targetCode: string;
  targetUrl: string;
  messageId: string;
  dataSetCode: string;
  dataKey: string;
  orderKey: string;
  orderSeq: number;
  record: string;
  source: string;
  status: OutgoingStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  /** The receiver's field errors of a refusal (JSON array of `FieldError`). */
  errors: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export const OUTGOING_STATUSES = ['pending', 'delivered', 'rejected'] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];

export interface ExchangeTables extends CommonTables {
  exchangePeer: ExchangePeerTable;
  exchangeInbox: ExchangeInboxTable;
  exchangeOrder: ExchangeOrderTable;
  exchangeOutgoing: ExchangeOutgoingTable;
}

export type ExchangeDb = Kysely<ExchangeTables>;
export type ExchangePeerRow = Selectable<ExchangePeerTable>;
export type ExchangeInboxRow = Selectable<ExchangeInboxTable>;
export type ExchangeOutgoingRow = Selectable<ExchangeOutgoingTable>;

/** Every platform has the exchange tables (a common migration); this widens a store's handle to see them. */
export function exchangeDb(db: Db | Trx): ExchangeDb {
  return db as unknown as ExchangeDb;
}
