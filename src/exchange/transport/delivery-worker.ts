import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../domain/actor.ts';
import type { AuditChange } from '../../domain/audit.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Platform } from '../../domain/roles.ts';
import { runAudited } from '../../store/audited.ts';
import type { Db } from '../../store/schema.ts';
import { PROTOCOL_VERSION, type UnsignedMessage } from '../message.ts';
import { signMessage, type SigningKey } from '../sign-message.ts';
import type { ExchangeRecord } from '../validate-record.ts';
import { exchangeDb, type ExchangeOutgoingRow } from './exchange-tables.ts';
import type { MessageReply } from './inbox.ts';

/** Refusals that go away without the sender changing anything: it is retried with back-off. */
const TRANSIENT_CODES = new Set(['platform_unknown', 'platform_not_approved']);
/** Messages per request. */
const CHUNK = 500;
/** Pending rows looked at per round. */
const WINDOW = 5000;

export interface DeliveryOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly actor: Actor;
  readonly platform: Platform;
  readonly platformCode: string;
  readonly key: () => Promise<SigningKey>;
  readonly intervalMs: number;
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
  readonly log: FastifyBaseLogger;
  /** Runs before each round, e.g. to stage the outbox's new rows. */
  readonly beforeRound?: () => Promise<void>;
  readonly fetch?: typeof fetch;
  readonly requestTimeoutMs?: number;
}

export interface RoundResult {
  readonly sent: number;
  readonly delivered: number;
  readonly refused: number;
  readonly failed: number;
}

/** Back-off after `attempts` failures: doubling from min to max, with up to half of it as jitter. */
export function backoffMs(attempts: number, minMs: number, maxMs: number, random = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base / 2 + (base / 2) * random());
}

