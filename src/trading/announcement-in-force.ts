import type { Selectable } from 'kysely';
import type { Db, Trx } from '../store/schema.ts';
import type { ProjectTables } from './project-tables.ts';
import { tradingDb } from './schema.ts';

export type AnnouncementRow = Selectable<ProjectTables['announcement']>;

/**
 * The announcement whose schedule is in force for a project: its latest published one. An
 * amendment or a resumption after an objection moves the deadline on this row.
 */
export async function announcementInForce(
  db: Db | Trx | ReturnType<typeof tradingDb>,
  projectId: string,
): Promise<AnnouncementRow | null> {
  const row = await tradingDb(db as Db)
    .selectFrom('announcement')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('publishedAt', 'is not', null)
    .orderBy('publishedAt', 'desc')
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}
