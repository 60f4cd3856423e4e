import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Db, Trx } from '../../store/schema.ts';
import { dataKeyOf } from '../data-key.ts';
import { dataSetSchema } from '../data-sets.ts';
import type { FieldError } from '../field-errors.ts';
import type { ExchangeRecord } from '../validate-record.ts';
import { exchangeDb, type ExchangeOutgoingRow, type OutgoingStatus } from './exchange-tables.ts';

/** A receiver: its platform code and base URL. */
export interface ExchangeTarget {
  readonly platformCode: string;
  readonly url: string;
}

export interface OutgoingInput {
  readonly target: ExchangeTarget;
  readonly dataSetCode: string;
  readonly record: ExchangeRecord;
  /** What the record came from, e.g. `outbox:<id>` or `inbox:<feedSeq>`. */
  readonly source: string;
  /** Kept when forwarding (the origin's key); otherwise `dataKeyOf` with the next free revision. */
  readonly dataKey?: string;
}

/**
 * Queues records for a receiver inside the caller's transaction, so a message exists exactly when
 * the change it reports commits. Each gets the next `orderSeq` of its order key for that receiver.
 * A record staged before with the same content is not staged again; a changed record under the
 * same natural key becomes the next revision (`dataKeyOf`).
 */
export async function stageOutgoing(trx: Trx, inputs: readonly OutgoingInput[], now: Date): Promise<number> {
  const db = exchangeDb(trx);
  const nextSeq = new Map<string, number>();
  let staged = 0;
  for (const input of inputs) {
    const schema = dataSetSchema(input.dataSetCode);
    if (!schema) throw new RangeError(`unknown data set ${input.dataSetCode}`);
    const orderKey = String(input.record[schema.orderKeyField] ?? '');
    const record = canonicalJson(input.record);
    let dataKey = input.dataKey;
    if (dataKey === undefined) {
      for (let revision = 1; ; revision++) {
        const candidate = dataKeyOf(input.dataSetCode, input.record, revision);
        const existing = await db
          .selectFrom('exchangeOutgoing')
          .select('record')
          .where('targetCode', '=', input.target.platformCode)
          .where('dataKey', '=', candidate)
          .executeTakeFirst();
        if (!existing) {
          dataKey = candidate;
          break;
        }
        if (existing.record === record) break;
      }
      if (dataKey === undefined) continue;
    } else {
      const existing = await db
        .selectFrom('exchangeOutgoing')
        .select('id')
        .where('targetCode', '=', input.target.platformCode)
        .where('dataKey', '=', dataKey)
        .executeTakeFirst();
      if (existing) continue;
    }
    const seqKey = `${input.target.platformCode}\u0000${orderKey}`;
    let orderSeq = nextSeq.get(seqKey);
    if (orderSeq === undefined) {
      const row = await db
        .selectFrom('exchangeOutgoing')
        .select((eb) => eb.fn.max('orderSeq').as('last'))
        .where('targetCode', '=', input.target.platformCode)
        .where('orderKey', '=', orderKey)
        .executeTakeFirst();
      orderSeq = Number(row?.last ?? 0) + 1;
    }
    nextSeq.set(seqKey, orderSeq + 1);
    await db
      .insertInto('exchangeOutgoing')
      .values({
        targetCode: input.target.platformCode,
        targetUrl: input.target.url,
        messageId: randomUUID(),
        dataSetCode: input.dataSetCode,
        dataKey,
        orderKey,
        orderSeq,
        record,
        source: input.source,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
        errors: null,
        createdAt: now.toISOString(),
        deliveredAt: null,
      })
      .execute();
    staged++;
  }
  return staged;
}

/** An outgoing message as its platform's operator sees it. */
export interface OutgoingView {
  readonly id: number;
  readonly targetCode: string;
  readonly dataSetCode: string;
  readonly dataKey: string;
  readonly orderKey: string;
  readonly orderSeq: number;
  readonly status: OutgoingStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly errors: readonly FieldError[];
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  readonly record: ExchangeRecord;
}

export function outgoingViewOf(row: ExchangeOutgoingRow): OutgoingView {
  const next = Number(row.nextAttemptAt);
  return {
    id: Number(row.id),
    targetCode: row.targetCode,
    dataSetCode: row.dataSetCode,
    dataKey: row.dataKey,
    orderKey: row.orderKey,
    orderSeq: Number(row.orderSeq),
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: row.status === 'pending' && next > 0 ? new Date(next).toISOString() : null,
    lastError: row.lastError,
    errors: row.errors ? (JSON.parse(row.errors) as FieldError[]) : [],
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt,
    record: JSON.parse(row.record) as ExchangeRecord,
  };
}

export interface OutgoingQuery {
  readonly status?: OutgoingStatus | undefined;
  readonly orderKey?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export async function listOutgoing(db: Db, query: OutgoingQuery) {
  const x = exchangeDb(db);
  let q = x.selectFrom('exchangeOutgoing');
  if (query.status) q = q.where('status', '=', query.status);
  if (query.orderKey) q = q.where('orderKey', '=', query.orderKey);
  const [rows, total, counts] = await Promise.all([
    q
      .selectAll()
      .orderBy('id', query.status === 'delivered' ? 'desc' : 'asc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    x
      .selectFrom('exchangeOutgoing')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute(),
  ]);
  const byStatus = { pending: 0, delivered: 0, rejected: 0 };
  for (const c of counts) byStatus[c.status] = Number(c.n);
  return {
    items: rows.map(outgoingViewOf),
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
    counts: byStatus,
  };
}

/** The operator sends a refused message again (after the receiver or the data was put right). */
export async function retryOutgoing(ctx: UseCaseContext, id: number): Promise<OutgoingView> {
  return runAudited(ctx, async (trx) => {
    const db = exchangeDb(trx);
    const row = await db.selectFrom('exchangeOutgoing').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { what: `exchange message ${id}` });
    if (row.status === 'delivered') {
      throw new AppError('INVALID_STATE', { state: 'delivered', action: '重新发送 resend' });
    }
    const set = { status: 'pending' as const, nextAttemptAt: 0, attempts: 0 };
    await db.updateTable('exchangeOutgoing').set(set).where('id', '=', id).execute();
    return {
      result: outgoingViewOf({ ...row, ...set }),
      audit: {
        action: 'exchange.delivery_retried',
        objectType: 'exchange_outgoing',
        objectId: String(id),
        state: { id, status: 'pending', dataKey: row.dataKey, targetCode: row.targetCode },
      },
    };
  });
}
