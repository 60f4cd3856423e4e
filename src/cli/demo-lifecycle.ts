import { createHmac } from 'node:crypto';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import { toBase64 } from '../crypto/portable/envelope/binary.ts';
import { unwrapContentKey } from '../crypto/portable/envelope/content-key.ts';
import { drawCrypto } from '../crypto/portable/draw-random.ts';
import type { Clock } from '../domain/clock.ts';
import { DAY } from '../domain/cst.ts';
import { drawCommitment, type DrawHashAlgorithm } from '../domain/evaluation/expert-draw.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { UseCaseContext } from '../store/context.ts';
import type { Db } from '../store/schema.ts';
import { awardSection } from '../trading/award/award-section.ts';
import { bondObligationsOf } from '../trading/award/award-timeline.ts';
import { publishCandidates } from '../trading/award/publish-candidates.ts';
import { recordBondRefund } from '../trading/award/record-bond-refund.ts';
import { recordContract } from '../trading/award/record-contract.ts';
import { reportToSupervisor } from '../trading/award/report-to-supervisor.ts';
import { castReviewVotes } from '../trading/evaluation/cast-review-votes.ts';
import { draftEvaluationReport } from '../trading/evaluation/draft-evaluation-report.ts';
import { priceFindings } from '../trading/evaluation/evaluation-findings.ts';
import type { EvaluationState, Member } from '../trading/evaluation/evaluation-repository.ts';
import { finaliseEvaluationReport } from '../trading/evaluation/finalise-evaluation-report.ts';
import { nominateChair } from '../trading/evaluation/nominate-chair.ts';
import { openEvaluation } from '../trading/evaluation/open-evaluation.ts';
import { recordClarification } from '../trading/evaluation/record-clarification.ts';
import { saveScoreSheet } from '../trading/evaluation/save-score-sheet.ts';
import { signEvaluationReport } from '../trading/evaluation/sign-evaluation-report.ts';
import { retenderProject } from '../trading/exceptions/retender-project.ts';
import { commitDrawValue } from '../trading/experts/commit-draw-value.ts';
import { drawCommittee } from '../trading/experts/draw-committee.ts';
import { freezeEligibleExperts } from '../trading/experts/freeze-eligible-experts.ts';
import { requestCommittee } from '../trading/experts/request-committee.ts';
import { revealDrawValue } from '../trading/experts/reveal-draw-value.ts';
import { answerOpeningObjection } from '../trading/opening-hall/answer-opening-objection.ts';
import { closeDecryptionWindow } from '../trading/opening-hall/close-decryption-window.ts';
import { readOutBids } from '../trading/opening-hall/read-out-bids.ts';
import { respondToOpeningRecord } from '../trading/opening-hall/respond-to-opening-record.ts';
import { signInToOpening } from '../trading/opening-hall/sign-in-to-opening.ts';
import { startOpening } from '../trading/opening-hall/start-opening.ts';
import { decryptBid } from '../trading/opening/decrypt-bid.ts';
import { getEnvelopeHeader } from '../trading/opening/get-envelope-header.ts';
import { demoUserContext, demoUserContextById } from './demo-actors.ts';
import { DEMO_ECONOMIC_SPECIALTY, DEMO_TECHNICAL_SPECIALTY } from './demo-experts.ts';
import type { DemoSealingKeys } from './demo-sealing-keys.ts';
import { readDemoTender, type DemoTenderState } from './demo-tender-state.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The demo's host of every tender it plays: the tenderer runs its own tenders. */
const HOST = 'tenderer';
const BIDDERS = ['bidder1', 'bidder2', 'bidder3'] as const;

/** What the demo plays a tender with: the trading service's database and files, and a clock. */
export interface DemoStage {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly keys: DemoSealingKeys;
  /**
   * Opening the hall and closing the decryption window are the platform's scheduler's once the
   * demo runs; a tender played into the past has no scheduler, and its host does both.
   */
  readonly hostOpensHall: boolean;
}

