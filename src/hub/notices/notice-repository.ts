import type { Kysely } from 'kysely';
import { columnTypes } from '../../store/migrations/dialect.ts';
import type { Db, Trx } from '../../store/schema.ts';
import { hubNoticeDb, type HubNoticeRow } from './notice-tables.ts';
import type { NoticeType } from './notice-types.ts';

/** A notice as received from a transaction platform, ready to publish. */
export interface NewNotice {
  readonly id: string;
  readonly platformCode: string;
  readonly dataSetCode: string;
  readonly dataKey: string;
  readonly noticeType: NoticeType;
  readonly title: string;
  readonly body: string;
  readonly regionCode: string;
  readonly industryCode: string | null;
  readonly procedure: string | null;
  readonly unifiedDealCode: string | null;
  readonly tenderProjectCode: string | null;
  readonly sectionCodes: readonly string[];
  readonly amountFen: number | null;
  readonly currency: string | null;
  readonly publishedAt: string;
  readonly receivedAt: string;
}

export interface Notice extends NewNotice {
  /** The notice's number in the search index. */
  readonly seq: number;
}

export type NoticeSummary = Omit<Notice, 'body'>;

/**
 * Takes the index for an insert inside `trx` and returns the next notice number: on PostgreSQL the
 * state row is locked until commit, so numbers are given in commit order and every posting list
 * only ever grows at its end (SQLite has one writer anyway).
 */
export async function lockNoticeIndex(trx: Trx): Promise<number> {
  let query = hubNoticeDb(trx).selectFrom('hubNoticeIndexState').select('nextSeq').where('id', '=', 1);
  if (columnTypes(trx as unknown as Kysely<unknown>).postgres) query = query.forUpdate();
  return Number((await query.executeTakeFirstOrThrow()).nextSeq);
}

export async function setNextNoticeSeq(trx: Trx, nextSeq: number): Promise<void> {
  await hubNoticeDb(trx).updateTable('hubNoticeIndexState').set({ nextSeq }).where('id', '=', 1).execute();
}

/** Multi-row inserts, each well under both drivers' limits on bound parameters. */
const ROWS_PER_INSERT = 200;

export async function insertNoticeRows(trx: Trx, notices: readonly Notice[]): Promise<void> {
  const db = hubNoticeDb(trx);
  for (let i = 0; i < notices.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto('hubNotice')
      .values(
        notices.slice(i, i + ROWS_PER_INSERT).map((notice) => ({
          ...notice,
          sectionCodes: JSON.stringify(notice.sectionCodes),
        })),
      )
      .execute();
  }
}

export async function findNoticeById(db: Db, id: string): Promise<Notice | undefined> {
  const row = await hubNoticeDb(db)
    .selectFrom('hubNotice')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toNotice(row);
}

/** The notices with the given numbers, without their text, in no particular order: a page of results. */
export async function findNoticeSummaries(db: Db, seqs: readonly number[]): Promise<NoticeSummary[]> {
  if (seqs.length === 0) return [];
  const rows = await hubNoticeDb(db)
    .selectFrom('hubNotice')
    .select([
      'seq',
      'id',
      'platformCode',
      'dataSetCode',
      'dataKey',
      'noticeType',
      'title',
      'regionCode',
      'industryCode',
      'procedure',
      'unifiedDealCode',
      'tenderProjectCode',
      'sectionCodes',
      'amountFen',
      'currency',
      'publishedAt',
      'receivedAt',
    ])
    .where('seq', 'in', seqs)
    .execute();
  return rows.map(toNotice);
}

/**
 * The notices whose deal code or tender project code is `code`, ignoring the case of ASCII letters
 * (lower() does only that on SQLite; codes are ASCII, and so is every code looked up).
 */
export async function findNoticesByCode(
  db: Db,
  code: string,
): Promise<{ seq: number; publishedAt: string }[]> {
  const rows = await hubNoticeDb(db)
    .selectFrom('hubNotice')
    .select(['seq', 'publishedAt'])
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['unifiedDealCode']), '=', code),
        eb(eb.fn('lower', ['tenderProjectCode']), '=', code),
      ]),
    )
    .execute();
  return rows.map((row) => ({ seq: Number(row.seq), publishedAt: row.publishedAt }));
}

function toNotice<Row extends Omit<HubNoticeRow, 'body'>>(
  row: Row,
): Omit<Row, 'seq' | 'noticeType' | 'sectionCodes' | 'amountFen'> & NoticeSummary {
  return {
    ...row,
    seq: Number(row.seq),
    noticeType: row.noticeType as NoticeType,
    sectionCodes: JSON.parse(row.sectionCodes) as string[],
    amountFen: row.amountFen === null ? null : Number(row.amountFen),
  };
}
