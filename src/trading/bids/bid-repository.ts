import type { Kysely } from 'kysely';
import { columnTypes } from '../../store/migrations/dialect.ts';
import type { Db, Trx } from '../../store/schema.ts';
import { announcementInForce } from '../announcement-in-force.ts';
import { tradingDb } from '../schema.ts';

/** What bid submission needs to know about a section, its project and its bid deadline. */
export interface SectionForBid {
  readonly sectionId: string;
  readonly sectionCode: string;
  readonly projectId: string;
  readonly projectStatus: string;
  readonly bidBondFen: number;
  readonly estimatedPriceFen: number;
  /** From the latest published announcement; null when none is published. */
  readonly bidDeadline: string | null;
}

export interface ProjectForBids {
  readonly projectId: string;
  readonly tendererOrganisationId: string;
  readonly agencyOrganisationId: string | null;
  readonly bidDeadline: string | null;
}

/** The bid deadline of a project: that of its latest published announcement (an amendment moves it). */
export async function bidDeadlineOf(db: Db | Trx, projectId: string): Promise<string | null> {
  return (await announcementInForce(db, projectId))?.bidDeadline ?? null;
}

/**
 * Reads the section and its project. With `lock` on PostgreSQL the section row is locked for
 * update, so the bid-recording transactions of one section (C9 check, replace, insert) run one
 * after another; SQLite transactions are serial already.
 */
export async function findSectionForBid(
  db: Db | Trx,
  sectionId: string,
  options: { lock?: boolean } = {},
): Promise<SectionForBid | undefined> {
  const t = tradingDb(db as Db);
  let query = t
    .selectFrom('tenderSection as s')
    .innerJoin('tenderProject as p', 'p.id', 's.projectId')
    .select([
      's.id as sectionId',
      's.code as sectionCode',
      's.projectId',
      'p.status as projectStatus',
      's.bidBondFen',
      's.estimatedPriceFen',
    ])
    .where('s.id', '=', sectionId);
  if (options.lock && columnTypes(db as unknown as Kysely<unknown>).postgres) query = query.forUpdate('s');
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    bidBondFen: Number(row.bidBondFen),
    estimatedPriceFen: Number(row.estimatedPriceFen),
    bidDeadline: await bidDeadlineOf(db, row.projectId),
  };
}

export async function findProjectForBids(
  db: Db | Trx,
  projectId: string,
): Promise<ProjectForBids | undefined> {
  const row = await tradingDb(db as Db)
    .selectFrom('tenderProject')
    .select(['id as projectId', 'tendererOrganisationId', 'agencyOrganisationId'])
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, bidDeadline: await bidDeadlineOf(db, projectId) };
}

export type BidUploadRow = Awaited<ReturnType<typeof findUpload>>;

export async function findUpload(db: Db | Trx, uploadId: string) {
  const row = await tradingDb(db as Db)
    .selectFrom('bidUpload')
    .selectAll()
    .where('id', '=', uploadId)
    .executeTakeFirst();
  return row && { ...row, totalSize: Number(row.totalSize) };
}

export async function findCurrentBid(db: Db | Trx, sectionId: string, organisationId: string) {
  return tradingDb(db as Db)
    .selectFrom('bid')
    .selectAll()
    .where('sectionId', '=', sectionId)
    .where('bidderOrganisationId', '=', organisationId)
    .where('status', '=', 'current')
    .executeTakeFirst();
}

/** Whether any of `organisationIds` holds a current bid on the section (C9); says nothing of which. */
export async function anyCurrentBidBy(
  db: Db | Trx,
  sectionId: string,
  organisationIds: readonly string[],
): Promise<boolean> {
  if (organisationIds.length === 0) return false;
  const row = await tradingDb(db as Db)
    .selectFrom('bid')
    .select('id')
    .where('sectionId', '=', sectionId)
    .where('status', '=', 'current')
    .where('bidderOrganisationId', 'in', organisationIds)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
