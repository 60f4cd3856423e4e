import type { Role } from '../../domain/roles.ts';
import type { OrganisationRow, Trx } from '../../store/schema.ts';
import { appendOutbox } from '../outbox.ts';
import { tradingTrx } from '../schema.ts';

/** The entity data set each capacity is reported in, after the legal person record (100). */
const CAPACITY_DATA_SETS: Partial<Record<Role, '101' | '102' | '103'>> = {
  tenderer: '101',
  agency: '102',
  bidder: '103',
};

/**
 * The kind of legal person (code list legalType) a credit code's first two characters give
 * (GB 32100-2015: registering authority, then category): 机构编制 1-1 机关, 1-2 事业单位;
 * 民政 5-x 社会组织; 工商 9-x 企业. Anything else is 9 (other).
 */
export function legalTypeOfCreditCode(creditCode: string): '1' | '2' | '3' | '4' | '9' {
  const authority = creditCode.charAt(0);
  const category = creditCode.charAt(1);
  if (authority === '1' && category === '1') return '3';
  if (authority === '1' && category === '2') return '2';
  if (authority === '5') return '4';
  if (authority === '9') return '1';
  return '9';
}

/** The payload of an entity outbox row (data set 100, and 101–103 with `role`). */
export interface EntityOutboxPayload {
  readonly creditCode: string;
  readonly name: string;
  readonly legalRepresentative: string | null;
  /** The organisation's free-text region as entered, if any. */
  readonly region: string | null;
  /** GB/T 2260 region of the registering authority: characters 3–8 of the credit code. */
  readonly regionCode: string;
  /** Code list legalType, from the credit code (`legalTypeOfCreditCode`). */
  readonly legalType: string;
  /** Code list legalStatus: '1' (存续), an organisation that registers is active. */
  readonly legalStatus: '1';
  readonly registeredAt: string;
  /** Only in rows 101–103: the capacity the row reports. */
  readonly role?: 'tenderer' | 'agency' | 'bidder';
}

/**
 * Queues the organisation for the hub's entity register, in the registration's transaction: a
 * legal person row (100) unless the hub already registers it (`legalPerson` false), and one row
 * per capacity it registers in (101 tenderer, 102 agency, 103 bidder).
 */
export async function appendEntityOutbox(
  trx: Trx,
  organisation: OrganisationRow,
  options: { readonly roles: readonly Role[]; readonly legalPerson: boolean },
  at: Date,
): Promise<void> {
  const payload: EntityOutboxPayload = {
    creditCode: organisation.creditCode,
    name: organisation.name,
    legalRepresentative: organisation.legalRepresentative,
    region: organisation.region,
    regionCode: organisation.creditCode.slice(2, 8),
    legalType: legalTypeOfCreditCode(organisation.creditCode),
    legalStatus: '1',
    registeredAt: organisation.createdAt,
  };
  const row = (dataSetCode: string, body: EntityOutboxPayload) => ({
    eventType: 'organisation.registered',
    dataSetCode,
    aggregateType: 'organisation',
    aggregateId: organisation.id,
    payload: body,
  });
  if (options.legalPerson) await appendOutbox(tradingTrx(trx), row('100', payload), at);
  for (const role of new Set(options.roles)) {
    const dataSetCode = CAPACITY_DATA_SETS[role];
    if (!dataSetCode) continue;
    await appendOutbox(
      tradingTrx(trx),
      row(dataSetCode, { ...payload, role: role as 'tenderer' | 'agency' | 'bidder' }),
      at,
    );
  }
}
