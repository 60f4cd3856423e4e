import { ocdsDate } from '../../exchange/ocds/ocds-values.ts';
import { BID_EXTENSION_URL, OCDS_VERSION } from '../../exchange/ocds/ocds-schemas.ts';

/** Where a package is served, and by whom. */
export interface HubPackageContext {
  /** The absolute URL the package was asked for: its `uri`. */
  readonly uri: string;
  readonly publisher: string;
  /** The hub's time, the package's date when it holds no release. */
  readonly now: Date;
}

/**
 * The metadata every package the hub serves starts with, as `zhaocai ocds export` writes it;
 * `publishedDate` is the date of its latest release (OCDS: a package generated on demand is dated
 * by the last change of its contents).
 */
export function packageMetadata(context: HubPackageContext, dates: readonly string[]) {
  const latest = dates.reduce<string | null>(
    (max, date) => (max === null || Date.parse(date) > Date.parse(max) ? date : max),
    null,
  );
  return {
    uri: context.uri,
    version: OCDS_VERSION,
    extensions: [BID_EXTENSION_URL],
    publisher: { name: context.publisher },
    publishedDate: latest ?? ocdsDate(context.now.toISOString()),
  };
}
