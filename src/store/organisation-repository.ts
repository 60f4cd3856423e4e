import { sql } from 'kysely';
import { likeContains, type Page, type PageRequest } from './page.ts';
import type { Db, NewOrganisationRow, OrganisationRow, Trx } from './schema.ts';

export async function insertOrganisation(trx: Trx, row: NewOrganisationRow): Promise<OrganisationRow> {
  await trx.insertInto('organisation').values(row).execute();
  return row as OrganisationRow;
}

export function findOrganisationById(db: Db, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganisationByCreditCode(
  db: Db,
  creditCode: string,
): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where('creditCode', '=', creditCode).executeTakeFirst();
}

export async function listOrganisations(
  db: Db,
  query: PageRequest & { q?: string | undefined },
): Promise<Page<OrganisationRow>> {
  let base = db.selectFrom('organisation');
  if (query.q) {
    const pattern = likeContains(query.q);
    base = base.where((eb) =>
      eb.or([
        eb('name', 'like', sql<string>`${pattern} escape '\\'`),
        eb('creditCode', 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const items = await base
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items, total: Number(total), page: query.page, pageSize: query.pageSize };
}
