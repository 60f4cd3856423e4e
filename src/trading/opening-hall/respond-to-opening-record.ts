import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { hallParticipant } from './hall-access.ts';
import { hallBroadcasterOf } from './hall-broadcaster.ts';
import { appendHallEvents } from './hall-events.ts';
import type { OpeningRecordBody } from './opening-record.ts';

export interface RespondOptions {
  readonly projectId: string;
  readonly kind: 'confirmed' | 'objection';
  /** The objection; ignored for a confirmation. */
  readonly text?: string | undefined;
}

export interface RecordResponseView {
  readonly id: string;
  readonly kind: 'confirmed' | 'objection';
  readonly text: string | null;
  readonly respondedAt: string;
}

/**
 * A bidder named in the opening record confirms it, or objects on the spot (条例 44: an objection to
 * the opening is raised at the opening and answered there). Objections come before a confirmation:
 * once a bidder confirmed the record it has accepted it.
 */
export async function respondToOpeningRecord(
  ctx: UseCaseContext,
  options: RespondOptions,
): Promise<RecordResponseView> {
  const now = ctx.clock.now();
  const participant = await hallParticipant(ctx, tradingDb(ctx.db), options.projectId, now);
  const { project, viewer } = participant;
  if (viewer.isManager) throw new AppError('FORBIDDEN', { required: 'bidder' });
  const text = options.kind === 'objection' ? (options.text ?? '').trim() : null;
  if (options.kind === 'objection' && !text) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'text' },
      { details: [{ path: 'body.text', code: 'too_small' }] },
    );
  }
  const view = await runAudited(ctx, async (commonTrx, at) => {
    const trx = tradingTrx(commonTrx);
    const record = await trx
      .selectFrom('openingRecord')
      .select('body')
      .where('projectId', '=', project.id)
      .executeTakeFirst();
    if (!record)
      throw new AppError('INVALID_STATE', { state: 'no_record', action: 'respond to the opening record' });
    const body = JSON.parse(record.body) as OpeningRecordBody;
    const own = await trx
      .selectFrom('bid')
      .select('id')
      .where('projectId', '=', project.id)
      .where('bidderOrganisationId', '=', viewer.organisationId)
      .where('status', '=', 'current')
      .execute();
    const ownIds = new Set(own.map((b) => b.id));
    const line = body.sections.flatMap((s) => s.lines).find((l) => ownIds.has(l.bidId));
    // Only a bidder read out in the record responds to it (a bidder of a failed section was not).
    if (!line) throw new AppError('FORBIDDEN', { required: 'bidder' });
    const bidderName = line.bidderName;
    const confirmed = await trx
      .selectFrom('openingRecordResponse')
      .select('id')
      .where('projectId', '=', project.id)
      .where('organisationId', '=', viewer.organisationId)
      .where('kind', '=', 'confirmed')
      .executeTakeFirst();
    if (confirmed)
      throw new AppError('INVALID_STATE', {
        state: 'confirmed',
        action: options.kind === 'confirmed' ? 'confirm' : 'object',
      });
    const result: RecordResponseView = {
      id: randomUUID(),
      kind: options.kind,
      text,
      respondedAt: at.toISOString(),
    };
    await trx
      .insertInto('openingRecordResponse')
      .values({
        ...result,
        projectId: project.id,
        organisationId: viewer.organisationId,
        userId: ctx.actor.userId,
        answer: null,
        answeredByUserId: null,
        answeredAt: null,
      })
      .execute();
    await appendHallEvents(
      trx,
      project.id,
      [
        options.kind === 'confirmed'
          ? { type: 'record.confirmed', audience: 'public', payload: { responseId: result.id, bidderName } }
          : {
              type: 'record.objection',
              audience: 'public',
              payload: { objectionId: result.id, bidderName, text },
            },
      ],
      at,
    );
    return {
      result,
      audit: {
        action: options.kind === 'confirmed' ? 'opening.record_confirmed' : 'opening.objection_raised',
        objectType: 'tender_project',
        objectId: project.id,
        state: result,
      },
    };
  });
  await hallBroadcasterOf(ctx.db).feed(project.id);
  return view;
}
