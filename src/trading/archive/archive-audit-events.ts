import type { AuditEventRow } from '../../store/schema.ts';
import type { TradingDb } from '../schema.ts';
import type { AuditSubject } from './archive-part.ts';

const PAGE = 500;

/**
 * The audit events about any of `subjects` up to `until`, in insertion order, a page at a time.
 * Events under a seal that still holds (E4) stay out, as in every audit listing.
 */
export async function* auditEventsAbout(
  db: TradingDb,
  subjects: readonly AuditSubject[],
  until: string,
): AsyncGenerator<AuditEventRow> {
  if (subjects.length === 0) return;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('auditEvent')
      .selectAll()
      .where((eb) =>
        eb.or(
          subjects.map((s) =>
            eb.and([eb('objectType', 'in', [...s.objectTypes]), eb('objectId', 'in', s.ids)]),
          ),
        ),
      )
      .where((eb) =>
        eb.or([
          eb('sealKey', 'is', null),
          eb.exists(
            eb
              .selectFrom('auditSeal')
              .select('auditSeal.sealKey')
              .whereRef('auditSeal.sealKey', '=', 'auditEvent.sealKey')
              .where('auditSeal.sealedUntil', '<=', until),
          ),
        ]),
      )
      .where('occurredAt', '<=', until)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of page) yield { ...row, seq: Number(row.seq) };
    if (page.length < PAGE) return;
    after = Number(page[page.length - 1]!.seq);
  }
}