/** How one demo tender goes. */
export interface DemoScript {
  /** Demo bidders who never decrypt their bids: the opening shows them as failed (E7). */
  readonly silentBidders: readonly string[];
}

export type StepId =
  | 'retender'
  | 'sign-in'
  | 'open'
  | 'decrypt'
  | 'close-window'
  | 'read-out'
  | 'confirm'
  | 'object'
  | 'answer'
  | 'request-committee'
  | 'commit'
  | 'freeze'
  | 'reveal'
  | 'draw'
  | 'open-evaluation'
  | 'review'
  | 'nominate'
  | 'score'
  | 'clarify'
  | 'draft'
  | 'sign'
  | 'finalise'
  | 'publish'
  | 'award'
  | 'contract'
  | 'supervisor-report'
  | 'refund';

interface Cast {
  /** A demo user's context at the stage's clock. */
  as(username: string): Promise<UseCaseContext>;
  /** A committee member's context. */
  member(member: Member): Promise<UseCaseContext>;
  /** Demo bidder username by organisation id. */
  readonly bidderOf: ReadonlyMap<string, string>;
}

interface Step {
  /** What kind of step: the same for every actor who takes it. */
  readonly id: StepId;
  /** One console line: what happened, in the words of the one who did it. */
  readonly label: string;
  /** When it is the step's turn, in virtual time. */
  readonly due: Date;
  /** Taken by the platform's scheduler: the demo waits for it unless it plays the host. */
  readonly scheduled?: boolean;
  play(): Promise<void>;
}

export interface PlayedSteps {
  readonly played: readonly string[];
  /** The step the tender waits for, if any. */
  readonly next: { readonly id: StepId; readonly label: string; readonly due: Date } | null;
}

/**
 * Plays every step of the tender whose time has come, in order, each through the use case of the
 * demo user whose step it is; stops at the first step still in the future (or the scheduler's),
 * or before `stopBefore`. Only the database says what has been done, so a restarted demo resumes.
 */
export async function playDueSteps(
  stage: DemoStage,
  projectId: string,
  script: DemoScript,
  options: { readonly stopBefore?: StepId; readonly onPlayed?: (label: string) => void } = {},
): Promise<PlayedSteps> {
  const cast = await castOf(stage);
  const played: string[] = [];
  for (;;) {
    const state = await readDemoTender(stage.db, projectId);
    const step = nextStep(stage, cast, state, script);
    if (!step) return { played, next: null };
    const waiting = { played, next: { id: step.id, label: step.label, due: step.due } };
    if (step.id === options.stopBefore) return waiting;
    if (step.due.getTime() > stage.clock.now().getTime()) return waiting;
    if (step.scheduled && !stage.hostOpensHall) return waiting;
    // A step the data does not show as done after it was played would be played for ever.
    if (played.includes(step.label)) throw new Error(`demo step had no effect: ${step.label}`);
    await step.play();
    played.push(step.label);
    options.onPlayed?.(step.label);
  }
}

async function castOf(stage: DemoStage): Promise<Cast> {
  const bidderOf = new Map<string, string>();
  for (const username of BIDDERS) {
    const ctx = await demoUserContext(stage.db, stage.clock, username);
    bidderOf.set(ctx.actor.organisationId!, username);
  }
  return {
    as: (username) => demoUserContext(stage.db, stage.clock, username),
    member: (member) => demoUserContextById(stage.db, stage.clock, member.userId!),
    bidderOf,
  };
}

function later(at: string | Date, ms: number): Date {
  return new Date(new Date(at).getTime() + ms);
}

/** The first step not yet done, in the order a tender goes. */
function nextStep(stage: DemoStage, cast: Cast, t: DemoTenderState, script: DemoScript): Step | null {
  if (t.status === 'failed') return retenderStep(cast, t);
  if (t.status !== 'published') return null;
  return (
    openingStep(stage, cast, t, script) ??
    recordStep(cast, t) ??
    committeeStep(stage, cast, t) ??
    evaluationStep(cast, t) ??
    awardStep(stage, cast, t)
  );
}

