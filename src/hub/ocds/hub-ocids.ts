import { ocidOf } from '../../exchange/ocds/tender-releases.ts';

/**
 * The hub's ocid prefix: the same unregistered default as `zhaocai ocds export` (docs/ocds.md), so
 * a tender has one ocid whether exported from its transaction platform or read from the hub. A hub
 * that publishes for real registers its own prefix with the Open Contracting Partnership.
 */
export const HUB_OCID_PREFIX = 'ocds-zhaocai';

export function hubOcidOf(dealCode: string): string {
  return ocidOf(HUB_OCID_PREFIX, dealCode);
}

/** The deal code an ocid of this hub names, or null when it is not one of the hub's ocids. */
export function dealCodeOfOcid(ocid: string): string | null {
  const prefix = `${HUB_OCID_PREFIX}-`;
  return ocid.startsWith(prefix) && ocid.length > prefix.length ? ocid.slice(prefix.length) : null;
}
