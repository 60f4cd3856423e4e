import { randomBytes } from 'node:crypto';
import { drawCrypto } from '../../../src/crypto/portable/draw-random.ts';
import { cstDate, DAY } from '../../../src/domain/cst.ts';
import { drawCommitment } from '../../../src/domain/evaluation/expert-draw.ts';
import { trustTestCas } from '../../support/sealed-bids.ts';
import type { TestService } from '../../support/services.ts';
import { decryptOwnBid, hall } from './opening-factory.ts';
import { HOUR, MINUTE, moveTo, ok, publishTender, put, submitBids, tokenOf } from './routed-tender.ts';
import { auth, get, type Party, party, post, upload } from './tender-factory.ts';

/** The stages of a whole tender, in order; `onStage` is called as each one ends. */
export type WholeTenderStage =
  'published' | 'clarified' | 'opened' | 'evaluated' | 'candidates' | 'awarded' | 'contracted';

export interface WholeTenderOptions {
  /**
   * Called when a stage has ended and before the next begins, e.g. to stop another service. The
   * run owns the test clock: a callback may let it move forward but not past the next stage's times.
   */
  readonly onStage?: (stage: WholeTenderStage) => Promise<void>;
}

/** The tender the run publishes, named so the records of its deal code can be told apart. */
export const WHOLE_TENDER_NAME = '滨江大道改造工程';
/** Bidders A–E bid these prices (fen); A–D decrypt, E does not (E7); no price is abnormally low. */
export const WHOLE_TENDER_PRICES_FEN = [452_000_000, 438_000_000, 465_000_000, 441_000_000, 440_000_000];

let runs = 0;

/**
 * One open tender of one section driven through every step of the trading platform's routes, by
 * its own fresh organisations (a tenderer, the platform operator, five bidders, seven experts):
 *
 * - published: created in 市政工程 / 350100 with a GM opening key, documents and announcement;
 * - clarified: a clarification moves the bid deadline and the opening a day later;
 * - opened: five sealed bids, a five-member committee requested with the tenderer's draw
 *   commitment, the hall opened, A–D decrypt, E does not, the bids are read out;
 * - evaluated: the committee drawn (the fifth expert category economic), every bid passes the
 *   compliance review, every member scores, the report (three candidates) signed and finalised;
 * - candidates: the candidates published an hour later;
 * - awarded: the first candidate awarded, the award revoked (not signed, 条例 55), the second awarded;
 * - contracted: the contract signed with a 100,000-yuan performance bond, the report to the supervisor.
 *
 * Every request must succeed; the first that does not throws with its status and body.
 */
