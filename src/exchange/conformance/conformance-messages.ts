import { randomUUID } from 'node:crypto';
import { dataKeyOf } from '../data-key.ts';
import { dataSetSchema } from '../data-sets.ts';
import { PROTOCOL_VERSION, type ExchangeMessage, type UnsignedMessage } from '../message.ts';
import { signMessage, type SigningKey } from '../sign-message.ts';
import type { ExchangeRecord } from '../validate-record.ts';
import { conformanceRecord, type ConformanceIdentity } from './conformance-identity.ts';

export interface MessageOptions {
  readonly orderSeq: number;
  /** The data key's revision (`dataKeyOf`): each message a check sends has its own data key. */
  readonly revision: number;
  /** Changes the record before it is signed. */
  readonly edit?: (record: Record<string, ExchangeRecord[string]>) => void;
  /** Another data-set code in the envelope (the record stays the one of `dataSetCode`). */
  readonly envelopeDataSet?: string;
  readonly hubCode?: string;
  /** Signs with another key than the registered one. */
  readonly key?: SigningKey;
}

/** Builds the signed messages a conformance run sends: the run's platform, tender and key. */
export class ConformanceMessages {
  constructor(
    private readonly identity: ConformanceIdentity,
    private readonly hubCode: string,
  ) {}

  async signed(dataSetCode: string, options: MessageOptions): Promise<ExchangeMessage> {
    const record: Record<string, ExchangeRecord[string]> = {
      ...conformanceRecord(dataSetCode, this.identity, this.hubCode),
    };
    options.edit?.(record);
    const schema = dataSetSchema(dataSetCode)!;
    const unsigned: UnsignedMessage = {
      version: PROTOCOL_VERSION,
      messageId: randomUUID(),
      dataSetCode: options.envelopeDataSet ?? dataSetCode,
      dataKey: dataKeyOf(dataSetCode, record, options.revision),
      platformCode: this.identity.platformCode,
      hubCode: options.hubCode ?? this.hubCode,
      sentAt: new Date().toISOString(),
      orderKey: String(record[schema.orderKeyField]),
      orderSeq: options.orderSeq,
      record,
    };
    return signMessage(unsigned, options.key ?? this.identity.key);
  }

  /** The same message sent again: a new message id and time, signed again, same data key and content. */
  resent(message: ExchangeMessage): Promise<ExchangeMessage> {
    const { signature: _signature, ...unsigned } = message;
    return signMessage(
      { ...unsigned, messageId: randomUUID(), sentAt: new Date().toISOString() },
      this.identity.key,
    );
  }
}
