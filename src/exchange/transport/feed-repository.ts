import type { Db } from '../../store/schema.ts';
import { dataSetSchema } from '../data-sets.ts';
import { encodeCursor, type FeedPosition } from '../feed.ts';
import type { ExchangeMessage } from '../message.ts';
import type { ExchangeRecord } from '../validate-record.ts';
import { exchangeDb } from './exchange-tables.ts';

/** A feed item for readers who may not see supervisors-only fields: those are removed, and so is the signature they were under. */
export interface RedactedMessage extends Omit<ExchangeMessage, 'signature'> {
  readonly signature: null;
  readonly redactedFields: readonly string[];
}

export interface FeedItems {
  readonly dataSetCode: string;
  readonly items: readonly (ExchangeMessage | RedactedMessage)[];
  readonly next: string | null;
}

/** Removes the supervisors-only fields of a message's record (seed §15). */
export function redactMessage(message: ExchangeMessage): ExchangeMessage | RedactedMessage {
  const schema = dataSetSchema(message.dataSetCode);
  const hidden = (schema?.fields ?? []).filter((f) => f.access === 'supervisors').map((f) => f.name);
  const present = hidden.filter((name) => name in message.record);
  if (present.length === 0) return message;
  const record: Record<string, unknown> = { ...message.record };
  for (const name of present) delete record[name];
  return { ...message, record: record as ExchangeRecord, signature: null, redactedFields: present };
}

/** One page of a data set's feed after `position`, in feed order. */
export async function readFeed(
  db: Db,
  position: FeedPosition,
  limit: number,
  full: boolean,
): Promise<FeedItems> {
  const rows = await exchangeDb(db)
    .selectFrom('exchangeInbox')
    .select(['feedSeq', 'message'])
    .where('dataSetCode', '=', position.dataSetCode)
    .where('feedSeq', '>', position.after)
    .orderBy('feedSeq')
    .limit(limit)
    .execute();
  const items = rows.map((row) => {
    const message = JSON.parse(row.message) as ExchangeMessage;
    return full ? message : redactMessage(message);
  });
  const last = rows.at(-1);
  return {
    dataSetCode: position.dataSetCode,
    items,
    next: last ? encodeCursor({ dataSetCode: position.dataSetCode, after: Number(last.feedSeq) }) : null,
  };
}
