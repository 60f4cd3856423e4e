import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { likeContains, type Page, type PageRequest } from '../../store/page.ts';
import type { ReadOutSectionColumns } from '../opening-hall-tables.ts';
import type { ProjectTables } from '../project-tables.ts';
import type { TradingDb, TradingTables, TradingTrx } from '../schema.ts';

export type ProjectRow = Selectable<TradingTables['tenderProject']>;
export type SectionRow = Selectable<ProjectTables['tenderSection'] & ReadOutSectionColumns>;
export type AnnouncementRow = Selectable<ProjectTables['announcement']>;
export type ProjectWithNames = ProjectRow & { tendererName: string; agencyName: string | null };

/** PostgreSQL returns bigint as text. */
function sectionFromDb(row: SectionRow): SectionRow {
  return {
    ...row,
    estimatedPriceFen: Number(row.estimatedPriceFen),
    controlPriceFen: row.controlPriceFen === null ? null : Number(row.controlPriceFen),
    referencePriceFen: row.referencePriceFen === null ? null : Number(row.referencePriceFen),
    bidBondFen: Number(row.bidBondFen),
    bidValidityDays: Number(row.bidValidityDays),
  };
}

function projectFromDb<T extends ProjectRow>(row: T): T {
  return {
    ...row,
    mustTender: Number(row.mustTender),
    stateFunded: Number(row.stateFunded),
    openingKeyRemedy: Number(row.openingKeyRemedy),
    decryptionWindowMinutes: Number(row.decryptionWindowMinutes),
  };
}

