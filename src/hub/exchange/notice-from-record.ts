import { hashHex } from '../../crypto/hash.ts';
import { fenFromYuan } from '../../exchange/amounts.ts';
import type { ExchangeMessage } from '../../exchange/message.ts';
import type { ExchangeRecord } from '../../exchange/validate-record.ts';
import type { NewNotice } from '../notices/notice-repository.ts';
import { NOTICE_DATA_SETS, type NoticeType } from '../notices/notice-types.ts';

const TYPE_OF_DATA_SET: ReadonlyMap<string, NoticeType> = new Map(
  Object.entries(NOTICE_DATA_SETS).map(([type, code]) => [code, type as NoticeType]),
);

/** The notice type a data set publishes, or undefined when it publishes none. */
export function noticeTypeOf(dataSetCode: string): NoticeType | undefined {
  return TYPE_OF_DATA_SET.get(dataSetCode);
}

/** What the hub knows of a tender from its project (501) and section (502) records. */
export interface TenderFacts {
  readonly regionCode: string | null;
  readonly industryCode: string | null;
  readonly procedure: string | null;
  /** The sections' estimated contract prices, in fen, by section code. */
  readonly sectionPrices: ReadonlyMap<string, number>;
}

const str = (record: ExchangeRecord, name: string): string | null => {
  const value = record[name];
  return typeof value === 'string' && value !== '' ? value : null;
};

/** The facts of a tender from its records so far, in the order they were applied. */
export function tenderFactsOf(
  records: readonly { dataSetCode: string; record: ExchangeRecord }[],
): TenderFacts {
  let regionCode: string | null = null;
  let industryCode: string | null = null;
  let procedure: string | null = null;
  const sectionPrices = new Map<string, number>();
  for (const { dataSetCode, record } of records) {
    if (dataSetCode === '501') {
      regionCode = str(record, 'REGION_CODE') ?? regionCode;
      industryCode = str(record, 'TENDER_PROJECT_TYPE') ?? industryCode;
      procedure = str(record, 'TENDER_MODE') ?? procedure;
    } else if (dataSetCode === '502') {
      const section = str(record, 'BID_SECTION_CODE');
      const price = str(record, 'CONTRACT_RECKON_PRICE') ?? str(record, 'CONTROL_PRICE');
      if (section && price) sectionPrices.set(section, fenFromYuan(price));
      regionCode ??= str(record, 'REGION_CODE');
    }
  }
  return { regionCode, industryCode, procedure, sectionPrices };
}

const firstOf = (record: ExchangeRecord, names: readonly string[]): string | null => {
  for (const name of names) {
    const value = str(record, name);
    if (value) return value;
  }
  return null;
};

/**
 * The public notice of a message, or null when its data set publishes none. Its id is the same at
 * every hub that publishes it: derived from the originating platform and the data key.
 */
export function noticeFromMessage(
  message: ExchangeMessage,
  facts: TenderFacts,
  hubRegionCode: string,
  receivedAt: string,
): NewNotice | null {
  const noticeType = noticeTypeOf(message.dataSetCode);
  if (!noticeType) return null;
  const { record } = message;
  const origin = str(record, 'PLATFORM_CODE') ?? message.platformCode;
  const sectionCodes = Array.isArray(record.BID_SECTION_CODES)
    ? (record.BID_SECTION_CODES as string[])
    : str(record, 'BID_SECTION_CODE')
      ? [str(record, 'BID_SECTION_CODE')!]
      : [];
  const title =
    firstOf(record, ['NOTICE_NAME', 'EXCEPTION_NAME', 'CONTRACT_NAME']) ??
    `${message.dataSetCode} ${message.dataKey}`;
  const body = [
    firstOf(record, ['EXCEPTION_REASON']),
    firstOf(record, ['NOTICE_CONTENT', 'OPENING_CONTENT']),
    message.dataSetCode === '512' || message.dataSetCode === '513'
      ? [str(record, 'WIN_BIDDER_NAME'), str(record, 'CONTRACT_AMOUNT') ?? str(record, 'BID_AMOUNT')]
          .filter(Boolean)
          .join(' ')
      : null,
  ]
    .filter((part): part is string => Boolean(part))
    .join('\n\n');
  const ownAmount = firstOf(record, ['CONTRACT_AMOUNT', 'BID_AMOUNT']);
  const sectionSum = sectionCodes.reduce((sum, code) => sum + (facts.sectionPrices.get(code) ?? 0), 0);
  const amountFen = ownAmount ? fenFromYuan(ownAmount) : sectionSum > 0 ? sectionSum : null;
  return {
    id: `n${hashHex(`${origin}\u0000${message.dataKey}`).slice(0, 24)}`,
    platformCode: origin,
    dataSetCode: message.dataSetCode,
    dataKey: message.dataKey,
    noticeType,
    title,
    body: body || title,
    regionCode: str(record, 'REGION_CODE') ?? facts.regionCode ?? hubRegionCode,
    industryCode: facts.industryCode,
    procedure: facts.procedure,
    unifiedDealCode: str(record, 'UNIFIED_DEAL_CODE'),
    tenderProjectCode: str(record, 'TENDER_PROJECT_CODE'),
    sectionCodes,
    amountFen,
    currency: amountFen === null ? null : (str(record, 'CURRENCY_CODE') ?? 'CNY'),
    publishedAt:
      firstOf(record, [
        'NOTICE_SEND_TIME',
        'PUBLICITY_START_TIME',
        'EXCEPTION_TIME',
        'BID_OPEN_TIME',
        'CONTRACT_SIGN_TIME',
      ]) ??
      str(record, 'DATA_TIMESTAMP') ??
      receivedAt,
    receivedAt,
  };
}
