import { cstTime } from '../../exchange/instants.ts';
import { validateRecord, type ExchangeRecord, type RecordValue } from '../../exchange/validate-record.ts';
import {
  awardResultRecords,
  contractRecords,
  exceptionRecords,
  guaranteeRecords,
} from './outbox-records-award.ts';
import {
  loadTender,
  type Db,
  type OutboxRow,
  type RecordFields,
  type RecordsOf,
  type SenderIdentity,
} from './outbox-records-context.ts';
import {
  candidateRecords,
  evaluationDetailRecords,
  evaluationReportRecords,
  openedBidRecords,
  openingRecordRecords,
  publicityRecords,
} from './outbox-records-evaluation.ts';
import {
  announcementRecords,
  clarificationRecords,
  invitationRecords,
  sectionRecords,
  tenderProjectRecords,
} from './outbox-records-publication.ts';

import { ENTITY_DATA_SET_CODES, entityRecords } from './outbox-records-entity.ts';

export type { OutboxRow, SenderIdentity } from './outbox-records-context.ts';

export interface OutboxRecord {
  readonly dataSetCode: string;
  readonly record: ExchangeRecord;
}

/**
 * 400 is 监督事项, an item of a supervisor's published list of duties: only supervision platforms
 * send it, keyed by its item code. The written report to the supervisor (法 47) that the trading
 * platform files under 400 has no data set in protocol version 1, so it is not exchanged.
 */
const notExchanged: RecordsOf = async () => [];

/** The records of each data-set code the trading platform writes to its outbox. */
const RECORDS_OF: Readonly<Record<string, RecordsOf>> = {
  '400': notExchanged,
  '501': tenderProjectRecords,
  '502': sectionRecords,
  '503': announcementRecords,
  '504': clarificationRecords,
  '505': invitationRecords,
  '506': openingRecordRecords,
  '507': openedBidRecords,
  '509': evaluationReportRecords,
  '510': candidateRecords,
  '511': publicityRecords,
  '512': contractRecords,
  '513': awardResultRecords,
  '517': exceptionRecords,
  '520': evaluationDetailRecords,
  '523': guaranteeRecords,
};

/** The data-set codes `outboxRecords` maps (some to no record). */
export const MAPPED_DATA_SET_CODES: readonly string[] = [
  ...ENTITY_DATA_SET_CODES,
  ...Object.keys(RECORDS_OF),
].sort();

/**
 * A data set's own fields between the tender's codes and the common trailing fields. The
 * platform's tender number is its deal code (docs/exchange.md), which is also every record's
 * order key: the messages of one tender are applied in order. The record's time is the row's.
 */
function recordOf(row: OutboxRow, dealCode: string, identity: SenderIdentity, own: RecordFields) {
  const record: Record<string, RecordValue> = { UNIFIED_DEAL_CODE: dealCode, TENDER_PROJECT_CODE: dealCode };
  for (const [name, value] of Object.entries(own)) if (value !== undefined) record[name] = value;
  record.PLATFORM_CODE = identity.platformCode;
  record.PUB_SERVICE_PLAT_CODE = identity.hubCode;
  record.DATA_TIMESTAMP = cstTime(new Date(row.createdAt));
  return record;
}

/**
 * The data-set records an outbox row becomes (usually one; several for a row about many things —
 * the sections of an opening, the bidders read out, the invitees, the scores; [] for an event that
 * is not exchanged). Reads what the trading database holds to fill the fields the payload lacks.
 * Every record returned is valid for its data set: one that is not is a mapping error and throws,
 * as does a row of a data-set code with no mapping.
 */
export async function outboxRecords(
  db: Db,
  row: OutboxRow,
  identity: SenderIdentity,
): Promise<OutboxRecord[]> {
  if (ENTITY_DATA_SET_CODES.includes(row.dataSetCode)) {
    return entityRecords(row, identity).map((record) => ({ dataSetCode: row.dataSetCode, record }));
  }
  const recordsOf = RECORDS_OF[row.dataSetCode];
  if (!recordsOf) {
    throw new Error(`outbox row ${row.seq} (${row.eventType}): no mapping for data set ${row.dataSetCode}`);
  }
  const tender = await loadTender(db, row);
  const payload = JSON.parse(row.payload) as unknown;
  const fields = await recordsOf({ db, row, payload, tender, identity });
  return fields.map((own) => {
    const record = recordOf(row, tender.project.dealCode, identity, own);
    const errors = validateRecord(row.dataSetCode, record);
    if (errors.length > 0) {
      const problems = errors.map((e) => `${e.path} ${e.code}`).join(', ');
      throw new Error(
        `outbox row ${row.seq} (${row.eventType}): invalid ${row.dataSetCode} record: ${problems}`,
      );
    }
    return { dataSetCode: row.dataSetCode, record };
  });
}
