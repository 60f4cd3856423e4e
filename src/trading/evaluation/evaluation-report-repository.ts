import type { EvaluationReport } from '../../domain/evaluation/evaluation-report.ts';
import type { TradingDb, TradingTrx } from '../schema.ts';
import { committeeOf, type ReportFindings } from './evaluation-findings.ts';
import type { EvaluationState, ReportRow } from './evaluation-repository.ts';

/** A ranked candidate as the award reads it from `evaluation_report.candidates`. */
export interface ReportCandidate {
  readonly rank: number;
  readonly bidId: string;
  readonly bidderOrganisationId: string;
  readonly bidderName: string;
  readonly priceFen: number;
  /** Total score in hundredths of a point; null for the lowest evaluated price method. */
  readonly score: number | null;
  readonly evaluatedPriceFen: number | null;
}

export interface FinalEvaluationReport {
  readonly id: string;
  readonly projectId: string;
  readonly sectionId: string;
  readonly candidates: readonly ReportCandidate[];
  readonly reportJson: string;
  readonly reportSha256: string;
  readonly finalisedAt: string;
}

/** The section's frozen evaluation report, for the award; undefined until it is final. */
export async function findFinalEvaluationReport(
  db: TradingDb | TradingTrx,
  sectionId: string,
): Promise<FinalEvaluationReport | undefined> {
  const row = await db
    .selectFrom('evaluationReport')
    .selectAll()
    .where('sectionId', '=', sectionId)
    .where('status', '=', 'final')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    projectId: row.projectId,
    sectionId: row.sectionId,
    candidates: JSON.parse(row.candidates) as ReportCandidate[],
    reportJson: row.reportJson,
    reportSha256: row.reportSha256,
    finalisedAt: row.finalisedAt!,
  };
}

/** The findings the members sign: the draft's JSON, or the `findings` part of a final report. */
export function findingsOf(report: ReportRow): ReportFindings {
  const value = JSON.parse(report.reportJson) as ReportFindings | { findings: ReportFindings };
  return 'findings' in value ? value.findings : value;
}

/** The SHA-256 the members sign: that of the draft findings (kept in a final report). */
export function signedSha256Of(report: ReportRow): string {
  if (report.status === 'draft') return report.reportSha256;
  return (JSON.parse(report.reportJson) as { findingsSha256: string }).findingsSha256;
}

/** The domain's report value from what is recorded: findings (if drafted), dissents, signatures, events. */
export function domainReportOf(state: EvaluationState): EvaluationReport {
  const findings = state.report ? findingsOf(state.report) : null;
  return {
    committee: committeeOf(state),
    outcomes: findings?.outcomes ?? [],
    candidates: findings?.candidates.map((c) => c.bidId) ?? [],
    dissents: state.dissents,
    signatures: state.signatures.map(({ reportSha256: _, signature: __, ...act }) => act),
    events: state.events,
  };
}
