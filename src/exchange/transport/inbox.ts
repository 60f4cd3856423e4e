import { type Kysely, sql } from 'kysely';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { columnTypes } from '../../store/migrations/dialect.ts';
import type { AuditChange } from '../../domain/audit.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Trx } from '../../store/schema.ts';
import {
  checkMessageContent,
  checkMessageOrder,
  messageContentDigest,
  type RegisteredPlatform,
  type ReplyStatus,
} from '../check-message.ts';
import type { FieldError } from '../field-errors.ts';
import type { ExchangeMessage } from '../message.ts';
import { isPlainObject } from '../validate-record.ts';
import { exchangeDb } from './exchange-tables.ts';
import { findPeer, registeredPlatformOf } from './peers.ts';

/** The PostgreSQL advisory lock that serialises inbox writes. */
const INBOX_LOCK = 0x7a6300e1;

/** The most messages one request may carry. */
export const INBOX_BATCH_MAX = 1000;

/** A message the receiver has just applied, with its place in the pull feeds. */
export interface AppliedMessage {
  readonly feedSeq: number;
  readonly message: ExchangeMessage;
  readonly sender: RegisteredPlatform;
}

/** What a platform does with the messages it applies, inside the transaction that applies them. */
export interface InboxHooks {
  readonly onApplied?: (trx: Trx, applied: readonly AppliedMessage[], now: Date) => Promise<void>;
}

/** The receiver's answer to one message of a batch, in the batch's order. */
export interface MessageReply {
  readonly messageId: string | null;
  readonly dataKey: string | null;
  readonly status: ReplyStatus;
  readonly errors: readonly FieldError[];
  /** The feed position of an accepted message. */
  readonly feedSeq?: number;
}

const stringField = (message: unknown, name: string): string | null =>
  isPlainObject(message) && typeof message[name] === 'string' ? message[name] : null;

/**
 * The idempotent inbox: checks each message (`checkMessageContent` outside the transaction, the
 * signature included), then in one transaction applies the ones that are next in their order and
 * not yet applied, with their audit events and whatever `hooks.onApplied` writes. A message is
 * applied once: a resend answers `duplicate`; one whose predecessor is missing answers `deferred`.
 */
export async function applyMessages(
  ctx: UseCaseContext,
  receiverCode: string,
  messages: readonly unknown[],
  hooks: InboxHooks = {},
): Promise<MessageReply[]> {
  const senders = new Map<string, RegisteredPlatform | null>();
  const replies: (MessageReply | null)[] = [];
  const candidates: { index: number; message: ExchangeMessage; sender: RegisteredPlatform }[] = [];

  for (const [index, message] of messages.entries()) {
    const platformCode = stringField(message, 'platformCode');
    if (platformCode !== null && !senders.has(platformCode)) {
      const peer = await findPeer(ctx.db, platformCode);
      senders.set(platformCode, peer ? registeredPlatformOf(peer) : null);
    }
    const sender = platformCode === null ? null : (senders.get(platformCode) ?? null);
    const refused = await checkMessageContent(message, { hubCode: receiverCode, sender });
    const base = { messageId: stringField(message, 'messageId'), dataKey: stringField(message, 'dataKey') };
    if (refused) replies.push({ ...base, ...refused });
    else {
      replies.push(null);
      candidates.push({ index, message: message as ExchangeMessage, sender: sender! });
    }
  }
  if (candidates.length === 0) return replies as MessageReply[];

  await runAudited(ctx, async (trx, now) => {
    // One inbox writer at a time (SQLite has one writer anyway): decided under the lock, a
    // message another request applied meanwhile is a duplicate here, not a second insert.
    if (columnTypes(trx as unknown as Kysely<unknown>).postgres) {
      await sql`select pg_advisory_xact_lock(${INBOX_LOCK})`.execute(trx);
    }
    const decided = await decide(trx, candidates);
    const applied: AppliedMessage[] = [];
    const audit: AuditChange[] = [];
    const db = exchangeDb(trx);
    const receivedAt = now.toISOString();
    for (const { candidate, reply, digest } of decided) {
      if (reply.status !== 'accepted') {
        replies[candidate.index] = { ...baseOf(candidate.message), ...reply };
        continue;
      }
      const { message } = candidate;
      const row = await db
        .insertInto('exchangeInbox')
        .values({
          platformCode: message.platformCode,
          dataKey: message.dataKey,
          messageId: message.messageId,
          dataSetCode: message.dataSetCode,
          orderKey: message.orderKey,
          orderSeq: message.orderSeq,
          contentDigest: digest,
          message: canonicalJson(message),
          receivedAt,
        })
        .returning('feedSeq')
        .executeTakeFirstOrThrow();
      const feedSeq = Number(row.feedSeq);
      await db
        .insertInto('exchangeOrder')
        .values({
          platformCode: message.platformCode,
          orderKey: message.orderKey,
          lastSeq: message.orderSeq,
        })
        .onConflict((oc) =>
          oc.columns(['platformCode', 'orderKey']).doUpdateSet({ lastSeq: message.orderSeq }),
        )
        .execute();
      applied.push({ feedSeq, message, sender: candidate.sender });
      replies[candidate.index] = { ...baseOf(message), ...reply, feedSeq };
      audit.push({
        action: 'exchange.messages_applied',
        objectType: 'exchange_message',
        objectId: `${message.platformCode}/${message.dataKey}`,
        state: { feedSeq, contentDigest: digest, orderKey: message.orderKey, orderSeq: message.orderSeq },
        detail: { dataSetCode: message.dataSetCode, messageId: message.messageId },
      });
    }
    // Nothing to apply (all refused, deferred or already applied): write nothing.
    if (applied.length === 0) throw new NothingApplied();
    if (hooks.onApplied) await hooks.onApplied(trx, applied, now);
    return { result: undefined, audit };
  }).catch((error: unknown) => {
    if (!(error instanceof NothingApplied)) throw error;
  });
  return replies as MessageReply[];
}

