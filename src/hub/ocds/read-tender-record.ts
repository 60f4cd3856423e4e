import type { MergeRules } from '../../exchange/ocds/merge-releases.ts';
import { exportMergeRules, recordOf, type OcdsRecord } from '../../exchange/ocds/ocds-packages.ts';
import { tenderReleases } from '../../exchange/ocds/tender-releases.ts';
import type { Db } from '../../store/schema.ts';
import { dealCodeOfOcid, HUB_OCID_PREFIX } from './hub-ocids.ts';
import { receivedRecords } from './ocds-inbox-repository.ts';
import { packageMetadata, type HubPackageContext } from './package-metadata.ts';
import { tenderFactsFromRecords } from './tender-facts-from-records.ts';

let rules: MergeRules | null = null;

/** The record of one of the hub's ocids: its releases and their compiled release; null when unknown. */
export async function readTenderRecord(db: Db, ocid: string): Promise<OcdsRecord | null> {
  const dealCode = dealCodeOfOcid(ocid);
  if (dealCode === null) return null;
  const records = await receivedRecords(db, [dealCode]);
  const facts = tenderFactsFromRecords(dealCode, records.get(dealCode) ?? []);
  if (!facts) return null;
  rules ??= exportMergeRules();
  return recordOf(tenderReleases(facts, { ocidPrefix: HUB_OCID_PREFIX }), rules);
}

/** A record package holding one record. */
export function recordPackageOf(record: OcdsRecord, context: HubPackageContext) {
  return {
    ...packageMetadata(
      context,
      record.releases.map((r) => r.date),
    ),
    records: [record],
  };
}
