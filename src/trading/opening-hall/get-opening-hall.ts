import type { UseCaseContext } from '../../store/context.ts';
import { exceptionsOf } from '../exceptions/section-failure.ts';
import { tenderExceptionView } from '../exceptions/tender-exception-view.ts';
import { tradingDb } from '../schema.ts';
import { progressOf } from './decryption-events.ts';
import { hallParticipant } from './hall-access.ts';
import { findHall } from './hall-events.ts';
import { hallBidsOf, recordResponsesOf, signInsOf, windowOf } from './hall-state.ts';
import { type OpeningRecordBody, readOutLineOf } from './opening-record.ts';
import type { OpeningHallDto } from './hall-schemas.ts';

/**
 * The hall as the caller may see it now: the schedule and stage, who signed in, decryption
 * progress, the caller's own bids (the host sees every bid's status, never its content before the
 * read-out), and after the read-out the record with confirmations, objections and answers.
 * `lastSeq` is where the event stream continues from.
 */
export async function getOpeningHall(
  ctx: UseCaseContext,
  options: { projectId: string },
): Promise<OpeningHallDto> {
  const db = tradingDb(ctx.db);
  const now = ctx.clock.now();
  const participant = await hallParticipant(ctx, db, options.projectId, now);
  const { project, announcement, viewer } = participant;
  const window = windowOf(participant);
  const hall = await findHall(db, project.id);
  const afterDeadline = now.getTime() >= Date.parse(announcement.bidDeadline);
  const signIns = (await signInsOf(db, project.id)).filter(
    (s) => s.capacity === 'tenderer' || afterDeadline || s.organisationId === viewer.organisationId,
  );
  const bids = afterDeadline ? await hallBidsOf(db, project.id, window, now) : [];
  const visible = bids.filter((b) => viewer.isManager || b.bidderOrganisationId === viewer.organisationId);
  const readOut = Boolean(hall?.readOutAt);
  const record = readOut
    ? await db
        .selectFrom('openingRecord')
        .select(['body', 'sha256'])
        .where('projectId', '=', project.id)
        .executeTakeFirst()
    : undefined;
  return {
    projectId: project.id,
    projectName: project.name,
    dealCode: project.dealCode,
    openingAt: announcement.openingAt,
    window,
    stage: hall?.readOutAt
      ? 'read_out'
      : hall?.windowClosedAt
        ? 'window_closed'
        : hall?.openedAt
          ? 'opened'
          : project.status === 'published'
            ? 'waiting'
            : project.status,
    openedAt: hall?.openedAt ?? null,
    windowClosedAt: hall?.windowClosedAt ?? null,
    readOutAt: hall?.readOutAt ?? null,
    lastSeq: hall?.lastSeq ?? 0,
    you: { organisationId: viewer.organisationId, host: viewer.isManager },
    signIns: signIns.map((s) => ({
      organisationName: s.organisationName,
      capacity: s.capacity,
      signedInAt: s.signedInAt,
    })),
    progress: afterDeadline ? progressOf(bids, window, now) : null,
    bids: visible.map((b) => {
      // A bid's content is its bidder's own until the read-out makes it public.
      const line = readOutLineOf(b);
      const mayRead = readOut || b.bidderOrganisationId === viewer.organisationId;
      return mayRead
        ? line
        : {
            ...line,
            bidForm: null,
            bidFormText: null,
            priceFen: null,
            priceYuan: null,
            durationDays: null,
            qualityCommitment: null,
            bidBondFen: null,
            items: {},
            requiredItems: [],
          };
    }),
    record: record ? { sha256: record.sha256, body: JSON.parse(record.body) as OpeningRecordBody } : null,
    responses: readOut
      ? (await recordResponsesOf(db, project.id)).map((r) => ({
          id: r.id,
          bidderName: r.bidderName,
          kind: r.kind as 'confirmed' | 'objection',
          text: r.text,
          respondedAt: r.respondedAt,
          answer: r.answer,
          answeredAt: r.answeredAt,
        }))
      : [],
    exceptions: (await exceptionsOf(db, project.id)).map(tenderExceptionView),
  };
}
