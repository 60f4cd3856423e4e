import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Page, PageRequest } from '../../store/page.ts';
import type { ProjectTables } from '../project-tables.ts';
import type { TradingDb, TradingTrx } from '../schema.ts';

export type EntrustmentRow = Selectable<ProjectTables['entrustment']>;
export type EntrustmentWithNames = EntrustmentRow & { tendererName: string; agencyName: string };

export async function insertEntrustment(trx: TradingTrx, row: EntrustmentRow): Promise<void> {
  await trx.insertInto('entrustment').values(row).execute();
}

export function findEntrustment(db: TradingDb, id: string): Promise<EntrustmentRow | undefined> {
  return db.selectFrom('entrustment').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revokeEntrustmentRow(trx: TradingTrx, id: string, at: string): Promise<void> {
  await trx.updateTable('entrustment').set({ revokedAt: at }).where('id', '=', id).execute();
}

/** An entrustment from the tenderer to the agency that is neither revoked nor expired at `at`. */
export function findActiveEntrustment(
  db: TradingDb,
  tendererOrganisationId: string,
  agencyOrganisationId: string,
  at: string,
): Promise<EntrustmentRow | undefined> {
  return db
    .selectFrom('entrustment')
    .selectAll()
    .where('tendererOrganisationId', '=', tendererOrganisationId)
    .where('agencyOrganisationId', '=', agencyOrganisationId)
    .where('revokedAt', 'is', null)
    .where((eb) => eb.or([eb('validUntil', 'is', null), eb('validUntil', '>', at)]))
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .executeTakeFirst();
}

/** Entrustments given or received by an organisation (all when it is null), newest first. */
export async function listEntrustments(
  db: TradingDb,
  query: PageRequest & { organisationId: string | null; active?: boolean | undefined; at: string },
): Promise<Page<EntrustmentWithNames>> {
  let base = db
    .selectFrom('entrustment as e')
    .innerJoin('organisation as t', 't.id', 'e.tendererOrganisationId')
    .innerJoin('organisation as a', 'a.id', 'e.agencyOrganisationId');
  const org = query.organisationId;
  if (org !== null) {
    base = base.where((eb) =>
      eb.or([eb('e.tendererOrganisationId', '=', org), eb('e.agencyOrganisationId', '=', org)]),
    );
  }
  if (query.active !== undefined) {
    const active = query.active;
    base = base.where((eb) => {
      const activeNow = eb.and([
        eb('e.revokedAt', 'is', null),
        eb.or([eb('e.validUntil', 'is', null), eb('e.validUntil', '>', query.at)]),
      ]);
      return active ? activeNow : eb.not(activeNow);
    });
  }
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const items = await base
    .selectAll('e')
    .select(['t.name as tendererName', 'a.name as agencyName'])
    .orderBy('e.createdAt', 'desc')
    .orderBy('e.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items, total: Number(total), page: query.page, pageSize: query.pageSize };
}
