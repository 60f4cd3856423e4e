import { AppError } from '../../domain/errors.ts';
import type { TradingDb, TradingTrx } from '../schema.ts';

/** A recorded tender exception, as read back. */
export async function exceptionsOf(db: TradingDb | TradingTrx, projectId: string) {
  return db
    .selectFrom('tenderException as e')
    .leftJoin('tenderSection as s', 's.id', 'e.sectionId')
    .select([
      'e.id',
      'e.projectId',
      'e.sectionId',
      's.code as sectionCode',
      'e.kind',
      'e.ruleId',
      'e.reason',
      'e.recordedAt',
      'e.retenderProjectId',
    ])
    .where('e.projectId', '=', projectId)
    .orderBy('e.recordedAt')
    .orderBy('e.id')
    .execute();
}

export type TenderExceptionRow = Awaited<ReturnType<typeof exceptionsOf>>[number];

/** Sections that failed or were ended; a whole-tender exception ends every section. */
export async function endedSectionIds(
  db: TradingDb | TradingTrx,
  projectId: string,
): Promise<Set<string> | 'all'> {
  const rows = await exceptionsOf(db, projectId);
  if (rows.some((row) => row.sectionId === null)) return 'all';
  return new Set(rows.map((row) => row.sectionId!));
}

/** Nothing is opened in a section that failed (C1: fewer than three bids) or a tender that ended. */
export async function assertSectionNotFailed(
  db: TradingDb,
  projectId: string,
  sectionId: string,
): Promise<void> {
  const ended = await endedSectionIds(db, projectId);
  if (ended === 'all' || ended.has(sectionId)) {
    throw new AppError('INVALID_STATE', { state: 'failed', action: 'decrypt' });
  }
}

/** The current bids of sections that failed or ended: the opening key's remedy leaves them sealed. */
export async function bidsOfEndedSections(
  db: TradingDb | TradingTrx,
  projectId: string,
): Promise<Set<string>> {
  const ended = await endedSectionIds(db, projectId);
  if (ended !== 'all' && ended.size === 0) return new Set();
  let query = db
    .selectFrom('bid')
    .select('id')
    .where('projectId', '=', projectId)
    .where('status', '=', 'current');
  if (ended !== 'all') query = query.where('sectionId', 'in', [...ended]);
  return new Set((await query.execute()).map((row) => row.id));
}
