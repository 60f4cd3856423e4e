import type { ExchangeMessage } from '../../exchange/message.ts';
import { exchangeDb } from '../../exchange/transport/exchange-tables.ts';
import type { Db } from '../../store/schema.ts';
import { ANNOUNCEMENT_DATA_SETS, OCDS_DATA_SETS, type ReceivedRecord } from './tender-facts-from-records.ts';

/** A tender's place in the hub's feed order: the feed number of the first announcement it received. */
export interface TenderPosition {
  readonly dealCode: string;
  readonly position: number;
}

/**
 * Up to `limit` tenders whose position is after `after`, in feed order. It reads the announcements
 * forward from `after` a batch at a time and keeps each tender whose first announcement lies there
 * (a later one, a revision or a second kind, is no new tender).
 */
export async function tendersAfter(db: Db, after: number, limit: number): Promise<TenderPosition[]> {
  const inbox = exchangeDb(db);
  const found: TenderPosition[] = [];
  const batch = Math.max(2 * limit, 50);
  let from = after;
  for (;;) {
    const rows = await inbox
      .selectFrom('exchangeInbox')
      .select(['feedSeq', 'orderKey'])
      .where('dataSetCode', 'in', ANNOUNCEMENT_DATA_SETS)
      .where('feedSeq', '>', from)
      .orderBy('feedSeq')
      .limit(batch)
      .execute();
    if (rows.length === 0) return found;
    const firstHere = new Map<string, number>();
    for (const row of rows)
      if (!firstHere.has(row.orderKey)) firstHere.set(row.orderKey, Number(row.feedSeq));
    const earlier = await inbox
      .selectFrom('exchangeInbox')
      .select('orderKey')
      .distinct()
      .where('dataSetCode', 'in', ANNOUNCEMENT_DATA_SETS)
      .where('orderKey', 'in', [...firstHere.keys()])
      .where('feedSeq', '<=', from)
      .execute();
    const listed = new Set(earlier.map((r) => r.orderKey));
    for (const [dealCode, position] of firstHere) {
      if (listed.has(dealCode)) continue;
      found.push({ dealCode, position });
      if (found.length === limit) return found;
    }
    from = Number(rows[rows.length - 1]!.feedSeq);
  }
}

/** The records of the data sets the OCDS facts are read from, of each tender, in feed order. */
export async function receivedRecords(
  db: Db,
  dealCodes: readonly string[],
): Promise<Map<string, ReceivedRecord[]>> {
  const byTender = new Map<string, ReceivedRecord[]>(dealCodes.map((code) => [code, []]));
  if (dealCodes.length === 0) return byTender;
  const rows = await exchangeDb(db)
    .selectFrom('exchangeInbox')
    .select(['feedSeq', 'orderKey', 'dataSetCode', 'message'])
    .where('orderKey', 'in', dealCodes)
    .where('dataSetCode', 'in', OCDS_DATA_SETS)
    .orderBy('feedSeq')
    .execute();
  for (const row of rows) {
    const { record } = JSON.parse(row.message) as ExchangeMessage;
    byTender.get(row.orderKey)?.push({ feedSeq: Number(row.feedSeq), dataSetCode: row.dataSetCode, record });
  }
  return byTender;
}
