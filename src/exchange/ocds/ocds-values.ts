import { CST_OFFSET_MS } from '../../domain/cst.ts';
import type { Identifier, OrganizationReference, Party, PartyRole, Value } from './ocds-release.ts';
import type { OrganisationFacts } from './tender-facts.ts';

/**
 * The org-id.guide list of China's unified social credit identifiers (统一社会信用代码, GB 32100):
 * CN-USCI. (CN-SAIC, the older list of the State Administration for Industry and Commerce, covers
 * only the enterprises it registered and is to be deprecated in its favour.)
 */
export const CREDIT_CODE_SCHEME = 'CN-USCI';

/** An instant as RFC 3339 in China Standard Time: `2026-03-22T10:00:00+08:00`. */
export function ocdsDate(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an instant: ${iso}`);
  const wall = new Date(at.getTime() + CST_OFFSET_MS).toISOString();
  const seconds = wall.endsWith('.000Z') ? wall.slice(0, 19) : wall.slice(0, 23);
  return `${seconds}+08:00`;
}

/** Fen as an OCDS value: yuan, in CNY. */
export function yuan(fen: number): Value {
  return { amount: fen / 100, currency: 'CNY' };
}

/** OCDS party ids follow the identifier: `CN-USCI-<credit code>`. */
export function partyId(organisation: OrganisationFacts): string {
  return `${CREDIT_CODE_SCHEME}-${organisation.creditCode}`;
}

export function organisationReference(organisation: OrganisationFacts): OrganizationReference {
  return { id: partyId(organisation), name: organisation.name };
}

export function party(organisation: OrganisationFacts, roles: readonly PartyRole[]): Party {
  const identifier: Identifier = {
    scheme: CREDIT_CODE_SCHEME,
    id: organisation.creditCode,
    legalName: organisation.name,
  };
  return {
    ...organisationReference(organisation),
    identifier,
    address: organisation.region
      ? { region: organisation.region, countryName: '中国' }
      : { countryName: '中国' },
    roles,
  };
}

/** The instant strings compare as instants (they may differ in precision). */
export function atOrBefore(a: string, b: string): boolean {
  return Date.parse(a) <= Date.parse(b);
}