/**
 * Delivers the outgoing messages: per receiver and order key only the next undelivered message (and
 * those after it in the same round), so order per tender holds; a failure waits with back-off; a
 * refusal stops its order key until the operator resends it. Every answer is stored.
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wakeRequested = false;

  constructor(private readonly options: DeliveryOptions) {}

  start(): void {
    if (!this.stopped || this.options.intervalMs === 0) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Asks for a round soon (after new messages were staged). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.wakeRequested = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.loop().finally(() => (this.running = undefined));
    }, delayMs).unref();
  }

  private async loop(): Promise<void> {
    let result: RoundResult = { sent: 0, delivered: 0, refused: 0, failed: 0 };
    try {
      result = await this.runOnce();
    } catch (error) {
      this.options.log.error({ err: error }, 'exchange delivery round failed');
    }
    if (this.stopped) return;
    const busy = result.delivered > 0 || this.wakeRequested;
    this.wakeRequested = false;
    this.schedule(busy ? 0 : this.options.intervalMs);
  }

  /** One round: stage, pick what may go now, send it per receiver, store the answers. */
  async runOnce(): Promise<RoundResult> {
    await this.options.beforeRound?.();
    const due = await this.dueRows(Date.now());
    const totals = { sent: 0, delivered: 0, refused: 0, failed: 0 };
    const byTarget = new Map<string, ExchangeOutgoingRow[]>();
    for (const row of due) {
      const list = byTarget.get(row.targetCode) ?? [];
      list.push(row);
      byTarget.set(row.targetCode, list);
    }
    for (const rows of byTarget.values()) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const outcome = await this.send(rows.slice(i, i + CHUNK));
        totals.sent += outcome.sent;
        totals.delivered += outcome.delivered;
        totals.refused += outcome.refused;
        totals.failed += outcome.failed;
        if (outcome.failed > 0) break;
      }
    }
    return totals;
  }

  /** The rows that may be sent now: per receiver and order key, the run of pending rows from the first undelivered one. */
  private async dueRows(nowMs: number): Promise<ExchangeOutgoingRow[]> {
    const db = exchangeDb(this.options.db);
    const rows = await db
      .selectFrom('exchangeOutgoing')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('id')
      .limit(WINDOW)
      .execute();
    // An order key with a refused message waits for the operator.
    const refused = await db
      .selectFrom('exchangeOutgoing')
      .select(['targetCode', 'orderKey'])
      .distinct()
      .where('status', '=', 'rejected')
      .execute();
    const blocked = new Set(refused.map((r) => `${r.targetCode}\u0000${r.orderKey}`));
    const due: ExchangeOutgoingRow[] = [];
    for (const row of rows) {
      const key = `${row.targetCode}\u0000${row.orderKey}`;
      if (blocked.has(key)) continue;
      if (Number(row.nextAttemptAt) <= nowMs) due.push(row);
      else blocked.add(key);
    }
    return due;
  }

  private async send(rows: readonly ExchangeOutgoingRow[]): Promise<RoundResult> {
    const { options } = this;
    const key = await options.key();
    const sentAt = options.clock.now().toISOString();
    const messages = await Promise.all(
      rows.map((row) => {
        const unsigned: UnsignedMessage = {
          version: PROTOCOL_VERSION,
          messageId: row.messageId,
          dataSetCode: row.dataSetCode,
          dataKey: row.dataKey,
          platformCode: options.platformCode,
          hubCode: row.targetCode,
          sentAt,
          orderKey: row.orderKey,
          orderSeq: Number(row.orderSeq),
          record: JSON.parse(row.record) as ExchangeRecord,
        };
        return signMessage(unsigned, key);
      }),
    );
    let replies: MessageReply[];
    try {
      const response = await (options.fetch ?? fetch)(new URL('/api/exchange/messages', rows[0]!.targetUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages }),
        signal: AbortSignal.timeout(options.requestTimeoutMs ?? 30_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
      replies = ((await response.json()) as { replies: MessageReply[] }).replies;
      if (!Array.isArray(replies) || replies.length !== rows.length) throw new Error('malformed reply');
    } catch (error) {
      await this.recordFailure(rows, (error as Error).message);
      options.log.warn(
        { target: rows[0]!.targetCode, err: (error as Error).message },
        'exchange delivery failed',
      );
      return { sent: rows.length, delivered: 0, refused: 0, failed: rows.length };
    }
    return this.recordReplies(rows, replies);
  }

  private async recordFailure(rows: readonly ExchangeOutgoingRow[], message: string): Promise<void> {
    const db = exchangeDb(this.options.db);
    const now = Date.now();
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const attempts = Number(row.attempts) + 1;
        const wait = backoffMs(attempts, this.options.retryMinMs, this.options.retryMaxMs);
        await trx
          .updateTable('exchangeOutgoing')
          .set({ attempts, nextAttemptAt: now + wait, lastError: message.slice(0, 500) })
          .where('id', '=', row.id)
          .execute();
      }
    });
  }

  private async recordReplies(rows: readonly ExchangeOutgoingRow[], replies: readonly MessageReply[]) {
    const result = { sent: rows.length, delivered: 0, refused: 0, failed: 0 };
    const ctx = {
      db: this.options.db,
      clock: this.options.clock,
      actor: this.options.actor,
      platform: this.options.platform,
    };
    const nowMs = Date.now();
    await runAudited(ctx, async (trx, now) => {
      const db = exchangeDb(trx);
      const audit: AuditChange[] = [];
      const delivered: number[] = [];
      for (const [i, row] of rows.entries()) {
        const reply = replies[i]!;
        const errors = reply.errors.length ? JSON.stringify(reply.errors) : null;
        if (reply.status === 'accepted' || reply.status === 'duplicate') {
          delivered.push(Number(row.id));
          continue;
        }
        const attempts = Number(row.attempts) + 1;
        const transient =
          reply.status === 'deferred' ||
          (reply.errors.length > 0 && reply.errors.every((e) => TRANSIENT_CODES.has(e.code)));
        if (transient) {
          const wait = backoffMs(attempts, this.options.retryMinMs, this.options.retryMaxMs);
          const lastError = reply.errors.map((e) => e.message['en-US']).join('; ') || reply.status;
          await db
            .updateTable('exchangeOutgoing')
            .set({ attempts, nextAttemptAt: nowMs + wait, lastError, errors })
            .where('id', '=', row.id)
            .execute();
          result.failed++;
          continue;
        }
        await db
          .updateTable('exchangeOutgoing')
          .set({ status: 'rejected', attempts, errors, lastError: 'refused by the receiver' })
          .where('id', '=', row.id)
          .execute();
        result.refused++;
        audit.push({
          action: 'exchange.delivery_refused',
          objectType: 'exchange_outgoing',
          objectId: String(row.id),
          state: {
            id: Number(row.id),
            status: 'rejected',
            errors: reply.errors.map((e) => ({ path: e.path, code: e.code })),
          },
          detail: { targetCode: row.targetCode, dataKey: row.dataKey, dataSetCode: row.dataSetCode },
        });
      }
      for (let i = 0; i < delivered.length; i += 500) {
        await db
          .updateTable('exchangeOutgoing')
          .set({ status: 'delivered', deliveredAt: now.toISOString(), errors: null, lastError: null })
          .where('id', 'in', delivered.slice(i, i + 500))
          .execute();
      }
      result.delivered = delivered.length;
      if (delivered.length) {
        audit.push({
          action: 'exchange.delivered',
          objectType: 'exchange_outgoing',
          objectId: `${rows[0]!.targetCode}:${delivered[0]}-${delivered.at(-1)}`,
          state: { targetCode: rows[0]!.targetCode, ids: delivered },
        });
      }
      if (audit.length === 0) {
        audit.push({
          action: 'exchange.delivered',
          objectType: 'exchange_outgoing',
          objectId: `${rows[0]!.targetCode}:deferred`,
          state: { targetCode: rows[0]!.targetCode, ids: [], deferred: rows.length },
        });
      }
      return { result: undefined, audit };
    });
    return result;
  }
}