function retenderStep(cast: Cast, t: DemoTenderState): Step | null {
  const failure = t.exceptions.find((e) => e.kind === 'failed');
  if (!failure || failure.retenderProjectId) return null;
  return {
    id: 'retender',
    label: '招标人 发起重新招标 (re-tender after the failure)',
    due: later(failure.recordedAt, DAY),
    play: async () => void (await retenderProject(await cast.as(HOST), { projectId: t.projectId })),
  };
}

function openingStep(stage: DemoStage, cast: Cast, t: DemoTenderState, script: DemoScript): Step | null {
  const { hall, projectId } = t;
  if (!hall?.readOutAt) {
    for (const bid of t.bids) {
      const bidder = cast.bidderOf.get(bid.organisationId);
      if (!bidder || t.signedIn.has(bid.organisationId)) continue;
      return {
        id: 'sign-in',
        label: `${bidder} 签到开标大厅 (signs in to the opening hall)`,
        due: later(t.openingAt, -(20 - BIDDERS.indexOf(bidder as (typeof BIDDERS)[number]) * 5) * MINUTE),
        play: async () => void (await signInToOpening(await cast.as(bidder), { projectId })),
      };
    }
  }
  if (!hall?.openedAt) {
    return {
      id: 'open',
      label: '招标人 开标 (opens the hall at the announced time)',
      due: t.openingAt,
      scheduled: true,
      play: async () => void (await startOpening(await cast.as(HOST), { projectId })),
    };
  }
  if (!hall.windowClosedAt) {
    for (const [index, bid] of t.bids.entries()) {
      const bidder = cast.bidderOf.get(bid.organisationId);
      if (!bidder || bid.decryptionStatus !== null || script.silentBidders.includes(bidder)) continue;
      return {
        id: 'decrypt',
        label: `${bidder} 解密投标文件 (decrypts its bid)`,
        due: later(t.openingAt, (10 + 15 * index) * MINUTE),
        play: async () => decryptAs(stage, await cast.as(bidder), bidder, bid.bidId),
      };
    }
    return {
      id: 'close-window',
      label: '招标人 结束解密窗口 (closes the decryption window)',
      due: t.windowClosesAt,
      scheduled: true,
      play: async () => void (await closeDecryptionWindow(await cast.as(HOST), { projectId })),
    };
  }
  if (!hall.readOutAt) {
    return {
      id: 'read-out',
      label: '招标人 唱标并发布开标记录 (reads out the bids; the opening record is published)',
      due: later(hall.windowClosedAt, 10 * MINUTE),
      play: async () => void (await readOutBids(await cast.as(HOST), { projectId })),
    };
  }
  return null;
}

/** The bidder's tool unwraps the content key with the bidder's own key, then decrypts online (E6). */
async function decryptAs(
  stage: DemoStage,
  ctx: UseCaseContext,
  bidder: string,
  bidId: string,
): Promise<void> {
  const keys = stage.keys.bidders.get(bidder);
  if (!keys) throw new Error(`demo user ${bidder} has no sealing keys`);
  const { header } = await getEnvelopeHeader(ctx, { bidId });
  const contentKey = await unwrapContentKey(
    nodeSuite(header.suite),
    header,
    'bidder',
    keys.encryption.privateKeyPem,
  );
  await decryptBid(ctx, { blobs: stage.blobs, bidId, contentKey: toBase64(contentKey) });
}

