import { sql } from 'kysely';
import type { Db, Trx } from '../../store/schema.ts';
import type { Page, PageRequest } from '../../store/page.ts';
import { hubCaDb, type CaStatus, type HubCaCrlRow, type HubCaRow, type HubCaTable } from './ca-tables.ts';

/** A recognised CA with its latest CRL, if one was uploaded. */
export interface CaRecord {
  readonly ca: HubCaRow;
  readonly crl: HubCaCrlRow | null;
}

export async function insertCa(trx: Trx, row: HubCaTable): Promise<void> {
  await hubCaDb(trx).insertInto('hubCa').values(row).execute();
}

export async function findCa(db: Db | Trx, id: string): Promise<CaRecord | undefined> {
  const ca = await hubCaDb(db).selectFrom('hubCa').selectAll().where('id', '=', id).executeTakeFirst();
  return ca && (await withCrls(db, [ca]))[0];
}

export async function findCaByFingerprint(db: Db | Trx, fingerprint: string): Promise<HubCaRow | undefined> {
  return hubCaDb(db)
    .selectFrom('hubCa')
    .selectAll()
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
}

/** Every CA, newest registration first. */
export async function listCas(
  db: Db,
  query: PageRequest & { status?: CaStatus | undefined },
): Promise<Page<CaRecord>> {
  let base = hubCaDb(db).selectFrom('hubCa');
  if (query.status) base = base.where('status', '=', query.status);
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('registeredAt', 'desc')
    .orderBy('id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: await withCrls(db, rows),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The active CAs, oldest registration first: the trust bundle. */
export async function activeCas(db: Db): Promise<CaRecord[]> {
  const rows = await hubCaDb(db)
    .selectFrom('hubCa')
    .selectAll()
    .where('status', '=', 'active')
    .orderBy('registeredAt')
    .orderBy('id')
    .execute();
  return withCrls(db, rows);
}

/** The CAs (of any status) whose root has this subject name: the possible issuers of a certificate. */
export async function casWithSubject(db: Db, subjectKey: string): Promise<CaRecord[]> {
  const rows = await hubCaDb(db)
    .selectFrom('hubCa')
    .selectAll()
    .where('subjectKey', '=', subjectKey)
    .orderBy('registeredAt')
    .orderBy('id')
    .execute();
  return withCrls(db, rows);
}

/** When the trust bundle last changed: a registration, a withdrawal or a CRL; null before any. */
export async function trustBundleChangedAt(db: Db): Promise<string | null> {
  const hub = hubCaDb(db);
  const [cas, crls] = await Promise.all([
    hub
      .selectFrom('hubCa')
      .select([
        sql<string | null>`max(registered_at)`.as('registered'),
        sql<string | null>`max(withdrawn_at)`.as('withdrawn'),
      ])
      .executeTakeFirstOrThrow(),
    hub
      .selectFrom('hubCaCrl')
      .select(sql<string | null>`max(uploaded_at)`.as('uploaded'))
      .executeTakeFirstOrThrow(),
  ]);
  const times = [cas.registered, cas.withdrawn, crls.uploaded].filter((t): t is string => t !== null);
  return times.length === 0 ? null : times.sort().at(-1)!;
}

export async function saveCrl(trx: Trx, row: HubCaCrlRow): Promise<void> {
  const { caId, ...rest } = row;
  await hubCaDb(trx)
    .insertInto('hubCaCrl')
    .values(row)
    .onConflict((oc) => oc.column('caId').doUpdateSet(rest))
    .execute();
}

export async function markCaWithdrawn(
  trx: Trx,
  id: string,
  withdrawal: { by: string; at: string; reason: string | null },
): Promise<void> {
  await hubCaDb(trx)
    .updateTable('hubCa')
    .set({
      status: 'withdrawn',
      withdrawnBy: withdrawal.by,
      withdrawnAt: withdrawal.at,
      withdrawalReason: withdrawal.reason,
    })
    .where('id', '=', id)
    .execute();
}

async function withCrls(db: Db | Trx, cas: readonly HubCaRow[]): Promise<CaRecord[]> {
  if (cas.length === 0) return [];
  const crls = await hubCaDb(db)
    .selectFrom('hubCaCrl')
    .selectAll()
    .where(
      'caId',
      'in',
      cas.map((ca) => ca.id),
    )
    .execute();
  const byCa = new Map(crls.map((crl) => [crl.caId, { ...crl, revokedCount: Number(crl.revokedCount) }]));
  return cas.map((ca) => ({ ca, crl: byCa.get(ca.id) ?? null }));
}
