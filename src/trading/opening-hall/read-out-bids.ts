import { hashHex } from '../../crypto/hash.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { exceptionsOf } from '../exceptions/section-failure.ts';
import { appendOutbox } from '../outbox.ts';
import { readOutItemsOf } from '../projects/project-views.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { closeWindowIn } from './close-decryption-window.ts';
import { assertManager, hallParticipant } from './hall-access.ts';
import { hallBroadcasterOf } from './hall-broadcaster.ts';
import { appendHallEvents, type HallEventInput } from './hall-events.ts';
import { hallBidsOf, openedHall, signInsOf, windowOf } from './hall-state.ts';
import { type OpeningRecordBody, readOutLineOf } from './opening-record.ts';

/**
 * 唱标 and the opening record (E6, E8): after the decryption window closed — and after the opening
 * key's remedy, where the tender documents provide one — the platform reads out every bid of the
 * opened sections: the bidder, its decryption status (E7) and what its sealed bid form says, with
 * each item the tender documents require (未提供 where the form lacks it, for the evaluation to
 * judge). The record is generated from the same lines, hashed, published in the hall and to the hub
 * (506 the record, 507 the bidders and their prices).
 */
export async function readOutBids(
  ctx: UseCaseContext,
  options: { projectId: string },
): Promise<OpeningRecordBody> {
  const now = ctx.clock.now();
  const db = tradingDb(ctx.db);
  const participant = await hallParticipant(ctx, db, options.projectId, now);
  assertManager(participant);
  const { project, announcement } = participant;
  const window = windowOf(participant);
  const key = await db
    .selectFrom('openingKey')
    .select('reassembledAt')
    .where('projectId', '=', project.id)
    .executeTakeFirst();
  const record = await runAudited(ctx, async (commonTrx, at) => {
    const trx = tradingTrx(commonTrx);
    const hall = await openedHall(trx, project.id, 'read out the bids');
    if (hall.readOutAt)
      throw new AppError('INVALID_STATE', { state: 'read_out', action: 'read out the bids' });
    const closed = await closeWindowIn(trx, project.id, window, at);
    const exceptions = await exceptionsOf(trx, project.id);
    const failure = (sectionId: string) =>
      exceptions.find((e) => e.sectionId === sectionId || e.sectionId === null)?.reason ?? null;
    const bids = await hallBidsOf(trx, project.id, window, at);
    const awaitingRemedy = bids.some((b) => !failure(b.sectionId) && b.decryptionStatus === null);
    if (project.openingKeyRemedy && awaitingRemedy && !key?.reassembledAt) {
      throw new AppError('INVALID_STATE', { state: 'awaiting_opening_key', action: 'read out the bids' });
    }
    const readOutAt = at.toISOString();
    const sections = await trx
      .selectFrom('tenderSection')
      .select(['id', 'code', 'name', 'readOutItems'])
      .where('projectId', '=', project.id)
      .orderBy('code')
      .execute();
    const body: OpeningRecordBody = {
      version: 1,
      rule: 'E8',
      projectId: project.id,
      dealCode: project.dealCode,
      projectName: project.name,
      tendererName: project.tendererName,
      agencyName: project.agencyName,
      openingAt: announcement.openingAt,
      openedAt: hall.openedAt!,
      window,
      windowClosedAt: closed.closedAt,
      readOutAt,
      openingKey: { remedy: project.openingKeyRemedy === 1, reassembledAt: key?.reassembledAt ?? null },
      signIns: (await signInsOf(trx, project.id)).map((s) => ({
        organisationName: s.organisationName,
        capacity: s.capacity,
        signedInAt: s.signedInAt,
      })),
      sections: sections.map((s) => ({
        code: s.code,
        name: s.name,
        opened: failure(s.id) === null,
        failure: failure(s.id),
        readOutItems: readOutItemsOf(s) ?? [],
        lines: failure(s.id) === null ? bids.filter((b) => b.sectionId === s.id).map(readOutLineOf) : [],
      })),
    };
    const canonical = canonicalJson(body);
    const sha256 = hashHex(canonical);
    await trx
      .insertInto('openingRecord')
      .values({ projectId: project.id, body: canonical, sha256, generatedAt: readOutAt })
      .execute();
    await trx.updateTable('openingHall').set({ readOutAt }).where('projectId', '=', project.id).execute();
    const lines = body.sections.flatMap((s) => s.lines);
    const events: HallEventInput[] = lines.map((line) => ({
      type: 'readout.line',
      audience: 'public',
      payload: line,
    }));
    events.push({ type: 'record.published', audience: 'public', payload: { sha256, record: body } });
    await appendHallEvents(trx, project.id, events, at);
    await appendOutbox(
      trx,
      {
        eventType: 'opening.record_published',
        dataSetCode: '506',
        aggregateType: 'tender_project',
        aggregateId: project.id,
        payload: { sha256, record: body },
      },
      at,
    );
    await appendOutbox(
      trx,
      {
        eventType: 'opening.bidders_published',
        dataSetCode: '507',
        aggregateType: 'tender_project',
        aggregateId: project.id,
        payload: {
          projectId: project.id,
          dealCode: project.dealCode,
          bidders: lines.map((l) => ({
            sectionCode: l.sectionCode,
            bidderName: l.bidderName,
            status: l.status,
            priceFen: l.priceFen,
          })),
        },
      },
      at,
    );
    return {
      result: body,
      audit: [
        ...closed.audit,
        {
          action: 'opening.read_out',
          objectType: 'tender_project',
          objectId: project.id,
          state: { sha256, readOutAt },
          detail: { lines: lines.length },
        },
      ],
    };
  });
  await hallBroadcasterOf(ctx.db).feed(project.id);
  return record;
}
