import type { FastifyBaseLogger } from 'fastify';
import { scheduledTaskActor } from '../../domain/actor.ts';
import type { ExchangeEndpoint } from '../../exchange/transport/exchange-endpoint.ts';
import type { OutgoingInput } from '../../exchange/transport/outgoing.ts';
import { runAudited } from '../../store/audited.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { outboxRecords, type OutboxRow } from './outbox-records.ts';

/** Outbox rows turned into messages per round. */
const ROWS_PER_ROUND = 200;

/**
 * Moves the outbox's new rows into the exchange's outgoing queue for the platform's hub, as
 * national data-set records, in outbox order; each row is marked sent in the same transaction as
 * its messages are queued, so none is lost or queued twice. A row whose record cannot be made is
 * logged and kept out of the queue (its data set has no mapping: a defect, not the data's fault).
 */
export async function stageOutbox(endpoint: ExchangeEndpoint, log: FastifyBaseLogger): Promise<number> {
  const { upstream, platformCode, regionCode } = endpoint.config;
  if (!upstream) return 0;
  const { store, clock } = endpoint.deps;
  const identity = { platformCode, hubCode: upstream.platformCode, regionCode };
  let total = 0;
  for (;;) {
    const rows: OutboxRow[] = await tradingDb(store.db)
      .selectFrom('outbox')
      .selectAll()
      .where('sentAt', 'is', null)
      .orderBy('seq')
      .limit(ROWS_PER_ROUND)
      .execute();
    if (rows.length === 0) return total;
    const inputs: OutgoingInput[] = [];
    const failed: number[] = [];
    for (const row of rows) {
      try {
        for (const { dataSetCode, record } of await outboxRecords(tradingDb(store.db), row, identity)) {
          inputs.push({ target: upstream, dataSetCode, record, source: `outbox:${row.seq}` });
        }
      } catch (error) {
        failed.push(Number(row.seq));
        log.error({ err: (error as Error).message, outboxSeq: row.seq }, 'outbox row cannot be exchanged');
      }
    }
    const ctx = {
      db: store.db,
      clock,
      actor: scheduledTaskActor('exchange-outbox'),
      platform: 'trading' as const,
    };
    const staged = await runAudited(ctx, async (trx, now) => {
      const count = await endpoint.stage(trx, inputs, now);
      await tradingTrx(trx)
        .updateTable('outbox')
        .set({ sentAt: now.toISOString() })
        .where(
          'seq',
          'in',
          rows.map((r) => r.seq),
        )
        .execute();
      return {
        result: count,
        audit: {
          action: 'exchange.messages_staged',
          objectType: 'outbox',
          objectId: `${rows[0]!.seq}-${rows.at(-1)!.seq}`,
          state: { outboxSeqs: rows.map((r) => Number(r.seq)), staged: count, unmapped: failed },
          detail: { target: upstream.platformCode },
        },
      };
    });
    total += staged;
  }
}
