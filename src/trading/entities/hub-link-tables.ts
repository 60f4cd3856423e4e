import type { Kysely, Transaction } from 'kysely';
import type { CommonTables, Db, Trx } from '../../store/schema.ts';

export type HubLinkStatus = 'linked' | 'new' | 'unchecked';

/** An organisation's standing at the hub's entity register (migration 0018). */
export interface OrganisationHubLinkTable {
  organisationId: string;
  creditCode: string;
  status: HubLinkStatus;
  /** The entity version the organisation's name and legal representative match; null: none yet. */
  hubVersion: number | null;
  /**
   * 1 once a round of the subscription looked the entity up after it was among the followed codes:
   * a round already reading when it signed up may have moved the cursor past its changes.
   */
  following: number;
  checkedAt: string;
}

/** The one row (id 1): where the subscription to the register's changes resumes. */
export interface HubEntitySubscriptionTable {
  id: number;
  cursor: string | null;
  updatedAt: string | null;
}

export interface HubLinkTables extends CommonTables {
  organisationHubLink: OrganisationHubLinkTable;
  hubEntitySubscription: HubEntitySubscriptionTable;
}

/** The use-case context carries the common schema; this code sees its own tables too. */
export function hubLinkDb(db: Db): Kysely<HubLinkTables> {
  return db as unknown as Kysely<HubLinkTables>;
}
export function hubLinkTrx(trx: Trx): Transaction<HubLinkTables> {
  return trx as unknown as Transaction<HubLinkTables>;
}
