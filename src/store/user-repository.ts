import { sql } from 'kysely';
import type { Role } from '../domain/roles.ts';
import { likeContains, type Page, type PageRequest } from './page.ts';
import type { AppUserRow, Db, Trx } from './schema.ts';

export interface UserRecord extends AppUserRow {
  readonly roles: Role[];
}

export interface UserListItem {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly organisationId: string | null;
  readonly organisationName: string | null;
  readonly roles: Role[];
  readonly disabledAt: string | null;
  readonly createdAt: string;
}

export async function insertUser(trx: Trx, row: AppUserRow, roles: readonly Role[]): Promise<void> {
  await trx.insertInto('appUser').values(row).execute();
  if (roles.length) {
    await trx
      .insertInto('userRole')
      .values(roles.map((role) => ({ userId: row.id, role })))
      .execute();
  }
}

async function withRoles(db: Db, user: AppUserRow | undefined): Promise<UserRecord | undefined> {
  if (!user) return undefined;
  const roles = await db
    .selectFrom('userRole')
    .select('role')
    .where('userId', '=', user.id)
    .orderBy('role')
    .execute();
  return { ...user, roles: roles.map((r) => r.role as Role) };
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRecord | undefined> {
  return withRoles(
    db,
    await db.selectFrom('appUser').selectAll().where('username', '=', username).executeTakeFirst(),
  );
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  return withRoles(db, await db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst());
}

export async function setUserDisabled(trx: Trx, id: string, disabledAt: string | null): Promise<void> {
  await trx.updateTable('appUser').set({ disabledAt }).where('id', '=', id).execute();
}

export async function listUsers(
  db: Db,
  query: PageRequest & {
    q?: string | undefined;
    role?: Role | undefined;
    organisationId?: string | undefined;
  },
): Promise<Page<UserListItem>> {
  let base = db.selectFrom('appUser as u').leftJoin('organisation as o', 'o.id', 'u.organisationId');
  if (query.q) {
    const pattern = likeContains(query.q);
    base = base.where((eb) =>
      eb.or([
        eb('u.username', 'like', sql<string>`${pattern} escape '\\'`),
        eb('u.displayName', 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  if (query.organisationId) base = base.where('u.organisationId', '=', query.organisationId);
  if (query.role) {
    const role = query.role;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('userRole as r')
          .select('r.userId')
          .whereRef('r.userId', '=', 'u.id')
          .where('r.role', '=', role),
      ),
    );
  }
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'u.id',
      'u.username',
      'u.displayName',
      'u.organisationId',
      'o.name as organisationName',
      'u.disabledAt',
      'u.createdAt',
    ])
    .orderBy('u.createdAt', 'desc')
    .orderBy('u.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const roles = rows.length
    ? await db
        .selectFrom('userRole')
        .select(['userId', 'role'])
        .where(
          'userId',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('role')
        .execute()
    : [];
  const items = rows.map((row) => ({
    ...row,
    roles: roles.filter((r) => r.userId === row.id).map((r) => r.role as Role),
  }));
  return { items, total: Number(total), page: query.page, pageSize: query.pageSize };
}