/** Bidder 1 confirms the opening record; bidder 2 objects on the spot and the host answers (条例 44). */
function recordStep(cast: Cast, t: DemoTenderState): Step | null {
  const readOutAt = t.hall!.readOutAt!;
  const responded = new Set(t.responses.map((r) => r.organisationId));
  const readOut = t.bids.filter((b) => b.decryptionStatus === 'decrypted');
  const [confirmer, objector] = readOut.map((b) => cast.bidderOf.get(b.organisationId));
  if (confirmer && !responded.has(readOut[0]!.organisationId)) {
    return {
      id: 'confirm',
      label: `${confirmer} 确认开标记录 (confirms the opening record)`,
      due: later(readOutAt, 15 * MINUTE),
      play: async () =>
        void (await respondToOpeningRecord(await cast.as(confirmer), {
          projectId: t.projectId,
          kind: 'confirmed',
        })),
    };
  }
  if (objector && !responded.has(readOut[1]!.organisationId)) {
    return {
      id: 'object',
      label: `${objector} 对开标记录提出异议 (objects to the opening record)`,
      due: later(readOutAt, 25 * MINUTE),
      play: async () =>
        void (await respondToOpeningRecord(await cast.as(objector), {
          projectId: t.projectId,
          kind: 'objection',
          text: '唱标时我单位的工期读作 365 天，投标函中为 300 天，请核实。',
        })),
    };
  }
  const open = t.responses.find((r) => r.kind === 'objection' && !r.answeredAt);
  if (open) {
    return {
      id: 'answer',
      label: '招标人 当场答复异议 (answers the objection on the spot)',
      due: later(open.respondedAt, 10 * MINUTE),
      play: async () =>
        void (await answerOpeningObjection(await cast.as(HOST), {
          projectId: t.projectId,
          objectionId: open.id,
          answer: '经核对投标函，工期以投标函为准，开标记录所载内容与投标函一致，异议不成立。',
        })),
    };
  }
  return null;
}

/**
 * The tenderer's draw value: its own secret, kept nowhere but derivable by the tenderer alone
 * (an HMAC under its opening-key holder key), so a restarted demo reveals what it committed.
 */
function tendererDrawValue(stage: DemoStage, sectionId: string): string {
  return createHmac('sha256', stage.keys.holders.tenderer.privateKeyPem)
    .update(`zhaocai-demo-draw:${sectionId}`)
    .digest('hex');
}

/** Committee: requested with the tenderer's commitment, frozen, revealed and drawn (C5, C6). */
function committeeStep(stage: DemoStage, cast: Cast, t: DemoTenderState): Step | null {
  const { committee, sectionId } = t;
  const readOutAt = t.hall!.readOutAt!;
  if (!committee) {
    // The committee sits at 09:00 (Beijing time) the day after the opening.
    const cst = new Date(Date.parse(readOutAt) + 8 * HOUR);
    const evaluationAt = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), cst.getUTCDate() + 1, 1));
    return {
      id: 'request-committee',
      label: '招标人 申请抽取评标委员会 (requests a committee of five)',
      due: later(readOutAt, HOUR),
      play: async () =>
        void (await requestCommittee(await cast.as(HOST), {
          sectionId,
          body: {
            size: 5,
            tendererRepresentatives: 0,
            requirements: [
              { specialty: DEMO_TECHNICAL_SPECIALTY, category: 'technical', count: 4 },
              { specialty: DEMO_ECONOMIC_SPECIALTY, category: 'economic', count: 1 },
            ],
            evaluationAt: evaluationAt.toISOString(),
          },
        })),
    };
  }
  const tenderer = committee.parties.find((p) => p.party === 'tenderer');
  const value = tendererDrawValue(stage, sectionId);
  if (!tenderer && committee.status === 'committing') {
    return {
      id: 'commit',
      label: '招标人 提交抽取承诺值 (commits its draw value)',
      due: later(committee.createdAt, 5 * MINUTE),
      play: async () =>
        void (await commitDrawValue(await cast.as(HOST), {
          sectionId,
          party: 'tenderer',
          commitment: drawCommitment(drawCrypto(committee.algorithm as DrawHashAlgorithm), 'tenderer', value),
        })),
    };
  }
  if (committee.status === 'committing') {
    return {
      id: 'freeze',
      label: '平台运营 冻结可抽专家名单 (freezes the eligible experts)',
      due: later(tenderer!.committedAt, HOUR),
      play: async () => void (await freezeEligibleExperts(await cast.as('operator'), { sectionId })),
    };
  }
  if (tenderer && !tenderer.revealedAt) {
    return {
      id: 'reveal',
      label: '招标人 公开抽取原值 (reveals its draw value)',
      due: later(committee.frozenAt!, 10 * MINUTE),
      play: async () =>
        void (await revealDrawValue(await cast.as(HOST), { sectionId, party: 'tenderer', value })),
    };
  }
  if (committee.status !== 'drawn') {
    return {
      id: 'draw',
      label: '平台运营 随机抽取评标专家 (draws the committee)',
      due: later(committee.frozenAt!, 20 * MINUTE),
      play: async () => void (await drawCommittee(await cast.as('operator'), { sectionId })),
    };
  }
  if (!t.evaluation) {
    return {
      id: 'open-evaluation',
      label: '招标人 开启评标 (opens the evaluation)',
      due: new Date(committee.evaluationAt),
      play: async () => void (await openEvaluation(await cast.as(HOST), { sectionId })),
    };
  }
  return null;
}

