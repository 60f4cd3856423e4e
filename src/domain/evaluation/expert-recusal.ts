/**
 * Who must stay off a section's committee (C6, 法 37, 条例 46): experts with an interest in the
 * tender. Pure: the caller supplies the parties, their relations and the experts' declarations.
 */
export const RECUSAL_GROUNDS = [
  'employed_by_tenderer',
  'employed_by_agency',
  'employed_by_bidder',
  'head_of_party',
  'employer_related',
  'declared_conflict',
] as const;
export type RecusalGround = (typeof RECUSAL_GROUNDS)[number];

export const RECUSAL_TEXT: Readonly<Record<RecusalGround, { readonly zh: string; readonly en: string }>> = {
  employed_by_tenderer: { zh: '任职于招标人', en: 'employed by the tenderer' },
  employed_by_agency: { zh: '任职于招标代理机构', en: 'employed by the tendering agency' },
  employed_by_bidder: { zh: '任职于本标段的投标人', en: 'employed by a bidder of the section' },
  head_of_party: {
    zh: '本人是招标人、代理机构或投标人的单位负责人',
    en: 'is the head of the tenderer, the agency or a bidder',
  },
  employer_related: {
    zh: '所在单位与招标人、代理机构或投标人存在控股、管理关系或单位负责人相同',
    en: 'employer controls, is controlled by or shares its head with the tenderer, the agency or a bidder',
  },
  declared_conflict: { zh: '本人申报存在利害关系', en: 'declared a conflict of interest' },
};

export interface RecusalCandidate {
  readonly expertId: string;
  readonly employerOrganisationId: string | null;
  /** SHA-256 of the normalised ID number, as organisation heads are recorded. */
  readonly idNumberHash: string;
  /** Organisations the expert declared an interest in. */
  readonly declaredConflictOrganisationIds: readonly string[];
}

export interface InterestedParties {
  readonly tendererOrganisationId: string;
  readonly agencyOrganisationId: string | null;
  readonly bidderOrganisationIds: readonly string[];
  /** For each party: the organisations with the same head or a control relation (C9's relation). */
  readonly relatedOrganisationIds: ReadonlyMap<string, readonly string[]>;
  /** For each party that recorded one: the ID-number hash of its head. */
  readonly headIdNumberHashes: ReadonlyMap<string, string>;
  /** Experts who declared a conflict with this section itself. */
  readonly declaredExpertIds: ReadonlySet<string>;
}

export interface Recusal {
  readonly expertId: string;
  readonly ground: RecusalGround;
  /** The party the interest is in; null for a declaration about the section as a whole. */
  readonly organisationId: string | null;
  readonly text: { readonly zh: string; readonly en: string };
}

function partiesOf(parties: InterestedParties): string[] {
  return [
    parties.tendererOrganisationId,
    ...(parties.agencyOrganisationId ? [parties.agencyOrganisationId] : []),
    ...parties.bidderOrganisationIds,
  ];
}

function groundOf(
  expert: RecusalCandidate,
  parties: InterestedParties,
): { ground: RecusalGround; organisationId: string | null } | null {
  const employer = expert.employerOrganisationId;
  if (employer === parties.tendererOrganisationId) {
    return { ground: 'employed_by_tenderer', organisationId: employer };
  }
  if (employer !== null && employer === parties.agencyOrganisationId) {
    return { ground: 'employed_by_agency', organisationId: employer };
  }
  if (employer !== null && parties.bidderOrganisationIds.includes(employer)) {
    return { ground: 'employed_by_bidder', organisationId: employer };
  }
  const all = partiesOf(parties);
  const headed = all.find((org) => parties.headIdNumberHashes.get(org) === expert.idNumberHash);
  if (headed) return { ground: 'head_of_party', organisationId: headed };
  if (employer !== null) {
    const related = all.find((org) => parties.relatedOrganisationIds.get(org)?.includes(employer));
    if (related) return { ground: 'employer_related', organisationId: related };
  }
  const declared = all.find((org) => expert.declaredConflictOrganisationIds.includes(org));
  if (declared) return { ground: 'declared_conflict', organisationId: declared };
  if (parties.declaredExpertIds.has(expert.expertId)) {
    return { ground: 'declared_conflict', organisationId: null };
  }
  return null;
}

/** Every expert that must recuse, with the first ground found (employment before relations). */
export function recusalsOf(experts: readonly RecusalCandidate[], parties: InterestedParties): Recusal[] {
  const recusals: Recusal[] = [];
  for (const expert of experts) {
    const found = groundOf(expert, parties);
    if (found) recusals.push({ expertId: expert.expertId, ...found, text: RECUSAL_TEXT[found.ground] });
  }
  return recusals;
}
