import type { Selectable } from 'kysely';
import type { RejectionGround, ReviewVote } from '../../domain/evaluation/compliance-review.ts';
import type { Dissent, EvaluationEvent, SignatureAct } from '../../domain/evaluation/evaluation-report.ts';
import type { ScoreEntry } from '../../domain/evaluation/scoring.ts';
import { AppError } from '../../domain/errors.ts';
import type { EvaluationTables } from '../evaluation-tables.ts';
import { findCommitteeRequest } from '../experts/committee-repository.ts';
import type { TradingDb, TradingTrx } from '../schema.ts';
import { evaluatedBidsOf, type EvaluatedBid } from './evaluated-bids.ts';
import { sectionEvaluationSettings, type SectionEvaluationSettings } from './evaluation-config.ts';

export type SessionRow = Selectable<EvaluationTables['evaluationSession']>;
export type ReportRow = Selectable<EvaluationTables['evaluationReport']>;
type Db = TradingDb | TradingTrx;

/** A seated member of the section's drawn committee. */
export interface Member {
  readonly expertId: string;
  readonly name: string;
  readonly userId: string | null;
  readonly seat: number;
}

export interface ReviewRecord {
  readonly bidId: string;
  readonly status: 'pending' | 'passed' | 'rejected';
  readonly grounds: readonly RejectionGround[];
  readonly failed: unknown;
}

export interface Clarification {
  readonly bidId: string;
  readonly decision: 'accepted' | 'below_cost';
  readonly note: string;
  readonly recordedByExpertId: string;
  readonly recordedAt: string;
}

/** A quantified deviation (价格折算) in force on a bid (not removed), lowest evaluated price only. */
export interface PriceDeviation {
  readonly id: string;
  readonly bidId: string;
  readonly description: string;
  /** Signed fen added to the price for the ranking; negative when it favours the tenderer. */
  readonly amountFen: number;
  readonly recordedByUserId: string;
  readonly recordedAt: string;
}

/** Everything recorded in one evaluation session, read in one place. */
export interface EvaluationState {
  readonly session: SessionRow;
  readonly members: readonly Member[];
  readonly settings: SectionEvaluationSettings;
  readonly bids: readonly EvaluatedBid[];
  readonly votes: readonly ReviewVote[];
  readonly reviews: readonly ReviewRecord[];
  readonly sheets: ReadonlyMap<string, { entries: readonly ScoreEntry[]; savedAt: string }>;
  readonly clarifications: readonly Clarification[];
  readonly deviations: readonly PriceDeviation[];
  readonly nominations: readonly { expertId: string; nomineeExpertId: string }[];
  readonly dissents: readonly Dissent[];
  readonly signatures: readonly (SignatureAct & { reportSha256: string; signature: string | null })[];
  readonly events: readonly EvaluationEvent[];
  readonly report: ReportRow | null;
}

/**
 * The seated members of the section's committee (committee_seat.status 'seated', replacements
 * included), in seat order; empty until the committee is drawn.
 */
export async function committeeMembersOf(db: Db, sectionId: string): Promise<Member[]> {
  const request = await findCommitteeRequest(db, sectionId);
  if (!request || request.status !== 'drawn') return [];
  const rows = await db
    .selectFrom('committeeSeat as s')
    .innerJoin('expert as e', 'e.id', 's.expertId')
    .select(['e.id', 'e.name', 'e.userId', 's.seat'])
    .where('s.requestId', '=', request.id)
    .where('s.status', '=', 'seated')
    .orderBy('s.seat')
    .execute();
  return rows.map((r) => ({ expertId: r.id, name: r.name, userId: r.userId, seat: Number(r.seat) }));
}

export async function findSession(db: Db, sectionId: string): Promise<SessionRow | undefined> {
  return db.selectFrom('evaluationSession').selectAll().where('sectionId', '=', sectionId).executeTakeFirst();
}

export async function sessionOf(db: Db, sectionId: string): Promise<SessionRow> {
  const session = await findSession(db, sectionId);
  if (!session) throw new AppError('NOT_FOUND');
  return session;
}