export async function runWholeTender(
  trading: TestService,
  options: WholeTenderOptions = {},
): Promise<{ dealCode: string; projectId: string }> {
  const svc = trading;
  const stage = async (name: WholeTenderStage) => options.onStage?.(name);
  // Experts are unique by identity number and a draw picks from every expert of the specialty:
  // both are the run's own, so a service can run several whole tenders.
  const run = String(++runs).padStart(6, '0');
  const specialty = `市政道路 ${run}`;
  await trustTestCas(svc.deps.config);
  const tenderer = await party(svc, ['tenderer'], 'tenderer');
  const operator = await party(svc, ['platform_operator'], 'operator');
  const bidders: Party[] = [];
  for (const name of ['biddera', 'bidderb', 'bidderc', 'bidderd', 'biddere'])
    bidders.push(await party(svc, ['bidder'], name));

  const published = await publishTender(svc, tenderer, { name: WHOLE_TENDER_NAME });
  await stage('published');

  const newDeadline = new Date(Date.parse(published.deadline) + DAY).toISOString();
  ok(
    await post(svc, tenderer, `/api/projects/${published.projectId}/clarifications`, {
      title: '关于投标截止时间顺延的修改',
      body: '投标截止时间及开标时间顺延一日。',
      newBidDeadline: newDeadline,
    }),
    201,
  );
  const tender = { ...published, deadline: newDeadline };
  await stage('clarified');

  const bidIds = await submitBids(svc, tender, bidders, WHOLE_TENDER_PRICES_FEN);
  const deadline = Date.parse(tender.deadline);
  const committee = (path = '') => `/api/sections/${tender.sectionId}/committee${path}`;
  const evaluation = (path = '') => `/api/sections/${tender.sectionId}/evaluation${path}`;
  const award = (path = '') => `/api/sections/${tender.sectionId}/award${path}`;

  const experts: (Party & { expertId: string })[] = [];
  for (let i = 0; i < 7; i += 1) {
    const user = await party(svc, ['expert'], `expert${i}`);
    const created = ok(
      await post(svc, operator, '/api/experts', {
        name: `评标专家${'甲乙丙丁戊己庚'[i]}`,
        idNumber: `35010219${run}${String(i).padStart(3, '0')}X`,
        specialties: [specialty],
        region: '350100',
        category: i < 2 ? 'economic' : 'technical',
        userId: user.userId,
      }),
    ).json();
    experts.push({ ...user, expertId: created.id as string });
  }
  ok(
    await post(svc, tenderer, committee(), {
      size: 5,
      requirements: [
        { specialty, category: 'technical', count: 4 },
        { specialty, category: 'economic', count: 1 },
      ],
      evaluationAt: new Date(deadline + DAY).toISOString(),
    }),
  );
  const value = randomBytes(32).toString('hex');
  ok(
    await post(svc, tenderer, committee('/commitments'), {
      party: 'tenderer',
      commitment: drawCommitment(drawCrypto('sm3'), 'tenderer', value),
    }),
  );

  moveTo(svc, deadline);
  const room = hall(svc, tender.projectId);
  ok(await room.post(await tokenOf(svc, tenderer), '/open'));
  moveTo(svc, deadline + 5 * MINUTE);
  for (let i = 0; i < 4; i += 1) {
    await auth(svc, bidders[i]!);
    ok(await decryptOwnBid(svc, bidders[i]!, bidIds[i]!));
  }
  moveTo(svc, deadline + 31 * MINUTE);
  ok(await room.post(await tokenOf(svc, tenderer), '/read-out'));
  await stage('opened');

  moveTo(svc, deadline + HOUR);
  ok(await post(svc, operator, committee('/freeze')));
  ok(await post(svc, tenderer, committee('/reveals'), { party: 'tenderer', value }));
  ok(await post(svc, operator, committee('/draw')));
  const seats = ok(await get(svc, operator, committee('/draw-log'))).json().log.result.seats as {
    expertId: string;
  }[];
  const seated = new Set(seats.map((s) => s.expertId));
  const members = experts.filter((e) => seated.has(e.expertId));
  if (members.length !== 5) throw new Error(`the draw seated ${members.length} of this run's experts, not 5`);

  moveTo(svc, deadline + DAY);
  ok(await post(svc, tenderer, evaluation()));
  const votes = {
    votes: bidIds.slice(0, 4).flatMap((bidId) =>
      ['qualified', 'signed_sealed', 'responsive'].map((requirementId) => ({
        bidId,
        requirementId,
        pass: true,
      })),
    ),
  };
  for (const member of members) ok(await post(svc, member, evaluation('/votes'), votes));
  const chair = members[0]!;
  for (const member of members.slice(0, 3))
    ok(await post(svc, member, evaluation('/chair'), { expertId: chair.expertId }));
  for (const [i, member] of members.entries()) {
    const entries = bidIds.slice(0, 4).flatMap((bidId, k) => [
      { bidId, criterion: '技术方案', points: 30 + k * 2 + (i % 2) + 0.5 },
      { bidId, criterion: '商务资信', points: 15 + k },
    ]);
    ok(await put(svc, member, evaluation('/score-sheet'), { entries }));
  }
  const candidates = ok(await post(svc, chair, evaluation('/report'))).json().candidates as {
    bidId: string;
  }[];
  if (candidates.length !== 3) throw new Error(`the report named ${candidates.length} candidates, not 3`);
  const { report } = ok(await get(svc, chair, evaluation())).json();
  for (const member of members)
    ok(await post(svc, member, evaluation('/sign'), { reportSha256: report.reportSha256, kind: 'signed' }));
  ok(await post(svc, chair, evaluation('/finalise')));
  const reportDay = cstDate(svc.clock.now());
  await stage('evaluated');

  svc.clock.advance(HOUR);
  ok(await post(svc, tenderer, award('/publicity'), {}));
  await stage('candidates');

  const afterReport = (days: number, hhmm: string) =>
    Date.parse(`${reportDay}T${hhmm}:00.000+08:00`) + days * DAY;
  moveTo(svc, afterReport(4, '09:00'));
  ok(await post(svc, tenderer, award(), { bidId: candidates[0]!.bidId }));
  moveTo(svc, afterReport(6, '10:00'));
  ok(
    await post(svc, tenderer, award('/revocation'), {
      ground: 'not_signed',
      evidence: '催告后拒绝签订合同',
    }),
  );
  moveTo(svc, afterReport(7, '09:00'));
  ok(await post(svc, tenderer, award(), { bidId: candidates[1]!.bidId }));
  await stage('awarded');

  svc.clock.advance(2 * DAY);
  const query = new URLSearchParams({
    filename: '施工合同.pdf',
    amountFen: String(WHOLE_TENDER_PRICES_FEN[bidIds.indexOf(candidates[1]!.bidId)]),
    performanceBondFen: '10000000',
    signedAt: svc.clock.now().toISOString(),
  });
  ok(
    await upload(svc, tenderer, `${award('/contract')}?${query}`, Buffer.from('%PDF-1.7 施工合同（已签署）')),
  );
  ok(await post(svc, tenderer, award('/supervisor-report'), { content: '招标投标情况书面报告：……' }));
  await stage('contracted');

  return { dealCode: tender.dealCode, projectId: tender.projectId };
}
