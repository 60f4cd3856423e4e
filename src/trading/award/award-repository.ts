import type { Selectable } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import type { AwardContext, Publicity, RankedCandidate } from '../../domain/evaluation/award-rules.ts';
import { announcementInForce } from '../announcement-in-force.ts';
import type { AwardTables } from '../award-tables.ts';
import {
  findFinalEvaluationReport,
  type FinalEvaluationReport,
} from '../evaluation/evaluation-report-repository.ts';
import { findProject, type ProjectWithNames } from '../projects/project-repository.ts';
import type { TradingDb, TradingTrx } from '../schema.ts';
import type { AwardRevocationTables } from './revocation-tables.ts';

export type PublicityRow = Selectable<AwardTables['awardPublicity']>;
export type ObjectionRow = Selectable<AwardTables['awardObjection']>;
export type StandingRow = Selectable<AwardTables['awardCandidateStanding']>;
export type DecisionRow = Selectable<AwardTables['awardDecision']>;
export type ContractRow = Selectable<AwardTables['awardContract']>;
export type SupervisorReportRow = Selectable<AwardTables['awardSupervisorReport']>;
export type RefundRow = Selectable<AwardTables['bidBondRefund']>;
export type RevocationRow = Selectable<AwardRevocationTables['awardRevocation']>;

export interface SectionBid {
  readonly bidId: string;
  readonly bidderOrganisationId: string;
  readonly bidderName: string;
  /** 'current' or 'withdrawn' (a replaced bid's bond carries over to its replacement). */
  readonly status: string;
  readonly bondAmountFen: number;
  readonly withdrawnAt: string | null;
}

/** Everything the award of one section depends on, read in one go. */
export interface AwardState {
  readonly project: ProjectWithNames;
  readonly section: { id: string; code: string; name: string; bidBondFen: number };
  readonly bidDeadline: string | null;
  readonly report: FinalEvaluationReport | undefined;
  readonly publicity: PublicityRow | undefined;
  readonly objections: readonly ObjectionRow[];
  readonly standings: readonly StandingRow[];
  /** The award in force; a revoked award is among `revocations`. */
  readonly decision: DecisionRow | undefined;
  /** Awards revoked after the award notice (条例 55, 74), oldest first. */
  readonly revocations: readonly RevocationRow[];
  readonly contract: ContractRow | undefined;
  readonly supervisorReport: SupervisorReportRow | undefined;
  readonly bids: readonly SectionBid[];
  readonly refunds: readonly RefundRow[];
}

export async function loadAwardState(db: TradingDb | TradingTrx, sectionId: string): Promise<AwardState> {
  const section = await db
    .selectFrom('tenderSection')
    .select(['id', 'projectId', 'code', 'name', 'bidBondFen'])
    .where('id', '=', sectionId)
    .executeTakeFirst();
  if (!section) throw new AppError('NOT_FOUND');
  const project = (await findProject(db, section.projectId))!;
  const announcement = await announcementInForce(db, project.id);
  const [publicity, objections, standings, decision, contract, supervisorReport, refunds, revocations] =
    await Promise.all([
      db.selectFrom('awardPublicity').selectAll().where('sectionId', '=', sectionId).executeTakeFirst(),
      db
        .selectFrom('awardObjection')
        .selectAll()
        .where('sectionId', '=', sectionId)
        .orderBy('raisedAt')
        .orderBy('id')
        .execute(),
      db.selectFrom('awardCandidateStanding').selectAll().where('sectionId', '=', sectionId).execute(),
      db.selectFrom('awardDecision').selectAll().where('sectionId', '=', sectionId).executeTakeFirst(),
      db.selectFrom('awardContract').selectAll().where('sectionId', '=', sectionId).executeTakeFirst(),
      db
        .selectFrom('awardSupervisorReport')
        .selectAll()
        .where('sectionId', '=', sectionId)
        .executeTakeFirst(),
      db.selectFrom('bidBondRefund').selectAll().where('sectionId', '=', sectionId).execute(),
      db
        .selectFrom('awardRevocation')
        .selectAll()
        .where('sectionId', '=', sectionId)
        .orderBy('revokedAt')
        .orderBy('id')
        .execute(),
    ]);
  const bids = await db
    .selectFrom('bid')
    .innerJoin('organisation', 'organisation.id', 'bid.bidderOrganisationId')
    .select([
      'bid.id as bidId',
      'bid.bidderOrganisationId',
      'organisation.name as bidderName',
      'bid.status',
      'bid.bondAmountFen',
      'bid.withdrawnAt',
    ])
    .where('bid.sectionId', '=', sectionId)
    .where('bid.status', 'in', ['current', 'withdrawn'])
    .orderBy('bid.submittedAt')
    .orderBy('bid.id')
    .execute();
  return {
    project,
    section: {
      id: section.id,
      code: section.code,
      name: section.name,
      bidBondFen: Number(section.bidBondFen),
    },
    bidDeadline: announcement?.bidDeadline ?? null,
    report: await findFinalEvaluationReport(db, sectionId),
    publicity,
    objections,
    standings,
    decision: decision && { ...decision, priceFen: Number(decision.priceFen) },
    revocations: revocations.map((r) => ({ ...r, priceFen: Number(r.priceFen) })),
    contract: contract && {
      ...contract,
      amountFen: Number(contract.amountFen),
      performanceBondFen: Number(contract.performanceBondFen),
      fileSize: Number(contract.fileSize),
    },
    supervisorReport,
    bids: bids.map((b) => ({ ...b, bondAmountFen: Number(b.bondAmountFen) })),
    refunds: refunds.map((r) => ({ ...r, amountFen: Number(r.amountFen) })),
  };
}

/** The facts the award rules take from the project. */
export function awardContextOf(state: AwardState): AwardContext {
  return { mustTender: state.project.mustTender === 1, stateFunded: state.project.stateFunded === 1 };
}

export function publicityOf(state: AwardState): Publicity | null {
  return state.publicity
    ? { startsAt: new Date(state.publicity.startsAt), endsAt: new Date(state.publicity.endsAt) }
    : null;
}

/** The report's candidates with what has become of each since (条例 55). */
export function rankedCandidatesOf(state: AwardState): RankedCandidate[] {
  const standing = new Map(state.standings.map((s) => [s.bidId, s.standing as RankedCandidate['standing']]));
  return (state.report?.candidates ?? []).map((c) => ({
    bidId: c.bidId,
    rank: c.rank,
    standing: standing.get(c.bidId) ?? 'available',
  }));
}

/** The final report, or INVALID_STATE: nothing of the award happens before it. */
export function requireReport(state: AwardState, action: string): FinalEvaluationReport {
  if (!state.report) throw new AppError('INVALID_STATE', { state: 'no_final_report', action });
  return state.report;
}
