import { canonicalJson } from '../../domain/canonical-json.ts';
import type { TradingDb, TradingTrx } from '../schema.ts';

/**
 * The opening hall's event stream: every state change of a project's opening, numbered per project
 * in the same transaction as the change, so a client that reconnects asks for what followed the
 * last number it saw (Last-Event-ID) and loses nothing.
 */
export type HallEventType =
  | 'hall.signed_in'
  | 'hall.roster'
  | 'opening.opened'
  | 'opening.failed'
  | 'decryption.window_closed'
  | 'decryption.bid'
  | 'decryption.progress'
  | 'readout.line'
  | 'record.published'
  | 'record.confirmed'
  | 'record.objection'
  | 'record.answer';

/** Who may see an event: everyone in the hall, the tenderer and its agency, or one organisation. */
export type HallAudience = 'public' | 'managers' | `org:${string}`;

export interface HallEventInput {
  readonly type: HallEventType;
  readonly audience: HallAudience;
  readonly payload: Record<string, unknown>;
}

export interface HallEvent extends HallEventInput {
  readonly seq: number;
  readonly createdAt: string;
}

/**
 * Appends events under the project's hall row lock: the UPDATE … RETURNING takes the row lock on
 * PostgreSQL (SQLite writes are serial), so sequence order is commit order within a project.
 */
export async function appendHallEvents(
  trx: TradingTrx,
  projectId: string,
  events: readonly HallEventInput[],
  now: Date,
): Promise<HallEvent[]> {
  if (events.length === 0) return [];
  await ensureHall(trx, projectId);
  const { lastSeq } = await trx
    .updateTable('openingHall')
    .set((eb) => ({ lastSeq: eb('lastSeq', '+', events.length) }))
    .where('projectId', '=', projectId)
    .returning('lastSeq')
    .executeTakeFirstOrThrow();
  const first = Number(lastSeq) - events.length + 1;
  const createdAt = now.toISOString();
  const rows = events.map((event, i) => ({ ...event, seq: first + i, createdAt }));
  await trx
    .insertInto('openingHallEvent')
    .values(
      rows.map((row) => ({
        projectId,
        seq: row.seq,
        type: row.type,
        audience: row.audience,
        payload: canonicalJson(row.payload),
        createdAt,
      })),
    )
    .execute();
  return rows;
}

/** The hall row of a project, created on first use. */
export async function ensureHall(trx: TradingTrx, projectId: string): Promise<void> {
  await trx
    .insertInto('openingHall')
    .values({
      projectId,
      lastSeq: 0,
      openedAt: null,
      openedByUserId: null,
      windowClosedAt: null,
      readOutAt: null,
    })
    .onConflict((oc) => oc.column('projectId').doNothing())
    .execute();
}

export async function findHall(db: TradingDb | TradingTrx, projectId: string) {
  const row = await db
    .selectFrom('openingHall')
    .selectAll()
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  return row ? { ...row, lastSeq: Number(row.lastSeq) } : undefined;
}

/** The events after `afterSeq`, up to `untilSeq` when given, in order. */
export async function hallEventsAfter(
  db: TradingDb,
  projectId: string,
  afterSeq: number,
  untilSeq?: number,
): Promise<HallEvent[]> {
  let query = db
    .selectFrom('openingHallEvent')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('seq', '>', afterSeq)
    .orderBy('seq');
  if (untilSeq !== undefined) query = query.where('seq', '<=', untilSeq);
  const rows = await query.execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    type: row.type as HallEventType,
    audience: row.audience as HallAudience,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    createdAt: row.createdAt,
  }));
}

/** What a hall participant may see. */
export interface HallViewer {
  readonly organisationId: string | null;
  readonly isManager: boolean;
}

export function canSee(viewer: HallViewer, audience: HallAudience): boolean {
  if (audience === 'public') return true;
  if (audience === 'managers') return viewer.isManager;
  return viewer.organisationId !== null && audience === `org:${viewer.organisationId}`;
}
