import { moreTimeRequired } from '../../domain/evaluation/evaluation-report.ts';
import { AppError } from '../../domain/errors.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { manageableProject } from '../projects/project-access.ts';
import { tradingDb } from '../schema.ts';
import { priceFindings, reviewComplete } from './evaluation-findings.ts';
import { domainReportOf, signedSha256Of } from './evaluation-report-repository.ts';
import { type EvaluationState, loadEvaluation, sessionOf } from './evaluation-repository.ts';

export type EvaluationView = 'member' | 'supervisor' | 'manager';

/**
 * The session as the caller may see it. A member sees its own votes and score sheet; the others'
 * appear under seat labels only once the report is final. Every member sees the chair's
 * quantified price deviations. A supervisor sees everything with the experts' ids and names. The
 * tenderer's side sees progress, never votes, scores or deviations.
 */
export async function getEvaluationSession(ctx: UseCaseContext, options: { sectionId: string }) {
  const db = tradingDb(ctx.db);
  const session = await sessionOf(db, options.sectionId);
  const state = await loadEvaluation(db, session);
  const view = await viewOf(ctx, state);
  const self = state.members.find((m) => m.userId !== null && m.userId === ctx.actor.userId) ?? null;
  const final = session.status === 'finalised';
  const label = (expertId: string) => `M${state.members.find((m) => m.expertId === expertId)?.seat ?? 0}`;
  const visible = (expertId: string) =>
    view === 'supervisor' || final || (view === 'member' && expertId === self?.expertId);
  const shows = view !== 'manager';
  const prices = reviewComplete(state) ? safePrices(state) : null;
  return {
    view,
    sessionId: session.id,
    projectId: session.projectId,
    sectionId: session.sectionId,
    status: session.status as 'open' | 'finalised',
    openedAt: session.openedAt,
    extendedUntil: session.extendedUntil,
    finalisedAt: session.finalisedAt,
    method: state.settings.method,
    requirements: [...state.settings.requirements],
    members: state.members.map((m) => ({
      label: label(m.expertId),
      expertId: view === 'supervisor' || m.expertId === self?.expertId ? m.expertId : null,
      name: view === 'supervisor' || m.expertId === self?.expertId ? m.name : null,
      chair: session.chairExpertId === m.expertId,
      self: m.expertId === self?.expertId,
    })),
    bids: state.bids.map((b) => {
      const review = state.reviews.find((r) => r.bidId === b.bidId);
      const deviations = shows ? state.deviations.filter((d) => d.bidId === b.bidId) : [];
      const ranked =
        state.settings.method === 'lowest_price' &&
        review?.status === 'passed' &&
        !state.clarifications.some((c) => c.bidId === b.bidId && c.decision === 'below_cost');
      return {
        bidId: b.bidId,
        bidderName: b.bidderName,
        priceFen: b.priceFen,
        review: review?.status ?? 'pending',
        grounds: [...(review?.grounds ?? [])],
        deviations: deviations.map((d) => ({
          id: d.id,
          description: d.description,
          amountFen: d.amountFen,
          recordedAt: d.recordedAt,
        })),
        evaluatedPriceFen:
          shows && ranked && b.priceFen !== null
            ? deviations.reduce((sum, d) => sum + d.amountFen, b.priceFen)
            : null,
      };
    }),
    votes: shows
      ? state.votes
          .filter((v) => visible(v.expertId))
          .map((v) => ({
            member: label(v.expertId),
            bidId: v.bidId,
            requirementId: v.requirementId,
            pass: v.pass,
            ground: v.ground ?? null,
            note: v.note ?? null,
          }))
      : [],
    scoreSheets: shows
      ? [...state.sheets.entries()]
          .filter(([expertId]) => visible(expertId))
          .map(([expertId, s]) => ({
            member: label(expertId),
            savedAt: s.savedAt,
            entries: s.entries.map((e) => ({ bidId: e.bidId, criterion: e.criterion, points: e.points })),
          }))
      : [],
    scoreSheetsHandedIn: state.sheets.size,
    basePriceFen: shows ? (prices?.basePriceFen ?? null) : null,
    priceScores:
      shows && prices
        ? [...prices.priceScoresCenti].map(([bidId, centi]) => ({ bidId, priceScoreCenti: centi }))
        : [],
    abnormalPrices:
      shows && prices
        ? prices.warnings.map((w) => ({
            bidId: w.bidId,
            priceFen: w.priceFen,
            referenceFen: w.referenceFen,
            thresholdFen: w.thresholdFen,
            requiresClarification: w.requiresClarification,
            article: w.article,
            clarification: state.clarifications.find((c) => c.bidId === w.bidId)?.decision ?? null,
          }))
        : [],
    report: state.report
      ? {
          status: state.report.status as 'draft' | 'final',
          reportSha256: state.report.reportSha256,
          signedSha256: signedSha256Of(state.report),
          candidates: JSON.parse(state.report.candidates) as unknown[],
          reportJson: view === 'manager' && !final ? null : state.report.reportJson,
        }
      : null,
    signatures: state.signatures.map((s) => ({
      member: label(s.expertId),
      kind: s.kind,
      at: s.at.toISOString(),
    })),
    dissents: state.dissents.length,
    timeEvents: state.events.map((e) => ({
      type: e.type,
      at: e.at.toISOString(),
      reason: e.reason,
      until: e.type === 'evaluation_time_extended' ? e.until.toISOString() : null,
    })),
    moreTimeRequired: moreTimeRequired(domainReportOf(state)),
  };
}

/** Price findings when they can be computed (a passed bid without a bid form cannot be priced). */
function safePrices(state: EvaluationState) {
  try {
    return priceFindings(state);
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

async function viewOf(ctx: UseCaseContext, state: EvaluationState): Promise<EvaluationView> {
  if (ctx.actor.roles.includes('supervisor')) return 'supervisor';
  if (
    ctx.actor.roles.includes('expert') &&
    state.members.some((m) => m.userId !== null && m.userId === ctx.actor.userId)
  ) {
    return 'member';
  }
  if (ctx.actor.roles.includes('tenderer') || ctx.actor.roles.includes('agency')) {
    await manageableProject(ctx, tradingDb(ctx.db), state.session.projectId, ctx.clock.now());
    return 'manager';
  }
  throw new AppError('FORBIDDEN', { required: 'committee_member' });
}
