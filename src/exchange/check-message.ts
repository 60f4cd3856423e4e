import { hashHex } from '../crypto/hash.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import type { PlatformKind } from './data-set-schema.ts';
import { dataSetSchema } from './data-sets.ts';
import { fieldError, type FieldError } from './field-errors.ts';
import { validateMessage, type ExchangeMessage } from './message.ts';
import { verifyMessage, type PlatformKey } from './sign-message.ts';
import { isPlainObject } from './validate-record.ts';

/** A platform's registration at the receiver, as `checkMessage` needs it. */
export interface RegisteredPlatform {
  readonly platformCode: string;
  readonly kind: PlatformKind;
  /** Only `approved` platforms may send (seed §3–4: registration, then the hub operator's approval). */
  readonly status: 'pending' | 'approved' | 'suspended' | 'rejected';
  readonly keys: readonly PlatformKey[];
}

/**
 * What the receiver knows, passed in as plain data: the caller reads `platformCode`, `orderKey` and
 * `dataKey` from the incoming message, looks these up in its own store, and calls `checkMessage`.
 */
export interface ReceiverContext {
  /** The receiver's own platform code. */
  readonly hubCode: string;
  /** The registration of the message's `platformCode`, or null when there is none. */
  readonly sender: RegisteredPlatform | null;
  /** The last `orderSeq` applied for this sender and `orderKey`; 0 when none yet. */
  readonly lastAppliedSeq: number;
  /** `messageContentDigest` of the message applied under this sender and `dataKey`, or null. */
  readonly appliedContentDigest: string | null;
}

/**
 * The receiver's answer. `accepted`: apply it now. `duplicate`: already applied with the same
 * content, nothing to do (idempotent success). `deferred`: its predecessor has not arrived, the
 * sender retries later. `rejected`: see `errors`, the sender corrects the record and resends.
 */
export type ReplyStatus = 'accepted' | 'duplicate' | 'rejected' | 'deferred';

export interface ExchangeReply {
  readonly status: ReplyStatus;
  readonly errors: readonly FieldError[];
}

const reply = (status: ReplyStatus, errors: readonly FieldError[] = []): ExchangeReply => ({
  status,
  errors,
});

/**
 * The digest that decides whether a resent data key is the same message: SHA-256 of the canonical
 * JSON of what the sender means (data set, key, order and record), not of when or under which
 * message id it was sent.
 */
export function messageContentDigest(message: ExchangeMessage): string {
  const { dataSetCode, dataKey, orderKey, orderSeq, record } = message;
  return hashHex(canonicalJson({ dataSetCode, dataKey, orderKey, orderSeq, record }));
}

/**
 * Everything a receiver checks before it applies a message, in this order: it is addressed to this
 * receiver; the sender is registered and approved; the envelope and record are valid and the
 * signature verifies with one of the sender's keys; the sender's kind may send this data set; the
 * data key was not applied with other content; and it is the next in its order.
 */
export async function checkMessage(message: unknown, context: ReceiverContext): Promise<ExchangeReply> {
  const refused = await checkMessageContent(message, context);
  if (refused) return refused;
  return checkMessageOrder(message as ExchangeMessage, context);
}

/**
 * The checks that do not depend on what the receiver has applied (receiver, sender, envelope,
 * record, signature, sender kind): a receiver runs them before it opens its transaction, so the
 * signature work does not hold the store. Null when the message passes them.
 */
export async function checkMessageContent(
  message: unknown,
  context: Pick<ReceiverContext, 'hubCode' | 'sender'>,
): Promise<ExchangeReply | null> {
  if (
    !isPlainObject(message) ||
    typeof message.platformCode !== 'string' ||
    typeof message.hubCode !== 'string'
  ) {
    return reply('rejected', validateMessage(message));
  }
  if (message.hubCode !== context.hubCode) {
    return reply('rejected', [
      fieldError('hubCode', 'wrong_receiver', { value: message.hubCode, expected: context.hubCode }),
    ]);
  }
  const { sender } = context;
  const { platformCode } = message;
  if (!sender || sender.platformCode !== platformCode) {
    return reply('rejected', [fieldError('platformCode', 'platform_unknown', { value: platformCode })]);
  }
  if (sender.status !== 'approved') {
    return reply('rejected', [
      fieldError('platformCode', 'platform_not_approved', { value: platformCode, status: sender.status }),
    ]);
  }

  const errors = validateMessage(message, { signed: true, forwarding: sender.kind === 'hub' });
  const signatureMalformed = errors.some((e) => e.path.startsWith('signature'));
  if (!signatureMalformed) {
    const verified = await verifyMessage(message as unknown as ExchangeMessage, sender.keys);
    if (!verified.ok) errors.push(...verified.errors);
  }
  if (errors.length) return reply('rejected', errors);

  const valid = message as unknown as ExchangeMessage;
  const schema = dataSetSchema(valid.dataSetCode)!;
  if (!schema.senders.includes(sender.kind)) {
    const params = { kind: sender.kind, dataSetCode: schema.code, allowed: schema.senders.join('/') };
    return reply('rejected', [fieldError('dataSetCode', 'sender_not_allowed', params)]);
  }
  return null;
}

/** The checks against what the receiver has applied, for a message that passed `checkMessageContent`. */
export function checkMessageOrder(
  valid: ExchangeMessage,
  context: Pick<ReceiverContext, 'lastAppliedSeq' | 'appliedContentDigest'>,
): ExchangeReply {
  if (context.appliedContentDigest !== null) {
    return context.appliedContentDigest === messageContentDigest(valid)
      ? reply('duplicate')
      : reply('rejected', [fieldError('dataKey', 'conflict', { value: valid.dataKey })]);
  }

  const order = { value: valid.orderSeq, orderKey: valid.orderKey, lastApplied: context.lastAppliedSeq };
  if (valid.orderSeq === context.lastAppliedSeq + 1) return reply('accepted');
  if (valid.orderSeq > context.lastAppliedSeq + 1)
    return reply('deferred', [fieldError('orderSeq', 'gap', order)]);
  return reply('rejected', [fieldError('orderSeq', 'stale', order)]);
}
