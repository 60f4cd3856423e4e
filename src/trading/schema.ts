import type { Kysely, Transaction } from 'kysely';
import type { Db, Trx, CommonTables } from '../store/schema.ts';
import type { AwardTables } from './award-tables.ts';
import type { AwardRevocationTables } from './award/revocation-tables.ts';
import type { BidTables } from './bid-tables.ts';
import type { DocumentTables } from './document-tables.ts';
import type { EvaluationSectionColumns, EvaluationTables } from './evaluation-tables.ts';
import type { ExpertTables } from './expert-tables.ts';
import type { BidFormColumns, OpeningHallTables, ReadOutSectionColumns } from './opening-hall-tables.ts';
import type { ProjectTables } from './project-tables.ts';
import type {
  BidSealingColumns,
  ProjectSealingColumns,
  ReceiptSealingColumns,
  SealingTables,
} from './sealing-tables.ts';

/** The transaction platform's database: the common tables plus its own. */
export interface TradingTables
  extends
    CommonTables,
    Omit<ProjectTables, 'tenderProject' | 'tenderSection'>,
    Omit<ExpertTables, 'tenderSection'>,
    EvaluationTables,
    DocumentTables,
    Omit<BidTables, 'bid' | 'bidReceipt'>,
    SealingTables,
    OpeningHallTables,
    AwardTables,
    AwardRevocationTables {
  tenderProject: ProjectTables['tenderProject'] & ProjectSealingColumns;
  tenderSection: ExpertTables['tenderSection'] & EvaluationSectionColumns & ReadOutSectionColumns;
  bid: BidTables['bid'] & BidSealingColumns & BidFormColumns;
  bidReceipt: BidTables['bidReceipt'] & ReceiptSealingColumns;
}
export type TradingDb = Kysely<TradingTables>;
export type TradingTrx = Transaction<TradingTables>;

/** The use-case context carries the common schema; the trading code sees its own tables. */
export function tradingDb(db: Db): TradingDb {
  return db as unknown as TradingDb;
}
export function tradingTrx(trx: Trx): TradingTrx {
  return trx as unknown as TradingTrx;
}
