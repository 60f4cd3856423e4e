import { randomUUID } from 'node:crypto';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { buildDealCode, sectionCode } from '../../src/domain/deal-code.ts';
import { dataKeyOf } from '../../src/exchange/data-key.ts';
import { EXAMPLE_CODES, exampleRecord } from '../../src/exchange/data-set-examples.ts';
import { dataSetSchema } from '../../src/exchange/data-sets.ts';
import { PROTOCOL_VERSION, type ExchangeMessage } from '../../src/exchange/message.ts';
import {
  platformKeyOf,
  signMessage,
  type PlatformKey,
  type SigningKey,
} from '../../src/exchange/sign-message.ts';
import type { ExchangeRecord } from '../../src/exchange/validate-record.ts';

/** A sending platform of the tests: its code, signing key and the public key it registers. */
export interface TestSender {
  readonly platformCode: string;
  readonly signing: SigningKey;
  readonly publicKey: PlatformKey;
}

export async function testSender(platformCode: string): Promise<TestSender> {
  const pair = await nodeSuite('gm').generateSigningKeyPair('sm2-sm3');
  const publicKey = await platformKeyOf('gm', pair.publicKeyPem);
  return {
    platformCode,
    publicKey,
    signing: { suite: 'gm', keyId: publicKey.keyId, privateKeyPem: pair.privateKeyPem },
  };
}

/**
 * The example record of a data set for tender number `tender` (1 is the example tender itself; others
 * get their own deal and section codes, so each test can start its own order).
 */
export function tenderRecord(dataSetCode: string, tender = 1): ExchangeRecord {
  const record = exampleRecord(dataSetCode);
  if (tender === 1) return record;
  const deal = buildDealCode(EXAMPLE_CODES.tenderer, new Date('2026-02-26T02:00:00Z'), tender);
  const text = JSON.stringify(record)
    .replaceAll(EXAMPLE_CODES.section, sectionCode(deal, 1))
    .replaceAll(EXAMPLE_CODES.deal, deal);
  return JSON.parse(text) as ExchangeRecord;
}

export interface MessageOptions {
  readonly tender?: number;
  /** Fields set on (or, when undefined, removed from) the record before signing. */
  readonly record?: Readonly<Record<string, unknown>>;
  /** Envelope fields that differ from the defaults. */
  readonly envelope?: Partial<Omit<ExchangeMessage, 'record' | 'signature'>>;
  /** The data key to use instead of the record's own. */
  readonly dataKey?: string;
}

/** A message of `sender` to `hubCode`, signed with the sender's key. */
export async function signedMessage(
  sender: TestSender,
  hubCode: string,
  dataSetCode: string,
  orderSeq: number,
  options: MessageOptions = {},
): Promise<ExchangeMessage> {
  const record: Record<string, unknown> = {
    ...tenderRecord(dataSetCode, options.tender),
    PLATFORM_CODE: sender.platformCode,
    PUB_SERVICE_PLAT_CODE: hubCode,
  };
  for (const [name, value] of Object.entries(options.record ?? {})) {
    if (value === undefined) delete record[name];
    else record[name] = value;
  }
  const schema = dataSetSchema(dataSetCode)!;
  return signMessage(
    {
      version: PROTOCOL_VERSION,
      messageId: randomUUID(),
      dataSetCode,
      dataKey: options.dataKey ?? dataKeyOf(dataSetCode, record, 1),
      platformCode: sender.platformCode,
      hubCode,
      sentAt: '2026-03-02T09:00:05+08:00',
      orderKey: String(record[schema.orderKeyField]),
      orderSeq,
      record: record as ExchangeRecord,
      ...options.envelope,
    },
    sender.signing,
  );
}
