import type { Selectable } from 'kysely';
import type { CommitteeRequirement } from '../../domain/evaluation/committee-rules.ts';
import { type DrawLog, drawLog } from '../../domain/evaluation/expert-draw.ts';
import type { InterestedParties } from '../../domain/evaluation/expert-recusal.ts';
import { AppError } from '../../domain/errors.ts';
import type { ExpertTables } from '../expert-tables.ts';
import { relatedOrganisationIds } from '../projects/organisation-relations.ts';
import type { TradingDb, TradingTrx } from '../schema.ts';

export type CommitteeRequestRow = Selectable<ExpertTables['committeeRequest']>;
export type DrawPartyRow = Selectable<ExpertTables['drawParty']>;
export type SeatRow = Selectable<ExpertTables['committeeSeat']>;

export async function findCommitteeRequest(
  db: TradingDb | TradingTrx,
  sectionId: string,
): Promise<CommitteeRequestRow | undefined> {
  return db.selectFrom('committeeRequest').selectAll().where('sectionId', '=', sectionId).executeTakeFirst();
}

/** The section's committee request, or NOT_FOUND. */
export async function committeeRequestOf(
  db: TradingDb | TradingTrx,
  sectionId: string,
): Promise<CommitteeRequestRow> {
  const request = await findCommitteeRequest(db, sectionId);
  if (!request) throw new AppError('NOT_FOUND');
  return request;
}

export function requirementsOf(request: CommitteeRequestRow): CommitteeRequirement[] {
  return JSON.parse(request.requirements) as CommitteeRequirement[];
}

export function drawLogOf(request: CommitteeRequestRow): DrawLog {
  if (!request.drawLog)
    throw new AppError('INVALID_STATE', { state: request.status, action: 'read draw log' });
  return drawLog.parse(JSON.parse(request.drawLog));
}

export function assertStatus(request: CommitteeRequestRow, status: string, action: string): void {
  if (request.status !== status) throw new AppError('INVALID_STATE', { state: request.status, action });
}

export function partiesOf(db: TradingDb | TradingTrx, requestId: string): Promise<DrawPartyRow[]> {
  return db.selectFrom('drawParty').selectAll().where('requestId', '=', requestId).execute();
}

export function seatsOf(db: TradingDb | TradingTrx, requestId: string): Promise<SeatRow[]> {
  return db
    .selectFrom('committeeSeat')
    .selectAll()
    .where('requestId', '=', requestId)
    .orderBy('seat')
    .orderBy('step')
    .execute();
}

/** The section, with its project's tenderer and agency. */
export async function sectionWithProject(db: TradingDb | TradingTrx, sectionId: string) {
  const row = await db
    .selectFrom('tenderSection as s')
    .innerJoin('tenderProject as p', 'p.id', 's.projectId')
    .select([
      's.id as sectionId',
      's.projectId',
      's.resultPublishedAt',
      'p.tendererOrganisationId',
      'p.agencyOrganisationId',
      'p.cipherSuite',
    ])
    .where('s.id', '=', sectionId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function bidderOrganisationIdsOf(
  db: TradingDb | TradingTrx,
  sectionId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('bid')
    .select('bidderOrganisationId')
    .distinct()
    .where('sectionId', '=', sectionId)
    .where('status', '=', 'current')
    .execute();
  return rows.map((r) => r.bidderOrganisationId).sort();
}

/**
 * Everyone with an interest in the section, with the relations recorded for C9 (same head,
 * control) and the experts who declared a conflict with it after being drawn.
 */
export async function interestedPartiesOf(
  db: TradingDb | TradingTrx,
  section: { sectionId: string; tendererOrganisationId: string; agencyOrganisationId: string | null },
  requestId: string,
): Promise<InterestedParties> {
  const bidders = await bidderOrganisationIdsOf(db, section.sectionId);
  const parties = [
    section.tendererOrganisationId,
    ...(section.agencyOrganisationId ? [section.agencyOrganisationId] : []),
    ...bidders,
  ];
  const related = new Map<string, string[]>();
  for (const org of parties) related.set(org, await relatedOrganisationIds(db as TradingDb, org));
  const heads = await db
    .selectFrom('organisationRelation')
    .select(['organisationId', 'personIdHash'])
    .where('kind', '=', 'head')
    .where('organisationId', 'in', parties)
    .execute();
  const declared = await db
    .selectFrom('committeeSeat')
    .select('expertId')
    .where('requestId', '=', requestId)
    .where('vacatedReason', '=', 'declared_conflict')
    .execute();
  return {
    tendererOrganisationId: section.tendererOrganisationId,
    agencyOrganisationId: section.agencyOrganisationId,
    bidderOrganisationIds: bidders,
    relatedOrganisationIds: related,
    headIdNumberHashes: new Map(
      heads.filter((h) => h.personIdHash).map((h) => [h.organisationId, h.personIdHash!] as const),
    ),
    declaredExpertIds: new Set(declared.map((d) => d.expertId)),
  };
}
