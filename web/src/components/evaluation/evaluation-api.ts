import { useMemo } from 'react';
import { downloadFile, request, sendBytes } from '../../api.ts';
import type { ListQuery, Page } from '../../api-types.ts';
import { useSession } from '../../session.tsx';
import type {
  AwardChoice,
  AwardTimeline,
  BidResult,
  CandidateObjection,
  Committee,
  CommitteeRequest,
  ContractInput,
  DrawLogView,
  EvaluationSession,
  Expert,
  ExpertInput,
  ExpertUpdate,
  PriceDeviationInput,
  PriceDeviationResult,
  MySeat,
  Range,
  ReplacementReason,
  RevocationGround,
  ScoreEntryInput,
  VoteInput,
} from './evaluation-types.ts';

export type * from './evaluation-types.ts';

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

/** The issue-5 calls, carrying the signed-in user's token. */
export function evaluationApi(token: string | null) {
  const call = <T>(
    path: string,
    options: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown; query?: ListQuery } = {},
  ) => request<T>('trading', path, { ...options, token });
  const committee = (sectionId: string) => `/sections/${enc(sectionId)}/committee`;
  const evaluation = (sectionId: string) => `/sections/${enc(sectionId)}/evaluation`;
  const award = (sectionId: string) => `/sections/${enc(sectionId)}/award`;
  return {
    listExperts: (query: ListQuery) => call<Page<Expert>>('/experts', { query }),
    createExpert: (body: ExpertInput) => call<Expert>('/experts', { method: 'POST', body }),
    updateExpert: (id: string, body: ExpertUpdate) =>
      call<Expert>(`/experts/${enc(id)}`, { method: 'PUT', body }),
    setAvailability: (id: string, unavailable: readonly Range[]) =>
      call<Expert>(`/experts/${enc(id)}/availability`, { method: 'PUT', body: { unavailable } }),

    committee: (sectionId: string) => call<Committee>(committee(sectionId)),
    requestCommittee: (sectionId: string, body: CommitteeRequest) =>
      call<Committee>(committee(sectionId), { method: 'POST', body }),
    commitDrawValue: (sectionId: string, party: 'tenderer' | 'supervisor', commitment: string) =>
      call<Committee>(`${committee(sectionId)}/commitments`, { method: 'POST', body: { party, commitment } }),
    revealDrawValue: (sectionId: string, party: 'tenderer' | 'supervisor', value: string) =>
      call<Committee>(`${committee(sectionId)}/reveals`, { method: 'POST', body: { party, value } }),
    freezeCommittee: (sectionId: string) =>
      call<Committee>(`${committee(sectionId)}/freeze`, { method: 'POST' }),
    drawCommittee: (sectionId: string) => call<Committee>(`${committee(sectionId)}/draw`, { method: 'POST' }),
    replaceExpert: (sectionId: string, seat: number, reason: ReplacementReason) =>
      call<Committee>(`${committee(sectionId)}/replacements`, { method: 'POST', body: { seat, reason } }),
    drawLog: (sectionId: string) => call<DrawLogView>(`${committee(sectionId)}/draw-log`),
    mySeats: (query: ListQuery) => call<Page<MySeat>>('/experts/me/seats', { query }),

    openEvaluation: (sectionId: string) =>
      call<{ sessionId: string }>(evaluation(sectionId), { method: 'POST' }),
    session: (sectionId: string) => call<EvaluationSession>(evaluation(sectionId)),
    downloadBid: (sectionId: string, bidId: string, filename: string) =>
      downloadFile('trading', `${evaluation(sectionId)}/bids/${enc(bidId)}/package`, filename, token),
    castVotes: (sectionId: string, votes: readonly VoteInput[]) =>
      call<{ outcomes: { bidId: string; status: string; grounds: string[] }[] }>(
        `${evaluation(sectionId)}/votes`,
        {
          method: 'POST',
          body: { votes },
        },
      ),
    saveScoreSheet: (sectionId: string, entries: readonly ScoreEntryInput[]) =>
      call<{ savedAt: string; entries: number }>(`${evaluation(sectionId)}/score-sheet`, {
        method: 'PUT',
        body: { entries },
      }),
    nominateChair: (sectionId: string, expertId: string) =>
      call<{ chairExpertId: string | null; nominations: number }>(`${evaluation(sectionId)}/chair`, {
        method: 'POST',
        body: { expertId },
      }),
    recordClarification: (
      sectionId: string,
      bidId: string,
      decision: 'accepted' | 'below_cost',
      note: string,
    ) =>
      call<unknown>(`${evaluation(sectionId)}/clarifications`, {
        method: 'POST',
        body: { bidId, decision, note },
      }),
    recordPriceDeviation: (sectionId: string, body: PriceDeviationInput) =>
      call<PriceDeviationResult>(`${evaluation(sectionId)}/price-deviations`, { method: 'POST', body }),
    removePriceDeviation: (sectionId: string, deviationId: string) =>
      call<PriceDeviationResult>(`${evaluation(sectionId)}/price-deviations/${enc(deviationId)}`, {
        method: 'DELETE',
      }),
    draftReport: (sectionId: string) =>
      call<{ reportSha256: string }>(`${evaluation(sectionId)}/report`, { method: 'POST' }),
    recordDissent: (sectionId: string, opinion: string, reason: string) =>
      call<unknown>(`${evaluation(sectionId)}/dissent`, { method: 'POST', body: { opinion, reason } }),
    signReport: (
      sectionId: string,
      reportSha256: string,
      kind: 'signed' | 'refused',
      writtenReason: string | null,
    ) =>
      call<unknown>(`${evaluation(sectionId)}/sign`, {
        method: 'POST',
        body: { reportSha256, kind, writtenReason },
      }),
    requestMoreTime: (sectionId: string, reason: string) =>
      call<{ moreTimeRequired: boolean }>(`${evaluation(sectionId)}/request-more-time`, {
        method: 'POST',
        body: { reason },
      }),
    extendEvaluation: (sectionId: string, until: string, reason: string) =>
      call<unknown>(`${evaluation(sectionId)}/extend`, { method: 'POST', body: { until, reason } }),
    finaliseReport: (sectionId: string) =>
      call<{ reportSha256: string }>(`${evaluation(sectionId)}/finalise`, { method: 'POST' }),

    timeline: (sectionId: string) => call<AwardTimeline>(`${award(sectionId)}/timeline`),
    publishCandidates: (sectionId: string, remarks: string) =>
      call<unknown>(`${award(sectionId)}/publicity`, { method: 'POST', body: remarks ? { remarks } : {} }),
    raiseObjection: (sectionId: string, body: string) =>
      call<CandidateObjection>(`${award(sectionId)}/objections`, { method: 'POST', body: { body } }),
    replyObjection: (sectionId: string, objectionId: string, reply: string) =>
      call<CandidateObjection>(`${award(sectionId)}/objections/${enc(objectionId)}/reply`, {
        method: 'POST',
        body: { reply },
      }),
    award: (sectionId: string, choice: AwardChoice) =>
      call<unknown>(award(sectionId), { method: 'POST', body: choice }),
    revokeAward: (sectionId: string, ground: RevocationGround, evidence: string) =>
      call<unknown>(`${award(sectionId)}/revocation`, { method: 'POST', body: { ground, evidence } }),
    recordContract: (sectionId: string, input: ContractInput) =>
      uploadContract(token, award(sectionId), input),
    reportToSupervisor: (sectionId: string, content: string) =>
      call<unknown>(`${award(sectionId)}/supervisor-report`, { method: 'POST', body: { content } }),
    recordBondRefund: (sectionId: string, bidId: string, reference: string) =>
      call<unknown>(`${award(sectionId)}/bond-refunds`, { method: 'POST', body: { bidId, reference } }),
    bidResult: (bidId: string) => call<BidResult>(`/bids/${enc(bidId)}/award-result`),
  };
}

export type EvaluationApi = ReturnType<typeof evaluationApi>;

/** The contract is sent as the raw body; its amount, bond and date go in the query (C4, T8). */
async function uploadContract(token: string | null, base: string, input: ContractInput): Promise<unknown> {
  return sendBytes<unknown>('trading', `${base}/contract`, input.file, {
    method: 'POST',
    token,
    query: {
      filename: input.file.name,
      amountFen: input.amountFen,
      performanceBondFen: input.performanceBondFen,
      signedAt: input.signedAt,
    },
  });
}

/** The issue-5 API for the signed-in user. */
export function useEvaluationApi(): EvaluationApi {
  const { state } = useSession();
  const token = state.status === 'authenticated' ? state.token : null;
  return useMemo(() => evaluationApi(token), [token]);
}
