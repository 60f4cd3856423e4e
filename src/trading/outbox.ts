import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.ts';
import type { TradingTrx } from './schema.ts';

/** A publication for the hub, written in the same transaction as the change it reports. */
export interface OutboxEvent {
  /** e.g. `announcement.published`, `clarification.published`, `tender.failed`. */
  readonly eventType: string;
  /** National data-set code (mission.md), e.g. '503' for a tender announcement. */
  readonly dataSetCode: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly payload: unknown;
}

/** Appends to the outbox; the data-exchange worker (issue 7) delivers in `seq` order. */
export async function appendOutbox(trx: TradingTrx, event: OutboxEvent, at: Date): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('outbox')
    .values({
      id,
      eventType: event.eventType,
      dataSetCode: event.dataSetCode,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      payload: canonicalJson(event.payload),
      createdAt: at.toISOString(),
      sentAt: null,
    })
    .execute();
  return id;
}
