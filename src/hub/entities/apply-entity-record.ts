import type { ExchangeRecord } from '../../exchange/validate-record.ts';
import type { Trx } from '../../store/schema.ts';
import {
  ENTITY_KINDS,
  findEntity,
  lockEntityRegister,
  saveEntityChange,
  type Entity,
  type EntityChange,
  type EntityField,
  type EntityFieldChanges,
  type EntityKind,
} from './entity-repository.ts';

/** The entity data sets the register is built from, and the capacity each adds. */
const KIND_OF: Readonly<Record<string, EntityKind | null>> = {
  '100': null,
  '101': 'tenderer',
  '102': 'agency',
  '103': 'bidder',
};

export function isEntityRecordDataSet(dataSetCode: string): boolean {
  return dataSetCode in KIND_OF;
}

const text = (record: ExchangeRecord, field: string): string | null => {
  const value = record[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

/**
 * What the record says about the entity. The legal person record (100) is the authority for the
 * name, legal representative, kind and status; a capacity record (101–103) adds its capacity and
 * gives the name and region only to an entity the hub does not know yet.
 */
function proposedState(
  current: Entity | undefined,
  dataSetCode: string,
  record: ExchangeRecord,
): Omit<Entity, 'creditCode' | 'firstPlatformCode' | 'version' | 'registeredAt' | 'updatedAt'> {
  const kind = KIND_OF[dataSetCode];
  const kinds = new Set<EntityKind>(current?.kinds ?? []);
  if (kind) kinds.add(kind);
  const base = {
    name: current?.name ?? text(record, 'LEGAL_NAME') ?? '',
    kinds: ENTITY_KINDS.filter((k) => kinds.has(k)),
    legalType: current?.legalType ?? null,
    legalStatus: current?.legalStatus ?? null,
    regionCode: current?.regionCode ?? text(record, 'REGION_CODE') ?? '',
    legalRepresentative: current?.legalRepresentative ?? null,
  };
  if (dataSetCode !== '100') return base;
  return {
    ...base,
    name: text(record, 'LEGAL_NAME') ?? base.name,
    legalType: text(record, 'LEGAL_TYPE') ?? base.legalType,
    legalStatus: text(record, 'LEGAL_STATUS') ?? base.legalStatus,
    regionCode: text(record, 'REGION_CODE') ?? base.regionCode,
    legalRepresentative: text(record, 'LEGAL_REPRESENT') ?? base.legalRepresentative,
  };
}

const FIELDS: readonly EntityField[] = [
  'name',
  'kinds',
  'legalType',
  'legalStatus',
  'regionCode',
  'legalRepresentative',
];

function fieldChanges(
  current: Entity | undefined,
  next: ReturnType<typeof proposedState>,
): EntityFieldChanges {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of FIELDS) {
    const from = current ? current[field] : null;
    const to = next[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes as EntityFieldChanges;
}

/**
 * Applies one entity record (data set 100–103, already checked by the inbox) from platform
 * `origin` to the register, inside the transaction that applies its exchange message. Creates the
 * entity or updates it; bumps its version and writes a change only when something changed, so
 * applying the same record again changes nothing. Returns the change, or null when there was none
 * (or the data set is not an entity record).
 */
export async function applyEntityRecord(
  trx: Trx,
  origin: { readonly platformCode: string },
  dataSetCode: string,
  record: ExchangeRecord,
  at: Date,
): Promise<EntityChange | null> {
  const creditCode = text(record, 'LEGAL_CODE');
  if (!isEntityRecordDataSet(dataSetCode) || !creditCode) return null;
  const seq = await lockEntityRegister(trx);
  const current = await findEntity(trx, creditCode);
  const next = proposedState(current, dataSetCode, record);
  const changes = fieldChanges(current, next);
  if (Object.keys(changes).length === 0) return null;

  const when = at.toISOString();
  const entity: Entity = {
    creditCode,
    ...next,
    firstPlatformCode: current?.firstPlatformCode ?? origin.platformCode,
    version: (current?.version ?? 0) + 1,
    registeredAt: current?.registeredAt ?? when,
    updatedAt: when,
  };
  const change: EntityChange = {
    seq,
    creditCode,
    version: entity.version,
    dataSetCode,
    changes,
    platformCode: origin.platformCode,
    at: when,
  };
  await saveEntityChange(trx, entity, change, !current);
  return change;
}
