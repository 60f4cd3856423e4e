import { type Kysely, sql } from 'kysely';
import { columnTypes } from '../../store/migrations/dialect.ts';
import { likeContains, type Page, type PageRequest } from '../../store/page.ts';
import type { Db, Trx } from '../../store/schema.ts';
import {
  hubEntityDb,
  type HubEntityChangeRow,
  type HubEntityRow,
  type HubEntityTable,
} from './entity-tables.ts';

/** The capacities an entity registers in, from data sets 101, 102 and 103. */
export const ENTITY_KINDS = ['tenderer', 'agency', 'bidder'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface Entity {
  readonly creditCode: string;
  readonly name: string;
  readonly kinds: EntityKind[];
  readonly legalType: string | null;
  readonly legalStatus: string | null;
  readonly regionCode: string;
  readonly legalRepresentative: string | null;
  readonly firstPlatformCode: string;
  readonly version: number;
  readonly registeredAt: string;
  readonly updatedAt: string;
}

/** The fields a change can touch, as an entity names them. */
export type EntityField =
  'name' | 'kinds' | 'legalType' | 'legalStatus' | 'regionCode' | 'legalRepresentative';
export type EntityFieldChanges = Partial<
  Record<EntityField, { readonly from: Entity[EntityField] | null; readonly to: Entity[EntityField] | null }>
>;

export interface EntityChange {
  /** The change's number, in commit order across all entities. */
  readonly seq: number;
  readonly creditCode: string;
  /** The entity's version after the change. */
  readonly version: number;
  readonly dataSetCode: string;
  readonly changes: EntityFieldChanges;
  /** The platform whose record made the change. */
  readonly platformCode: string;
  readonly at: string;
}

function toEntity(row: HubEntityRow): Entity {
  return { ...row, kinds: JSON.parse(row.kinds) as EntityKind[], version: Number(row.version) };
}

function toEntityRow(entity: Entity): HubEntityTable {
  return { ...entity, kinds: JSON.stringify(entity.kinds) };
}

function toChange(row: HubEntityChangeRow): EntityChange {
  return {
    ...row,
    seq: Number(row.seq),
    version: Number(row.version),
    changes: JSON.parse(row.changes) as EntityFieldChanges,
  };
}

export async function findEntity(db: Db | Trx, creditCode: string): Promise<Entity | undefined> {
  const row = await hubEntityDb(db)
    .selectFrom('hubEntity')
    .selectAll()
    .where('creditCode', '=', creditCode)
    .executeTakeFirst();
  return row && toEntity(row);
}

/**
 * Takes the register for a change inside `trx` and returns the next change number: on PostgreSQL
 * the state row stays locked until commit, so changes are numbered in commit order and two
 * platforms registering one credit code at once are applied one after the other (SQLite has one
 * writer anyway).
 */
export async function lockEntityRegister(trx: Trx): Promise<number> {
  let query = hubEntityDb(trx).selectFrom('hubEntityState').select('nextSeq').where('id', '=', 1);
  if (columnTypes(trx as unknown as Kysely<unknown>).postgres) query = query.forUpdate();
  return Number((await query.executeTakeFirstOrThrow()).nextSeq);
}

/** Writes the entity's new state and its change, numbered `change.seq`. */
export async function saveEntityChange(
  trx: Trx,
  entity: Entity,
  change: EntityChange,
  isNew: boolean,
): Promise<void> {
  const db = hubEntityDb(trx);
  if (isNew) {
    await db.insertInto('hubEntity').values(toEntityRow(entity)).execute();
  } else {
    const { creditCode, ...rest } = toEntityRow(entity);
    await db.updateTable('hubEntity').set(rest).where('creditCode', '=', creditCode).execute();
  }
  await db
    .insertInto('hubEntityChange')
    .values({ ...change, changes: JSON.stringify(change.changes) })
    .execute();
  await db
    .updateTable('hubEntityState')
    .set({ nextSeq: change.seq + 1 })
    .where('id', '=', 1)
    .execute();
}

/** Entities whose name (or credit code) contains `q`, by name. */
export async function listEntities(
  db: Db,
  query: PageRequest & { q?: string | undefined },
): Promise<Page<Entity>> {
  let base = hubEntityDb(db).selectFrom('hubEntity');
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
  const rows = await base
    .selectAll()
    .orderBy('name')
    .orderBy('creditCode')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows.map(toEntity), total: Number(total), page: query.page, pageSize: query.pageSize };
}

export interface EntityChangesPage {
  readonly items: EntityChange[];
  /** The last change number the page covers: its last item's, or the register's end when shorter. */
  readonly through: number;
}

/**
 * Changes after number `after`, of the given credit codes (all when null), in number order. The
 * register's end is read first: every change up to it has committed (numbers are given in commit
 * order), so a short page covers everything up to it and a follower may move past changes of
 * other entities.
 */
export async function entityChangesAfter(
  db: Db,
  query: { creditCodes: readonly string[] | null; after: number; limit: number },
): Promise<EntityChangesPage> {
  const hub = hubEntityDb(db);
  const state = await hub.selectFrom('hubEntityState').select('nextSeq').executeTakeFirstOrThrow();
  const end = Number(state.nextSeq) - 1;
  let select = hub
    .selectFrom('hubEntityChange')
    .selectAll()
    .where('seq', '>', query.after)
    .where('seq', '<=', end);
  if (query.creditCodes) select = select.where('creditCode', 'in', query.creditCodes);
  const rows = await select.orderBy('seq').limit(query.limit).execute();
  const items = rows.map(toChange);
  const through = items.length === query.limit ? items.at(-1)!.seq : Math.max(query.after, end);
  return { items, through };
}
