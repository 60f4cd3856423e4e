import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { ExpertCategory } from '../../domain/evaluation/committee-rules.ts';
import type { Page } from '../../store/page.ts';
import type { ExpertTables } from '../expert-tables.ts';
import type { TradingDb, TradingTrx } from '../schema.ts';
import type { ExpertListQuery, ExpertView, MySeatsQuery } from './expert-schemas.ts';

export type ExpertRow = Selectable<ExpertTables['expert']>;

/** An expert as the pool sees it: the row, its specialties and its unavailable ranges. */
export interface PoolExpert extends ExpertRow {
  readonly specialties: string[];
  readonly unavailable: { startsAt: string; endsAt: string }[];
}

export async function insertExpert(
  trx: TradingTrx,
  row: ExpertRow,
  specialties: readonly string[],
): Promise<void> {
  await trx.insertInto('expert').values(row).execute();
  await replaceSpecialties(trx, row.id, specialties);
}

export async function replaceSpecialties(
  trx: TradingTrx,
  expertId: string,
  specialties: readonly string[],
): Promise<void> {
  await trx.deleteFrom('expertSpecialty').where('expertId', '=', expertId).execute();
  const unique = [...new Set(specialties)];
  if (unique.length) {
    await trx
      .insertInto('expertSpecialty')
      .values(unique.map((specialty) => ({ expertId, specialty })))
      .execute();
  }
}

export async function replaceUnavailability(
  trx: TradingTrx,
  expertId: string,
  ranges: readonly { startsAt: string; endsAt: string }[],
): Promise<void> {
  await trx.deleteFrom('expertUnavailability').where('expertId', '=', expertId).execute();
  if (ranges.length) {
    await trx
      .insertInto('expertUnavailability')
      .values(ranges.map((r) => ({ expertId, startsAt: r.startsAt, endsAt: r.endsAt })))
      .execute();
  }
}

export function findExpertByIdNumberHash(db: TradingDb | TradingTrx, hash: string) {
  return db.selectFrom('expert').select('id').where('idNumberHash', '=', hash).executeTakeFirst();
}

async function withDetails(db: TradingDb | TradingTrx, rows: ExpertRow[]): Promise<PoolExpert[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const specialties = await db
    .selectFrom('expertSpecialty')
    .selectAll()
    .where('expertId', 'in', ids)
    .execute();
  const ranges = await db
    .selectFrom('expertUnavailability')
    .selectAll()
    .where('expertId', 'in', ids)
    .orderBy('startsAt')
    .execute();
  return rows.map((row) => ({
    ...row,
    specialties: specialties
      .filter((s) => s.expertId === row.id)
      .map((s) => s.specialty)
      .sort(),
    unavailable: ranges
      .filter((r) => r.expertId === row.id)
      .map(({ startsAt, endsAt }) => ({ startsAt, endsAt })),
  }));
}

export async function findExpert(db: TradingDb | TradingTrx, id: string): Promise<PoolExpert | undefined> {
  const row = await db.selectFrom('expert').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withDetails(db, [row]))[0] : undefined;
}

export async function expertsByIds(
  db: TradingDb | TradingTrx,
  ids: readonly string[],
): Promise<PoolExpert[]> {
  if (ids.length === 0) return [];
  return withDetails(db, await db.selectFrom('expert').selectAll().where('id', 'in', ids).execute());
}

