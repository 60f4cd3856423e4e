import { loadAwardState, type AwardState } from '../trading/award/award-repository.ts';
import { announcementInForce } from '../trading/announcement-in-force.ts';
import {
  findSession,
  loadEvaluation,
  type EvaluationState,
} from '../trading/evaluation/evaluation-repository.ts';
import { findCommitteeRequest } from '../trading/experts/committee-repository.ts';
import { findHall } from '../trading/opening-hall/hall-events.ts';
import { recordResponsesOf, signInsOf } from '../trading/opening-hall/hall-state.ts';
import { tradingDb } from '../trading/schema.ts';
import type { Db } from '../store/schema.ts';

const MINUTE = 60_000;

export interface DemoBid {
  readonly bidId: string;
  readonly organisationId: string;
  readonly decryptionStatus: string | null;
}

/**
 * Everything the demo needs to know to play a one-section tender's next step, read from the
 * database alone: a restarted demo picks up where the data says the tender is.
 */
export interface DemoTenderState {
  readonly projectId: string;
  readonly status: string;
  readonly sectionId: string;
  readonly openingAt: Date;
  readonly windowClosesAt: Date;
  readonly bids: readonly DemoBid[];
  readonly hall: { openedAt: string | null; windowClosedAt: string | null; readOutAt: string | null } | null;
  readonly signedIn: ReadonlySet<string>;
  readonly responses: Awaited<ReturnType<typeof recordResponsesOf>>;
  readonly committee: {
    readonly status: string;
    readonly algorithm: string;
    readonly createdAt: string;
    readonly evaluationAt: string;
    readonly frozenAt: string | null;
    readonly drawnAt: string | null;
    readonly parties: readonly { party: string; committedAt: string; revealedAt: string | null }[];
  } | null;
  readonly evaluation: EvaluationState | null;
  readonly award: AwardState | null;
  readonly exceptions: readonly { kind: string; recordedAt: string; retenderProjectId: string | null }[];
}

export async function readDemoTender(db: Db, projectId: string): Promise<DemoTenderState> {
  const t = tradingDb(db);
  const project = await t
    .selectFrom('tenderProject')
    .select(['status', 'decryptionWindowMinutes'])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  const section = await t
    .selectFrom('tenderSection')
    .select('id')
    .where('projectId', '=', projectId)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const announcement = await announcementInForce(db, projectId);
  if (!announcement) throw new Error(`demo tender ${projectId} has no announcement`);
  const bids = await t
    .selectFrom('bid')
    .select(['id as bidId', 'bidderOrganisationId as organisationId', 'decryptionStatus'])
    .where('sectionId', '=', section.id)
    .where('status', '=', 'current')
    .orderBy('submittedAt')
    .execute();
  const request = await findCommitteeRequest(t, section.id);
  const parties = request
    ? await t
        .selectFrom('drawParty')
        .select(['party', 'committedAt', 'revealedAt'])
        .where('requestId', '=', request.id)
        .execute()
    : [];
  const session = await findSession(t, section.id);
  const evaluation = session ? await loadEvaluation(t, session) : null;
  const exceptions = await t
    .selectFrom('tenderException')
    .select(['kind', 'recordedAt', 'retenderProjectId'])
    .where('projectId', '=', projectId)
    .execute();
  return {
    projectId,
    status: project.status,
    sectionId: section.id,
    openingAt: new Date(announcement.openingAt),
    windowClosesAt: new Date(
      Date.parse(announcement.bidDeadline) + Number(project.decryptionWindowMinutes) * MINUTE,
    ),
    bids,
    hall: (await findHall(t, projectId)) ?? null,
    signedIn: new Set((await signInsOf(t, projectId)).map((s) => s.organisationId)),
    responses: await recordResponsesOf(t, projectId),
    committee: request
      ? {
          status: request.status,
          algorithm: request.algorithm,
          createdAt: request.createdAt,
          evaluationAt: request.evaluationAt,
          frozenAt: request.frozenAt,
          drawnAt: request.drawnAt,
          parties,
        }
      : null,
    evaluation,
    award: evaluation?.session.status === 'finalised' ? await loadAwardState(t, section.id) : null,
    exceptions,
  };
}
