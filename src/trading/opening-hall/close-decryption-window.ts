import { AppError } from '../../domain/errors.ts';
import type { AuditChange } from '../../domain/audit.ts';
import type { DecryptionWindow } from '../../domain/tender/decryption-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { endedSectionIds } from '../exceptions/section-failure.ts';
import { tradingDb, tradingTrx, type TradingTrx } from '../schema.ts';
import { progressOf } from './decryption-events.ts';
import { assertManager, hallParticipant } from './hall-access.ts';
import { hallBroadcasterOf } from './hall-broadcaster.ts';
import { appendHallEvents, type HallEventInput } from './hall-events.ts';
import { hallBidsOf, openedHall, windowOf } from './hall-state.ts';

/**
 * The decryption window has closed: the host announces it, and every bid still undecrypted is
 * shown as failed through its bidder (E7, 撤销) until the opening key's remedy, where the tender
 * documents provide one, opens it. Announcing twice changes nothing.
 */
export async function closeDecryptionWindow(
  ctx: UseCaseContext,
  options: { projectId: string },
): Promise<{ closedAt: string }> {
  const now = ctx.clock.now();
  const participant = await hallParticipant(ctx, tradingDb(ctx.db), options.projectId, now);
  assertManager(participant);
  const window = windowOf(participant);
  const hall = await openedHall(tradingDb(ctx.db), participant.project.id, 'close the decryption window');
  if (hall.windowClosedAt) return { closedAt: hall.windowClosedAt };
  const closedAt = await runAudited(ctx, async (commonTrx, at) => {
    const trx = tradingTrx(commonTrx);
    const closed = await closeWindowIn(trx, participant.project.id, window, at);
    // Another request closed it in the meantime: nothing to record twice.
    if (closed.audit.length === 0)
      throw new AppError('INVALID_STATE', { state: 'window_closed', action: 'close the decryption window' });
    return { result: closed.closedAt, audit: closed.audit };
  });
  await hallBroadcasterOf(ctx.db).feed(participant.project.id);
  return { closedAt };
}

/** Closes the window inside the caller's transaction (also the first step of the read-out). */
export async function closeWindowIn(
  trx: TradingTrx,
  projectId: string,
  window: DecryptionWindow,
  at: Date,
): Promise<{ closedAt: string; audit: AuditChange[] }> {
  const hall = await openedHall(trx, projectId, 'close the decryption window');
  if (at.getTime() < Date.parse(window.closesAt)) {
    throw new AppError('INVALID_STATE', {
      state: 'decryption_window_open',
      action: 'close the decryption window',
    });
  }
  if (hall.windowClosedAt) return { closedAt: hall.windowClosedAt, audit: [] };
  const closedAt = at.toISOString();
  await trx
    .updateTable('openingHall')
    .set({ windowClosedAt: closedAt })
    .where('projectId', '=', projectId)
    .execute();
  const ended = await endedSectionIds(trx, projectId);
  const bids = (await hallBidsOf(trx, projectId, window, at)).filter(
    (b) => ended !== 'all' && !ended.has(b.sectionId),
  );
  const events: HallEventInput[] = [];
  for (const bid of bids.filter((b) => b.decryptionStatus === null)) {
    const payload = {
      bidId: bid.bidId,
      bidderName: bid.bidderName,
      sectionCode: bid.sectionCode,
      status: bid.status,
      decryptedBy: null,
    };
    events.push({ type: 'decryption.bid', audience: `org:${bid.bidderOrganisationId}`, payload });
    events.push({ type: 'decryption.bid', audience: 'managers', payload });
  }
  events.push({
    type: 'decryption.window_closed',
    audience: 'public',
    payload: { closedAt, window, progress: progressOf(bids, window, at) },
  });
  await appendHallEvents(trx, projectId, events, at);
  return {
    closedAt,
    audit: [
      {
        action: 'opening.window_closed',
        objectType: 'tender_project',
        objectId: projectId,
        state: { windowClosedAt: closedAt },
        detail: { undecrypted: bids.filter((b) => b.status === 'failed_bidder').length },
      },
    ],
  };
}