function evaluationStep(cast: Cast, t: DemoTenderState): Step | null {
  const e = t.evaluation!;
  if (e.session.status === 'finalised') return null;
  const { sectionId } = t;
  const openedAt = e.session.openedAt;
  const seat = (m: Member) => `M${m.seat} ${m.name}`;
  for (const m of e.members) {
    const votes = e.votes.filter((v) => v.expertId === m.expertId).length;
    if (votes >= e.bids.length * e.settings.requirements.length) continue;
    return {
      id: 'review',
      label: `评标专家 ${seat(m)} 完成资格与符合性审查 (votes the review)`,
      due: later(openedAt, (20 + 5 * m.seat) * MINUTE),
      play: async () =>
        void (await castReviewVotes(await cast.member(m), {
          sectionId,
          votes: e.bids.flatMap((b) =>
            e.settings.requirements.map((r) => ({ bidId: b.bidId, requirementId: r.id, pass: true })),
          ),
        })),
    };
  }
  const chair = e.members[0]!;
  if (!e.session.chairExpertId) {
    const m = e.members.find((member) => !e.nominations.some((n) => n.expertId === member.expertId))!;
    return {
      id: 'nominate',
      label: `评标专家 ${seat(m)} 推选 ${seat(chair)} 为负责人 (nominates the chair)`,
      due: later(openedAt, (50 + 2 * m.seat) * MINUTE),
      play: async () =>
        void (await nominateChair(await cast.member(m), { sectionId, expertId: chair.expertId })),
    };
  }
  if (e.settings.method === 'comprehensive' && !e.report) {
    const m = e.members.find((member) => !e.sheets.has(member.expertId));
    if (m) {
      return {
        id: 'score',
        label: `评标专家 ${seat(m)} 提交评分表 (saves its score sheet)`,
        due: later(openedAt, 2 * HOUR + 10 * m.seat * MINUTE),
        play: async () =>
          void (await saveScoreSheet(await cast.member(m), { sectionId, entries: scoreSheetOf(e, m) })),
      };
    }
  }
  const elected = e.members.find((m) => m.expertId === e.session.chairExpertId)!;
  const chairCtx = () => cast.member(elected);
  const warning = e.report
    ? undefined
    : priceFindings(e).warnings.find((w) => !e.clarifications.some((c) => c.bidId === w.bidId));
  if (warning) {
    return {
      id: 'clarify',
      label: `评标委员会负责人 ${seat(elected)} 记录异常低价澄清 (records a clarification of a low price)`,
      due: later(openedAt, 3 * HOUR),
      play: async () =>
        void (await recordClarification(await chairCtx(), {
          sectionId,
          bidId: warning.bidId,
          decision: 'accepted',
          note: '投标人书面说明了报价构成并提供了主要材料采购合同，说明成立。',
        })),
    };
  }
  if (!e.report) {
    return {
      id: 'draft',
      label: `评标委员会负责人 ${seat(elected)} 起草评标报告 (drafts the report)`,
      due: later(openedAt, 3.5 * 60 * MINUTE),
      play: async () => void (await draftEvaluationReport(await chairCtx(), { sectionId })),
    };
  }
  const report = e.report;
  const unsigned = e.members.find((m) => !e.signatures.some((s) => s.expertId === m.expertId));
  if (unsigned) {
    return {
      id: 'sign',
      label: `评标专家 ${seat(unsigned)} 签署评标报告 (signs the report)`,
      due: later(report.createdAt, (20 + 5 * unsigned.seat) * MINUTE),
      play: async () =>
        void (await signEvaluationReport(await cast.member(unsigned), {
          sectionId,
          reportSha256: report.reportSha256,
          kind: 'signed',
        })),
    };
  }
  return {
    id: 'finalise',
    label: `评标委员会负责人 ${seat(elected)} 评标报告定稿 (finalises the report)`,
    due: later(report.createdAt, HOUR),
    play: async () => void (await finaliseEvaluationReport(await chairCtx(), { sectionId })),
  };
}

