import { cstTime } from '../../exchange/instants.ts';
import { validateRecord, type ExchangeRecord } from '../../exchange/validate-record.ts';
import type { EntityOutboxPayload } from '../entities/entity-outbox.ts';
import type { OutboxRow, SenderIdentity } from './outbox-records-context.ts';

/** The entity data sets an organisation's registration is reported in (主体注册共享). */
export const ENTITY_DATA_SET_CODES: readonly string[] = ['100', '101', '102', '103'];

/**
 * The record of an organisation's registration: 100 for the legal person, 101–103 for the capacity
 * it registered in. A legal person without a recorded legal representative is not reported in 100
 * (the field is required and the platform does not have it); its 101–103 record still registers it.
 */
export function entityRecords(row: OutboxRow, identity: SenderIdentity): ExchangeRecord[] {
  const payload = JSON.parse(row.payload) as EntityOutboxPayload;
  const common = {
    LEGAL_CODE: payload.creditCode,
    LEGAL_NAME: payload.name,
    REGION_CODE: payload.regionCode,
  };
  const trailing = {
    PLATFORM_CODE: identity.platformCode,
    PUB_SERVICE_PLAT_CODE: identity.hubCode,
    DATA_TIMESTAMP: cstTime(new Date(row.createdAt)),
  };
  let record: ExchangeRecord;
  if (row.dataSetCode === '100') {
    if (!payload.legalRepresentative) return [];
    record = {
      ...common,
      LEGAL_TYPE: payload.legalType,
      LEGAL_REPRESENT: payload.legalRepresentative,
      LEGAL_STATUS: payload.legalStatus,
      ...trailing,
    };
  } else {
    record = { ...common, REGISTER_TIME: cstTime(new Date(payload.registeredAt)), ...trailing };
  }
  const errors = validateRecord(row.dataSetCode, record);
  if (errors.length > 0) {
    const problems = errors.map((e) => `${e.path} ${e.code}`).join(', ');
    throw new Error(
      `outbox row ${row.seq} (${row.eventType}): invalid ${row.dataSetCode} record: ${problems}`,
    );
  }
  return [record];
}
