import type { Release } from '../../exchange/ocds/ocds-release.ts';
import { tenderReleases } from '../../exchange/ocds/tender-releases.ts';
import type { Db } from '../../store/schema.ts';
import { HUB_OCID_PREFIX } from './hub-ocids.ts';
import { receivedRecords, tendersAfter } from './ocds-inbox-repository.ts';
import { packageMetadata, type HubPackageContext } from './package-metadata.ts';
import { tenderFactsFromRecords } from './tender-facts-from-records.ts';

/** At most this many tenders a bulk page. */
export const OCDS_PAGE_LIMIT_MAX = 100;

export interface ReleasePage {
  /** Every published stage of each tender of the page, tender by tender in feed order. */
  readonly releases: readonly Release[];
  readonly tenders: number;
  /** The position to continue after, when more tenders follow. */
  readonly nextAfter: number | null;
}

/** The releases of up to `limit` tenders after position `after`, in the hub's feed order. */
export async function readReleasePage(
  db: Db,
  options: { readonly after: number; readonly limit: number },
): Promise<ReleasePage> {
  const positions = await tendersAfter(db, options.after, options.limit + 1);
  const page = positions.slice(0, options.limit);
  const records = await receivedRecords(
    db,
    page.map((p) => p.dealCode),
  );
  let tenders = 0;
  const releases = page.flatMap(({ dealCode }) => {
    const facts = tenderFactsFromRecords(dealCode, records.get(dealCode) ?? []);
    if (!facts) return [];
    tenders += 1;
    return tenderReleases(facts, { ocidPrefix: HUB_OCID_PREFIX });
  });
  const more = positions.length > options.limit;
  return { releases, tenders, nextAfter: more ? page[page.length - 1]!.position : null };
}

/** A release package of a page; `next` is the address of the page after it, when there is one. */
export function releasePackageOf(page: ReleasePage, context: HubPackageContext, next: string | null) {
  return {
    ...packageMetadata(
      context,
      page.releases.map((r) => r.date),
    ),
    releases: page.releases,
    ...(next ? { links: { next } } : {}),
  };
}