/** Scores of the criteria the members mark (the price criterion is the formula's), varied by seat. */
function scoreSheetOf(e: EvaluationState, m: Member) {
  const marked = e.settings.criteria.filter((c) => c.name !== e.settings.priceCriterion);
  return e.bids.flatMap((b, i) =>
    marked.map((c) => {
      const spread = ((m.seat * 7 + i * 5 + c.name.length) % 9) / 100;
      return { bidId: b.bidId, criterion: c.name, points: Math.round(c.weight * (0.78 + spread) * 4) / 4 };
    }),
  );
}

function awardStep(stage: DemoStage, cast: Cast, t: DemoTenderState): Step | null {
  const a = t.award;
  if (!a?.report) return null;
  const { sectionId } = t;
  if (!a.publicity) {
    return {
      id: 'publish',
      label: '招标人 公示中标候选人 (publishes the candidates, T7)',
      due: later(a.report.finalisedAt, 20 * HOUR),
      play: async () =>
        void (await publishCandidates(await cast.as(HOST), {
          sectionId,
          remarks: '对评标结果有异议的，请于公示期内向招标人书面提出。联系人：陈明 0591-87654321',
        })),
    };
  }
  if (!a.decision) {
    const first = a.report.candidates[0]!;
    return {
      id: 'award',
      label: `招标人 确定中标人并发出中标通知书 (awards ${first.bidderName})`,
      due: later(a.publicity.endsAt, 2 * HOUR),
      play: async () =>
        void (await awardSection(await cast.as(HOST), { sectionId, choice: { bidId: first.bidId } })),
    };
  }
  const decision = a.decision;
  if (!a.contract) {
    return {
      id: 'contract',
      label: '招标人 签订书面合同并记录履约保证金 (records the contract, C4 and T8)',
      due: later(decision.awardedAt, 2 * DAY),
      play: async () => {
        const ctx = await cast.as(HOST);
        const amountFen = Number(decision.priceFen);
        await recordContract(ctx, stage.blobs, {
          sectionId,
          amountFen,
          performanceBondFen: Math.floor(amountFen / 20),
          signedAt: ctx.clock.now().toISOString(),
          filename: '施工合同.pdf',
          content: Buffer.from(`%PDF-1.4\n% 招采演示 施工合同 ${sectionId}\n`),
        });
      },
    };
  }
  if (!a.supervisorReport) {
    return {
      id: 'supervisor-report',
      label: '招标人 向行政监督部门提交招标投标情况书面报告 (reports to the supervisor, T9)',
      due: later(decision.awardedAt, 3 * DAY),
      play: async () =>
        void (await reportToSupervisor(await cast.as(HOST), {
          sectionId,
          content:
            '本项目已依法完成招标，评标委员会依法组建，评标报告已定稿，中标候选人公示期内无异议，已确定中标人并订立书面合同。',
        })),
    };
  }
  const owed = bondObligationsOf(a).find((o) => o.trigger && !o.refundedAt);
  if (owed) {
    return {
      id: 'refund',
      label: `招标人 退还 ${owed.bidderName} 的投标保证金 (refunds the bid bond, T10)`,
      due: later(a.contract.signedAt, DAY),
      play: async () =>
        void (await recordBondRefund(await cast.as(HOST), {
          sectionId,
          bidId: owed.bidId,
          reference: `退保-${owed.bidId.slice(0, 8)}`,
        })),
    };
  }
  return null;
}