/** The pool, filtered; `availableAt` keeps experts with no unavailable range covering that instant. */
export async function listExperts(db: TradingDb, query: ExpertListQuery): Promise<Page<PoolExpert>> {
  let base = db.selectFrom('expert');
  if (query.region) base = base.where('expert.region', '=', query.region);
  if (query.category) base = base.where('expert.category', '=', query.category);
  if (query.specialty) {
    const specialty = query.specialty;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('expertSpecialty as s')
          .select('s.expertId')
          .whereRef('s.expertId', '=', 'expert.id')
          .where('s.specialty', '=', specialty),
      ),
    );
  }
  if (query.availableAt) {
    const at = new Date(query.availableAt).toISOString();
    base = base.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('expertUnavailability as u')
            .select('u.expertId')
            .whereRef('u.expertId', '=', 'expert.id')
            .where('u.startsAt', '<=', at)
            .where('u.endsAt', '>', at),
        ),
      ),
    );
  }
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('expert')
    .orderBy('expert.createdAt')
    .orderBy('expert.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: await withDetails(db, rows),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export function expertViewOf(expert: PoolExpert): ExpertView {
  return {
    id: expert.id,
    name: expert.name,
    specialties: expert.specialties,
    employerOrganisationId: expert.employerOrganisationId,
    region: expert.region,
    category: expert.category as ExpertCategory,
    userId: expert.userId,
    conflictOrganisationIds: JSON.parse(expert.conflictOrganisationIds) as string[],
    unavailable: expert.unavailable,
    createdAt: expert.createdAt,
    updatedAt: expert.updatedAt,
  };
}

/** The whole pool, for a freeze: every expert with its specialties and ranges. */
export async function wholePool(db: TradingDb | TradingTrx): Promise<PoolExpert[]> {
  return withDetails(db, await db.selectFrom('expert').selectAll().orderBy('id').execute());
}

/** A seat held by one of the user's expert entries, with where its section and evaluation stand. */
export interface SeatRowOfUser {
  readonly projectId: string;
  readonly projectName: string;
  readonly dealCode: string;
  readonly sectionId: string;
  readonly sectionCode: string;
  readonly sectionName: string;
  readonly seat: number;
  readonly requirementIndex: number;
  readonly requirements: string;
  readonly evaluationAt: string;
  readonly drawnAt: string | null;
  readonly evaluationStatus: string | null;
}

/** The session statuses each seat status stands for; `upcoming` is a section with no session. */
const SESSION_STATUS_OF = { evaluating: 'open', done: 'finalised' } as const;

/**
 * The seats the user holds now, in the order the committees sit: a seat counts while its latest
 * step is 'seated', so a replaced expert loses it and its replacement gains it. Only the user's
 * own seats are read; the other members stay out of the query altogether.
 */
export async function seatsOfUser(
  db: TradingDb,
  userId: string,
  query: MySeatsQuery,
): Promise<Page<SeatRowOfUser>> {
  let base = db
    .selectFrom('expert as e')
    .innerJoin('committeeSeat as cs', 'cs.expertId', 'e.id')
    .innerJoin('committeeRequest as cr', 'cr.id', 'cs.requestId')
    .innerJoin('tenderSection as s', 's.id', 'cr.sectionId')
    .innerJoin('tenderProject as p', 'p.id', 's.projectId')
    .leftJoin('evaluationSession as es', 'es.sectionId', 's.id')
    .where('e.userId', '=', userId)
    .where('cs.status', '=', 'seated')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('committeeSeat as later')
            .select('later.seat')
            .whereRef('later.requestId', '=', 'cs.requestId')
            .whereRef('later.seat', '=', 'cs.seat')
            .whereRef('later.step', '>', 'cs.step'),
        ),
      ),
    );
  if (query.status === 'upcoming') base = base.where('es.id', 'is', null);
  else if (query.status) base = base.where('es.status', '=', SESSION_STATUS_OF[query.status]);
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const items = await base
    .select([
      'p.id as projectId',
      'p.name as projectName',
      'p.dealCode',
      's.id as sectionId',
      's.code as sectionCode',
      's.name as sectionName',
      'cs.seat',
      'cs.requirementIndex',
      'cr.requirements',
      'cr.evaluationAt',
      'cr.drawnAt',
      'es.status as evaluationStatus',
    ])
    .orderBy('cr.evaluationAt')
    .orderBy('s.id')
    .orderBy('cs.seat')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items, total: Number(total), page: query.page, pageSize: query.pageSize };
}
