import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../store/schema.ts';
import type { Page, PageRequest } from '../../store/page.ts';
import type { ProjectTables } from '../project-tables.ts';
import { tradingDb, type TradingDb, type TradingTrx } from '../schema.ts';

/**
 * Organisation relations for C9 (条例 34): the head (单位负责人) of each organisation, known only by
 * the SHA-256 of the normalised ID number, and "controls" (控股或管理) relations.
 */
export type OrganisationRelationRow = Selectable<ProjectTables['organisationRelation']>;

export async function insertOrganisationRelation(
  trx: TradingTrx,
  row: OrganisationRelationRow,
): Promise<void> {
  await trx.insertInto('organisationRelation').values(row).execute();
}

/** An organisation has one head: recording a new one replaces the old. */
export async function deleteHeadRelations(trx: TradingTrx, organisationId: string): Promise<void> {
  await trx
    .deleteFrom('organisationRelation')
    .where('organisationId', '=', organisationId)
    .where('kind', '=', 'head')
    .execute();
}

export function findControlRelation(
  db: TradingDb,
  organisationId: string,
  relatedOrganisationId: string,
): Promise<OrganisationRelationRow | undefined> {
  return db
    .selectFrom('organisationRelation')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('kind', '=', 'controls')
    .where('relatedOrganisationId', '=', relatedOrganisationId)
    .executeTakeFirst();
}

/** The relations recorded by or about an organisation (controls either way), oldest first. */
export async function listOrganisationRelations(
  db: TradingDb,
  organisationId: string,
  page: PageRequest,
): Promise<
  Page<OrganisationRelationRow & { organisationName: string; relatedOrganisationName: string | null }>
> {
  const base = db
    .selectFrom('organisationRelation as r')
    .innerJoin('organisation as owner', 'owner.id', 'r.organisationId')
    .leftJoin('organisation as o', 'o.id', 'r.relatedOrganisationId')
    .where((eb) =>
      eb.or([
        eb('r.organisationId', '=', organisationId),
        eb('r.relatedOrganisationId', '=', organisationId),
      ]),
    );
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const items = await base
    .selectAll('r')
    .select(['owner.name as organisationName', 'o.name as relatedOrganisationName'])
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { items, total: Number(total), page: page.page, pageSize: page.pageSize };
}

/**
 * The organisations C9 keeps off a section on which `organisationId` bids: those with the same
 * head (same ID-number hash), and those it controls or that control it. Sorted, without itself.
 */
export async function relatedOrganisationIds(db: Db | TradingDb, organisationId: string): Promise<string[]> {
  const tdb = tradingDb(db as Db);
  const sameHead = await tdb
    .selectFrom('organisationRelation as other')
    .innerJoin('organisationRelation as mine', 'mine.personIdHash', 'other.personIdHash')
    .select('other.organisationId as id')
    .where('mine.organisationId', '=', organisationId)
    .where('mine.kind', '=', 'head')
    .where('other.kind', '=', 'head')
    .execute();
  const controls = await tdb
    .selectFrom('organisationRelation')
    .select(['organisationId', 'relatedOrganisationId'])
    .where('kind', '=', 'controls')
    .where((eb) =>
      eb.or([eb('organisationId', '=', organisationId), eb('relatedOrganisationId', '=', organisationId)]),
    )
    .execute();
  const ids = new Set<string>(sameHead.map((row) => row.id));
  for (const row of controls) {
    ids.add(row.organisationId);
    if (row.relatedOrganisationId) ids.add(row.relatedOrganisationId);
  }
  ids.delete(organisationId);
  return [...ids].sort();
}