export async function sectionSettingsOf(db: Db, sectionId: string): Promise<SectionEvaluationSettings> {
  const section = await db
    .selectFrom('tenderSection')
    .select(['evaluationMethod', 'criteria', 'controlPriceFen', 'reviewRequirements', 'priceScoreConfig'])
    .where('id', '=', sectionId)
    .executeTakeFirst();
  if (!section) throw new AppError('NOT_FOUND');
  return sectionEvaluationSettings(section);
}

export async function findReport(db: Db, sectionId: string): Promise<ReportRow | undefined> {
  return db.selectFrom('evaluationReport').selectAll().where('sectionId', '=', sectionId).executeTakeFirst();
}

/** Loads the whole session: committee, settings, bids and every act recorded so far. */
export async function loadEvaluation(db: Db, session: SessionRow): Promise<EvaluationState> {
  const id = session.id;
  const [members, settings, bids, votes, reviews, sheets, clarifications, nominations] = await Promise.all([
    committeeMembersOf(db, session.sectionId),
    sectionSettingsOf(db, session.sectionId),
    evaluatedBidsOf(db, session.sectionId),
    db.selectFrom('evaluationVote').selectAll().where('sessionId', '=', id).execute(),
    db.selectFrom('evaluationBidReview').selectAll().where('sessionId', '=', id).execute(),
    db.selectFrom('evaluationScoreSheet').selectAll().where('sessionId', '=', id).execute(),
    db.selectFrom('evaluationClarification').selectAll().where('sessionId', '=', id).execute(),
    db.selectFrom('evaluationChairNomination').selectAll().where('sessionId', '=', id).execute(),
  ]);
  const [deviations, dissents, signatures, events, report] = await Promise.all([
    db
      .selectFrom('evaluationPriceDeviation')
      .select(['id', 'bidId', 'description', 'amountFen', 'recordedByUserId', 'recordedAt'])
      .where('sessionId', '=', id)
      .where('removedAt', 'is', null)
      .orderBy('recordedAt')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('evaluationDissent')
      .selectAll()
      .where('sessionId', '=', id)
      .orderBy('recordedAt')
      .execute(),
    db
      .selectFrom('evaluationSignature')
      .selectAll()
      .where('sessionId', '=', id)
      .orderBy('recordedAt')
      .execute(),
    db
      .selectFrom('evaluationTimeEvent')
      .selectAll()
      .where('sessionId', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    findReport(db, session.sectionId),
  ]);
  return {
    session,
    members,
    settings,
    bids,
    votes: votes.map((v) => ({
      expertId: v.expertId,
      bidId: v.bidId,
      requirementId: v.requirementId,
      pass: Number(v.pass) === 1,
      ground: v.ground as RejectionGround | null,
      note: v.note,
    })),
    reviews: reviews.map((r) => ({
      bidId: r.bidId,
      status: r.status as ReviewRecord['status'],
      grounds: JSON.parse(r.grounds) as RejectionGround[],
      failed: JSON.parse(r.failed) as unknown,
    })),
    sheets: new Map(
      sheets.map((s) => [s.expertId, { entries: JSON.parse(s.entries) as ScoreEntry[], savedAt: s.savedAt }]),
    ),
    clarifications: clarifications.map((c) => ({ ...c, decision: c.decision as Clarification['decision'] })),
    deviations: deviations.map((d) => ({ ...d, amountFen: Number(d.amountFen) })),
    nominations,
    dissents: dissents.map((d) => ({
      expertId: d.expertId,
      opinion: d.opinion,
      reason: d.reason,
      at: new Date(d.recordedAt),
    })),
    signatures: signatures.map((s) => ({
      expertId: s.expertId,
      at: new Date(s.recordedAt),
      reportSha256: s.reportSha256,
      signature: s.signature,
      ...(s.kind === 'signed'
        ? { kind: 'signed' as const }
        : { kind: 'refused' as const, writtenReason: s.writtenReason }),
    })),
    events: events.map((e): EvaluationEvent =>
      e.type === 'more_time_requested'
        ? { type: 'more_time_requested', expertId: e.expertId!, at: new Date(e.at), reason: e.reason }
        : {
            type: 'evaluation_time_extended',
            at: new Date(e.at),
            until: new Date(e.until!),
            reason: e.reason,
            requestedBy: JSON.parse(e.requestedBy ?? '[]') as string[],
          },
    ),
    report: report ?? null,
  };
}
