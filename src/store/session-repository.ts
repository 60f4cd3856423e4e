import type { Db, SessionRow, Trx } from './schema.ts';

export async function insertSession(trx: Trx, row: SessionRow): Promise<void> {
  await trx.insertInto('session').values(row).execute();
}

export function findSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('session').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function revokeSession(trx: Trx, tokenHash: string, at: string): Promise<void> {
  await trx.updateTable('session').set({ revokedAt: at }).where('tokenHash', '=', tokenHash).execute();
}