/** The highest deal code issued with this prefix (credit code + CST date), if any. */
export async function lastDealCodeWithPrefix(trx: TradingTrx, prefix: string): Promise<string | null> {
  const row = await trx
    .selectFrom('tenderProject')
    .select('dealCode')
    .where('dealCode', 'like', `${prefix}%`)
    .orderBy('dealCode', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.dealCode ?? null;
}

export async function insertProject(trx: TradingTrx, row: ProjectRow): Promise<void> {
  await trx.insertInto('tenderProject').values(row).execute();
}

export async function updateProjectRow(
  trx: TradingTrx,
  id: string,
  changes: Partial<Omit<ProjectRow, 'id' | 'dealCode' | 'createdAt'>>,
): Promise<void> {
  await trx.updateTable('tenderProject').set(changes).where('id', '=', id).execute();
}

export async function replaceSections(trx: TradingTrx, projectId: string, rows: SectionRow[]): Promise<void> {
  await trx.deleteFrom('tenderSection').where('projectId', '=', projectId).execute();
  if (rows.length) await trx.insertInto('tenderSection').values(rows).execute();
}

export async function findProject(db: TradingDb, id: string): Promise<ProjectWithNames | undefined> {
  const row = await db
    .selectFrom('tenderProject as p')
    .innerJoin('organisation as t', 't.id', 'p.tendererOrganisationId')
    .leftJoin('organisation as a', 'a.id', 'p.agencyOrganisationId')
    .selectAll('p')
    .select(['t.name as tendererName', 'a.name as agencyName'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row ? projectFromDb(row) : undefined;
}

export async function sectionsOf(db: TradingDb, projectIds: readonly string[]): Promise<SectionRow[]> {
  if (projectIds.length === 0) return [];
  const rows = await db
    .selectFrom('tenderSection')
    .selectAll()
    .where('projectId', 'in', projectIds)
    .orderBy('code')
    .execute();
  return rows.map(sectionFromDb);
}

export async function announcementsOf(
  db: TradingDb,
  projectIds: readonly string[],
): Promise<AnnouncementRow[]> {
  if (projectIds.length === 0) return [];
  return db.selectFrom('announcement').selectAll().where('projectId', 'in', projectIds).execute();
}

export async function insertAnnouncement(trx: TradingTrx, row: AnnouncementRow): Promise<void> {
  await trx.insertInto('announcement').values(row).execute();
}

export async function updateAnnouncementRow(
  trx: TradingTrx,
  id: string,
  changes: Partial<Omit<AnnouncementRow, 'id' | 'projectId' | 'createdAt'>>,
): Promise<void> {
  await trx.updateTable('announcement').set(changes).where('id', '=', id).execute();
}

export interface ProjectListFilter extends PageRequest {
  /** Projects of which this organisation is the tenderer or the agency; all when null. */
  readonly organisationId: string | null;
  readonly status?: string | undefined;
  readonly q?: string | undefined;
}

export async function listProjects(
  db: TradingDb,
  filter: ProjectListFilter,
): Promise<Page<ProjectWithNames>> {
  let base = db
    .selectFrom('tenderProject as p')
    .innerJoin('organisation as t', 't.id', 'p.tendererOrganisationId')
    .leftJoin('organisation as a', 'a.id', 'p.agencyOrganisationId');
  const org = filter.organisationId;
  if (org !== null) {
    base = base.where((eb) =>
      eb.or([eb('p.tendererOrganisationId', '=', org), eb('p.agencyOrganisationId', '=', org)]),
    );
  }
  if (filter.status) base = base.where('p.status', '=', filter.status);
  if (filter.q) {
    const pattern = likeContains(filter.q);
    base = base.where((eb) =>
      eb.or([
        eb('p.name', 'like', sql<string>`${pattern} escape '\\'`),
        eb('p.dealCode', 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const items = await base
    .selectAll('p')
    .select(['t.name as tendererName', 'a.name as agencyName'])
    .orderBy('p.createdAt', 'desc')
    .orderBy('p.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    items: items.map(projectFromDb),
    total: Number(total),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

export interface TenderListFilter extends PageRequest {
  /** The caller's organisation: it also sees invitations addressed to it or its own. */
  readonly viewerOrganisationId: string | null;
  readonly projectId?: string | undefined;
  readonly region?: string | undefined;
  readonly industry?: string | undefined;
  readonly q?: string | undefined;
}

/** Published tenders the viewer may see: every open tender, and invitations it is party to. */
export async function listVisibleTenders(
  db: TradingDb,
  filter: TenderListFilter,
): Promise<Page<ProjectWithNames & { announcementTitle: string }>> {
  let base = db
    .selectFrom('tenderProject as p')
    .innerJoin('announcement as n', 'n.projectId', 'p.id')
    .innerJoin('organisation as t', 't.id', 'p.tendererOrganisationId')
    .leftJoin('organisation as a', 'a.id', 'p.agencyOrganisationId')
    .where('p.status', '=', 'published')
    .where('n.publishedAt', 'is not', null);
  const viewer = filter.viewerOrganisationId;
  base = base.where((eb) => {
    const open = eb('p.procedure', '=', 'open');
    if (viewer === null) return open;
    return eb.or([
      open,
      eb('p.tendererOrganisationId', '=', viewer),
      eb('p.agencyOrganisationId', '=', viewer),
      // invitedOrganisationIds is a JSON array of ids; ids contain no quotes.
      eb(
        'n.invitedOrganisationIds',
        'like',
        sql<string>`${likeContains(JSON.stringify(viewer))} escape '\\'`,
      ),
    ]);
  });
  if (filter.projectId) base = base.where('p.id', '=', filter.projectId);
  if (filter.region) base = base.where('p.region', '=', filter.region);
  if (filter.industry) base = base.where('p.industry', '=', filter.industry);
  if (filter.q) {
    const pattern = likeContains(filter.q);
    base = base.where((eb) =>
      eb.or([
        eb('p.name', 'like', sql<string>`${pattern} escape '\\'`),
        eb('p.dealCode', 'like', sql<string>`${pattern} escape '\\'`),
        eb('n.title', 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const items = await base
    .selectAll('p')
    .select(['t.name as tendererName', 'a.name as agencyName', 'n.title as announcementTitle'])
    .orderBy('p.publishedAt', 'desc')
    .orderBy('p.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    items: items.map(projectFromDb),
    total: Number(total),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