function baseOf(message: ExchangeMessage) {
  return { messageId: message.messageId, dataKey: message.dataKey };
}

/** Rolls back a writing transaction that turned out to have nothing to apply. */
class NothingApplied extends Error {}

type Candidate = { index: number; message: ExchangeMessage; sender: RegisteredPlatform };

/**
 * Each candidate's answer against the store as `trx` sees it, taking earlier candidates of the same
 * batch as applied when they are accepted (so a batch may carry seq 1, 2, 3 of one tender).
 */
async function decide(trx: Trx, candidates: readonly Candidate[]) {
  const db = exchangeDb(trx);
  const lastSeq = new Map<string, number>();
  const digests = new Map<string, string>();
  const byPlatform = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = byPlatform.get(c.message.platformCode) ?? [];
    list.push(c);
    byPlatform.set(c.message.platformCode, list);
  }
  for (const [platformCode, list] of byPlatform) {
    const orderKeys = [...new Set(list.map((c) => c.message.orderKey))];
    const dataKeys = [...new Set(list.map((c) => c.message.dataKey))];
    for (let i = 0; i < orderKeys.length; i += 500) {
      const rows = await db
        .selectFrom('exchangeOrder')
        .select(['orderKey', 'lastSeq'])
        .where('platformCode', '=', platformCode)
        .where('orderKey', 'in', orderKeys.slice(i, i + 500))
        .execute();
      for (const r of rows) lastSeq.set(`${platformCode}\u0000${r.orderKey}`, Number(r.lastSeq));
    }
    for (let i = 0; i < dataKeys.length; i += 500) {
      const rows = await db
        .selectFrom('exchangeInbox')
        .select(['dataKey', 'contentDigest'])
        .where('platformCode', '=', platformCode)
        .where('dataKey', 'in', dataKeys.slice(i, i + 500))
        .execute();
      for (const r of rows) digests.set(`${platformCode}\u0000${r.dataKey}`, r.contentDigest);
    }
  }
  return candidates.map((candidate) => {
    const { message } = candidate;
    const orderId = `${message.platformCode}\u0000${message.orderKey}`;
    const keyId = `${message.platformCode}\u0000${message.dataKey}`;
    const digest = messageContentDigest(message);
    const reply = checkMessageOrder(message, {
      lastAppliedSeq: lastSeq.get(orderId) ?? 0,
      appliedContentDigest: digests.get(keyId) ?? null,
    });
    if (reply.status === 'accepted') {
      lastSeq.set(orderId, message.orderSeq);
      digests.set(keyId, digest);
    }
    return { candidate, reply, digest };
  });
}
