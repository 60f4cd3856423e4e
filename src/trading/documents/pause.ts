import type { Db } from '../../store/schema.ts';
import { type TradingDb, tradingDb } from '../schema.ts';

/**
 * Whether the tender is paused by an unanswered objection (条例 22). Bids must be refused while
 * it is; the schedule moves on when the last objection is answered.
 */
export async function isPaused(db: Db | TradingDb, projectId: string): Promise<boolean> {
  const row = await tradingDb(db as Db)
    .selectFrom('tenderProject')
    .select('pausedAt')
    .where('id', '=', projectId)
    .executeTakeFirst();
  return !!row?.pausedAt;
}
