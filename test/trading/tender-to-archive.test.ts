import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawCrypto } from '../../src/crypto/portable/draw-random.ts';
import { scheduledTaskActor } from '../../src/domain/actor.ts';
import { cstDate, DAY } from '../../src/domain/cst.ts';
import { isAppError } from '../../src/domain/errors.ts';
import { drawCommitment, type DrawLog, replayDrawLog } from '../../src/domain/evaluation/expert-draw.ts';
import { renderMessage } from '../../src/domain/messages.ts';
import { readCentralDirectory } from '../../src/store/zip-reader.ts';
import { verifyArchive } from '../../src/trading/archive/verify-archive.ts';
import { openDueHalls } from '../../src/trading/opening-hall/open-due-halls.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { verifyReceipt } from '../../src/trading/sealing/receipt-signature.ts';
import { recordTestOpeningKey, trustTestCas } from '../support/sealed-bids.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import type { BidSection } from './support/bid-factory.ts';
import { aBidForm, aPackagedBid, decryptOwnBid, hall } from './support/opening-factory.ts';
import { auth, get, type Party, party, post, upload } from './support/tender-factory.ts';

/**
 * Issue 5, first acceptance bullet: one tender driven entirely over HTTP, from a published project
 * to a verified archive — five sealed bids with receipts, the hall opened by the platform's
 * scheduler, four bids decrypted and one not (E7), the record confirmed and objected to, a
 * committee drawn verifiably, the evaluation online, the award with its publicity, contract and
 * refunds, and the archive that proves all of it.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CRITERIA = [
  { name: '技术方案', weight: 40 },
  { name: '商务资信', weight: 20 },
  { name: '投标报价', weight: 40 },
];
// Bidders A–D decrypt; E does not. D is abnormally low among the four (below 85 % of their mean).
const PRICES_FEN = [452_000_000, 438_000_000, 465_000_000, 350_000_000, 440_000_000];
const SPECIALTY = '市政道路';
const CONTRACT_FILENAME = '施工合同.pdf';
const contractFile = Buffer.from('%PDF-1.7 施工合同（已签署）');

const workDir = mkdtempSync(join(tmpdir(), 'zhaocai-e2e-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Where each entry's stored bytes lie in a ZIP file. */
async function entryRanges(path: string) {
  const file = await open(path, 'r');
  try {
    const ranges = [];
    for (const entry of await readCentralDirectory(file)) {
      const header = Buffer.alloc(30);
      await file.read(header, 0, 30, entry.localHeaderOffset);
      const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      ranges.push({ name: entry.name, start, size: entry.compressedSize });
    }
    return ranges;
  } finally {
    await file.close();
  }
}

/** The file verifyArchive names when it refuses an archive, or null when it accepts it. */
async function refusedFile(path: string, platformKeyPem: string): Promise<string | null> {
  try {
    await verifyArchive(path, { platformKeyPem });
    return null;
  } catch (error) {
    if (!isAppError(error) || error.code !== 'ARCHIVE_INVALID') throw error;
    const { file } = error.params as { file: string };
    expect(renderMessage(error.code, error.params, 'en-US')).toContain(file);
    return file;
  }
}

describe.each(DIALECTS)('a tender from publication to a verified archive, on %s', (dialect) => {
  let svc: TestService;
  let tenderer: Party;
  let operator: Party;
  /** Five bidders, A–E; E fails to decrypt its bid. */
  let bidders: Party[];
  /** Seven experts in the pool, each with a user account. */
  let experts: (Party & { expertId: string; name: string })[];
  let platformKeyPem: string;

  let section: BidSection;
  const bidIds: string[] = [];
  const receiptHashes: string[] = [];
  /** The seated members, in seat order, and the elected chair. */
  let members: (Party & { expertId: string; name: string })[];
  let chair: Party & { expertId: string };
  /** Decrypted bid packages as a member downloaded them: they must never reach the archive. */
  const plaintexts: Buffer[] = [];
  let candidates: { rank: number; bidId: string; priceFen: number }[];
  let reportFinalisedAt: string;
  let winnerBidId: string;
  let announcementId: string;

  const projectUrl = () => `/api/projects/${section.projectId}`;
  const committeeUrl = (path = '') => `/api/sections/${section.sectionId}/committee${path}`;
  const evaluationUrl = (path = '') => `/api/sections/${section.sectionId}/evaluation${path}`;
  const awardUrl = (path = '') => `/api/sections/${section.sectionId}/award${path}`;
  const moveTo = (iso: string) => {
    expect(Date.parse(iso), `the clock cannot go back to ${iso}`).toBeGreaterThanOrEqual(
      svc.clock.now().getTime(),
    );
    svc.clock.set(iso);
  };
  const atDeadline = (offsetMs = 0) =>
    moveTo(new Date(Date.parse(section.deadline) + offsetMs).toISOString());
  /** The party with a valid session token (sessions end with the test clock's hours). */
  const fresh = async <P extends Party>(who: P): Promise<P> => {
    await auth(svc, who);
    return who;
  };
  const put = async (who: Party, url: string, payload: object): Promise<LightMyRequestResponse> =>
    svc.app.inject({ method: 'PUT', url, headers: await auth(svc, who), payload });
  const ok = (response: LightMyRequestResponse, status = 200): LightMyRequestResponse => {
    expect(response.statusCode, response.body).toBe(status);
    return response;
  };
  const scheduler = () =>
    openDueHalls({ ...svc.system(), actor: scheduledTaskActor('opening-scheduler') }, (id, error) => {
      throw new Error(`the scheduler failed on ${id}: ${String(error)}`);
    });
  /** The project's publications to the hub: about the project, its section or its announcement. */
  const outboxCodes = async () =>
    (
      await tradingDb(svc.store.db)
        .selectFrom('outbox')
        .select('dataSetCode')
        .where('aggregateId', 'in', [section.projectId, section.sectionId, announcementId])
        .orderBy('seq')
        .execute()
    ).map((o) => o.dataSetCode);
  const auditActions = async () =>
    (
      await tradingDb(svc.store.db)
        .selectFrom('auditEvent')
        .select('action')
        .where('objectId', 'in', [section.projectId, section.sectionId, ...bidIds])
        .orderBy('seq')
        .execute()
    ).map((a) => a.action);

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    await trustTestCas(svc.deps.config);
    tenderer = await party(svc, ['tenderer'], 'tenderer');
    operator = await party(svc, ['platform_operator'], 'operator');
    bidders = [];
    for (const name of ['biddera', 'bidderb', 'bidderc', 'bidderd', 'biddere'])
      bidders.push(await party(svc, ['bidder'], name));
    experts = [];
    platformKeyPem = (await svc.app.inject({ url: '/api/platform/keys' })).json().receiptSigning.publicKeyPem;
  }, 60_000);
  afterAll(async () => svc?.close());

  it('publishes the project through the project routes: state-funded, must-tender, sealed for the hall', async () => {
    const issueStart = new Date(svc.clock.now().getTime() + HOUR);
    const deadline = new Date(issueStart.getTime() + 21 * DAY).toISOString();
    const created = ok(
      await post(svc, tenderer, '/api/projects', {
        name: '滨江大道改造工程（全流程）',
        procedure: 'open',
        qualification: 'post',
        mustTender: true,
        stateFunded: true,
        region: '350100',
        industry: 'construction',
        sealing: { suite: 'gm', openingKeyRemedy: false, decryptionWindowMinutes: 30 },
        sections: [
          {
            name: '一标段 道路工程',
            estimatedPrice: 5_000_000,
            controlPrice: 4_800_000,
            referencePrices: [],
            bidBond: 10_000,
            bidValidityDays: 90,
            evaluationMethod: 'comprehensive',
            criteria: CRITERIA,
          },
        ],
      }),
      201,
    ).json();
    const projectId = created.id as string;
    const openingKey = await recordTestOpeningKey(svc, await tokenOf(tenderer), projectId);
    section = {
      projectId,
      dealCode: created.dealCode,
      sectionId: created.sections[0].id,
      sectionCode: created.sections[0].code,
      deadline,
      tenderer,
      suite: 'gm',
      openingKey,
    };
    ok(
      await upload(
        svc,
        tenderer,
        `${projectUrl()}/documents?${new URLSearchParams({ kind: 'tender', filename: '招标文件.pdf' })}`,
        Buffer.from('%PDF-1.7 招标文件：投标人须知、评标办法（综合评估法）、合同条款'),
      ),
      201,
    );
    ok(
      await put(tenderer, `${projectUrl()}/announcement`, {
        title: '滨江大道改造工程招标公告',
        body: '招标条件、项目概况与招标范围、投标人资格要求、招标文件的获取、投标文件的递交……',
        documentIssueStart: issueStart.toISOString(),
        documentIssueEnd: new Date(issueStart.getTime() + 6 * DAY).toISOString(),
        bidDeadline: deadline,
        openingAt: deadline,
        objectionContact: '李工 0591-87654321',
      }),
    );
    const published = ok(await post(svc, tenderer, `${projectUrl()}/publish`)).json();
    expect(published).toMatchObject({ status: 'published', mustTender: true, stateFunded: true });
    announcementId = published.announcement.id as string;
    expect(await outboxCodes()).toEqual(['501', '502', '503']);
  });

  it('five bidders obtain the documents, seal packaged bids with bid forms and get receipts that verify', async () => {
    moveTo(new Date(Date.parse(section.deadline) - 18 * DAY).toISOString());
    for (const [i, bidder] of bidders.entries()) {
      ok(await post(svc, bidder, `${projectUrl()}/documents/obtain`));
      // One a minute: the read-out follows the order of submission.
      svc.clock.advance(MINUTE);
      const bidId = await aPackagedBid(
        svc,
        section,
        await fresh(bidder),
        aBidForm(PRICES_FEN[i]!, { 项目经理: `经理${'ABCDE'[i]}` }),
      );
      bidIds.push(bidId);
      const receipt = ok(await get(svc, bidder, `/api/bids/${bidId}/receipt`)).json();
      expect(await verifyReceipt(receipt, platformKeyPem)).toEqual({ ok: true });
      expect(JSON.parse(receipt.canonical)).toMatchObject({
        bidId,
        sectionId: section.sectionId,
        bidderOrganisationId: bidder.organisationId,
      });
      receiptHashes.push(JSON.parse(receipt.canonical).fileSha256 as string);
    }
    // Before the deadline nobody learns who bid (E4).
    expect((await get(svc, tenderer, `${projectUrl()}/bids`)).statusCode).toBe(422);
  });

  it('requests the committee and takes the parties’ commitments before the deadline', async () => {
    for (let i = 0; i < 7; i += 1) {
      const user = await party(svc, ['expert'], `expert${i}`);
      const created = ok(
        await post(svc, operator, '/api/experts', {
          name: `评标专家${'甲乙丙丁戊己庚'[i]}`,
          idNumber: `35010219800101${String(i).padStart(3, '0')}X`,
          specialties: [SPECIALTY],
          region: '350100',
          category: i < 2 ? 'economic' : 'technical',
          userId: user.userId,
        }),
      ).json();
      experts.push({ ...user, expertId: created.id as string, name: created.name as string });
    }
    ok(
      await post(svc, tenderer, committeeUrl(), {
        size: 5,
        requirements: [
          { specialty: SPECIALTY, category: 'technical', count: 4 },
          { specialty: SPECIALTY, category: 'economic', count: 1 },
        ],
        evaluationAt: new Date(Date.parse(section.deadline) + DAY).toISOString(),
      }),
    );
  });

  const tendererValue = randomBytes(32).toString('hex');
  const supervisorValue = randomBytes(32).toString('hex');

  it('commits the tenderer’s and the supervisor’s values (forwarded by the operator)', async () => {
    const crypto = drawCrypto('sm3');
    ok(
      await post(svc, tenderer, committeeUrl('/commitments'), {
        party: 'tenderer',
        commitment: drawCommitment(crypto, 'tenderer', tendererValue),
      }),
    );
    ok(
      await post(svc, operator, committeeUrl('/commitments'), {
        party: 'supervisor',
        commitment: drawCommitment(crypto, 'supervisor', supervisorValue),
      }),
    );
  });

  it('opens the hall through the platform’s scheduler at the announced time; four decrypt, one does not (E5–E7)', async () => {
    const room = hall(svc, section.projectId);
    atDeadline(-10 * MINUTE);
    ok(await room.post(await tokenOf(tenderer), '/sign-in'));
    for (const bidder of bidders) ok(await room.post(await tokenOf(bidder), '/sign-in'));

    atDeadline(-1);
    expect(await scheduler()).toEqual({ opened: [], windowsClosed: [] });
    atDeadline();
    expect(await scheduler()).toEqual({ opened: [section.projectId], windowsClosed: [] });

    atDeadline(5 * MINUTE);
    for (let i = 0; i < 4; i += 1) ok(await decryptOwnBid(svc, await fresh(bidders[i]!), bidIds[i]!));
    const host = ok(await room.get(await tokenOf(tenderer))).json();
    expect(host.progress).toMatchObject({ total: 5, decrypted: 4, pending: 1 });

    atDeadline(30 * MINUTE);
    expect(await scheduler()).toEqual({ opened: [], windowsClosed: [section.projectId] });
    // E7: the window is over; bidder E can no longer decrypt, and its bid is void (撤销).
    expect((await decryptOwnBid(svc, await fresh(bidders[4]!), bidIds[4]!)).statusCode).toBe(409);
  });

  it('reads out every bid and publishes the opening record; four confirm, E objects and is answered (E8, 条例 44)', async () => {
    const room = hall(svc, section.projectId);
    atDeadline(31 * MINUTE);
    const record = ok(await room.post(await tokenOf(tenderer), '/read-out')).json();
    expect(record).toMatchObject({ rule: 'E8', openingAt: section.deadline, openedAt: section.deadline });
    const lines = record.sections[0].lines;
    expect(lines.map((l: { bidId: string }) => l.bidId)).toEqual(bidIds);
    for (let i = 0; i < 4; i += 1)
      expect(lines[i]).toMatchObject({ status: 'decrypted', bidForm: 'present', priceFen: PRICES_FEN[i] });
    expect(lines[4]).toMatchObject({ status: 'failed_bidder', priceFen: null });
    expect(lines[4].statusText).toContain('撤销');

    atDeadline(32 * MINUTE);
    for (let i = 0; i < 4; i += 1)
      ok(await room.post(await tokenOf(bidders[i]!), '/record/responses', { kind: 'confirmed' }));
    const objection = ok(
      await room.post(await tokenOf(bidders[4]!), '/record/responses', {
        kind: 'objection',
        text: '我方投标文件未能解密，请核查平台解密记录',
      }),
    ).json();
    ok(
      await room.post(await tokenOf(tenderer), `/record/objections/${objection.id}/answer`, {
        answer: '经核查，贵方未在解密时限内完成解密，依法按撤销投标处理',
      }),
    );
    const after = ok(await room.get(await tokenOf(bidders[0]!))).json();
    expect(after.stage).toBe('read_out');
    expect(after.responses.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'confirmed',
      'objection',
    ]);
    const codes = await outboxCodes();
    expect(codes).toEqual(['501', '502', '503', '506', '507']);
  });

  it('freezes the eligible experts, reveals, draws; the DrawLog replays to the same committee (C5, C6)', async () => {
    atDeadline(HOUR);
    ok(await post(svc, operator, committeeUrl('/freeze')));
    ok(await post(svc, tenderer, committeeUrl('/reveals'), { party: 'tenderer', value: tendererValue }));
    ok(await post(svc, operator, committeeUrl('/reveals'), { party: 'supervisor', value: supervisorValue }));
    const drawn = ok(await post(svc, operator, committeeUrl('/draw'))).json();
    expect(drawn.status).toBe('drawn');
    expect(drawn.seats).toHaveLength(5);

    const { log, replay } = ok(await get(svc, operator, committeeUrl('/draw-log'))).json() as {
      log: DrawLog;
      replay: { matches: boolean };
    };
    expect(replay.matches).toBe(true);
    expect(log.commitments.map((c) => c.party).sort()).toEqual(['platform', 'supervisor', 'tenderer']);
    const replayed = replayDrawLog(drawCrypto(log.algorithm), log);
    expect(replayed.ok).toBe(true);
    if (!replayed.ok) return;
    expect(replayed.committee).toEqual(log.result.seats);
    const byExpert = new Map(experts.map((e) => [e.expertId, e]));
    members = replayed.committee.map((seat) => byExpert.get(seat.expertId)!);
    expect(members.every(Boolean)).toBe(true);
    expect(new Set(members.map((m) => m.expertId)).size).toBe(5);
    const seats = ok(await get(svc, tenderer, committeeUrl())).json().seats;
    expect(seats.map((s: { expert: unknown }) => s.expert)).toEqual([null, null, null, null, null]);
  });

  it('evaluates online: review votes, chair, score sheets, the abnormal price clarified, a draft of 3 candidates', async () => {
    atDeadline(DAY);
    ok(await post(svc, tenderer, evaluationUrl()));
    const state = ok(await get(svc, members[1]!, evaluationUrl())).json();
    expect(state.bids.map((b: { bidId: string }) => b.bidId).sort()).toEqual(bidIds.slice(0, 4).sort());

    for (const bidId of bidIds.slice(0, 4)) {
      const download = ok(await get(svc, members[1]!, evaluationUrl(`/bids/${bidId}/package`)));
      plaintexts.push(download.rawPayload);
    }
    // The bid its bidder failed to decrypt is not evaluated (E7).
    expect((await get(svc, members[1]!, evaluationUrl(`/bids/${bidIds[4]}/package`))).statusCode).toBe(404);

    const votes = {
      votes: bidIds.slice(0, 4).flatMap((bidId) =>
        ['qualified', 'signed_sealed', 'responsive'].map((requirementId) => ({
          bidId,
          requirementId,
          pass: true,
        })),
      ),
    };
    for (const member of members) ok(await post(svc, member, evaluationUrl('/votes'), votes));

    chair = members[0]!;
    for (const member of members.slice(0, 3))
      ok(await post(svc, member, evaluationUrl('/chair'), { expertId: chair.expertId }));
    const reviewed = ok(await get(svc, chair, evaluationUrl())).json();
    expect(reviewed.bids.every((b: { review: string }) => b.review === 'passed')).toBe(true);
    expect(reviewed.abnormalPrices.map((w: { bidId: string }) => w.bidId)).toEqual([bidIds[3]]);

    for (const [i, member] of members.entries()) {
      const entries = bidIds.slice(0, 4).flatMap((bidId, k) => [
        { bidId, criterion: '技术方案', points: 30 + k * 2 + (i % 2) },
        { bidId, criterion: '商务资信', points: 15 + k },
      ]);
      ok(await put(member, evaluationUrl('/score-sheet'), { entries }));
    }
    ok(
      await post(svc, chair, evaluationUrl('/clarifications'), {
        bidId: bidIds[3],
        decision: 'accepted',
        note: '投标人书面说明并提供了成本构成证明',
      }),
    );
    const drafted = ok(await post(svc, chair, evaluationUrl('/report'))).json();
    candidates = drafted.candidates;
    expect(candidates.map((c) => c.rank)).toEqual([1, 2, 3]);
    expect(bidIds.slice(0, 4)).toEqual(expect.arrayContaining(candidates.map((c) => c.bidId)));
  });

  it('records a dissent, every member signs the report’s SHA-256, the chair finalises it (E9, 条例 53)', async () => {
    const { report } = ok(await get(svc, chair, evaluationUrl())).json();
    expect(report.status).toBe('draft');
    ok(
      await post(svc, members[4]!, evaluationUrl('/dissent'), {
        opinion: '对第四家的成本说明有保留',
        reason: '证明材料不足以说明低于平均价的原因',
      }),
    );
    for (const member of members)
      ok(
        await post(svc, member, evaluationUrl('/sign'), {
          reportSha256: report.reportSha256,
          kind: 'signed',
        }),
      );
    ok(await post(svc, chair, evaluationUrl('/finalise')));
    reportFinalisedAt = svc.clock.now().toISOString();
    expect((await outboxCodes()).slice(5)).toEqual(['509', '520']);
  });

  it('publishes the candidates; a bidder objects and is answered; the first candidate is awarded after the publicity (T7, C8)', async () => {
    const dayAfterReport = (day: number, hhmm: string) =>
      new Date(
        Date.parse(`${cstDate(new Date(reportFinalisedAt))}T${hhmm}:00.000+08:00`) + day * DAY,
      ).toISOString();
    svc.clock.advance(HOUR);
    const publicity = ok(
      await post(svc, tenderer, awardUrl('/publicity'), {
        remarks: '对评标结果有异议的，请在公示期内书面提出',
      }),
    ).json();
    expect(publicity.endsAt).toBe(new Date(Date.parse(dayAfterReport(3, '00:00')) + DAY - 1).toISOString());

    // The bidder ranked outside the candidates objects during the publicity.
    const objector = bidders[bidIds.findIndex((id, i) => i < 4 && !candidates.some((c) => c.bidId === id))]!;
    const raised = ok(
      await post(svc, objector, awardUrl('/objections'), { body: '我方技术方案得分偏低，请复核' }),
    ).json();
    moveTo(dayAfterReport(2, '10:00'));
    ok(
      await post(svc, tenderer, awardUrl(`/objections/${raised.id}/reply`), {
        reply: '经评标委员会复核，评分无误',
      }),
    );

    moveTo(dayAfterReport(4, '09:00'));
    winnerBidId = candidates[0]!.bidId;
    expect((await post(svc, tenderer, awardUrl(), { bidId: candidates[1]!.bidId })).statusCode).toBe(422);
    const awarded = ok(await post(svc, tenderer, awardUrl(), { bidId: winnerBidId })).json();
    expect(awarded).toMatchObject({ outcome: 'awarded', award: { bidId: winnerBidId, rule: 'C8' } });
    // The result is public: the committee's names may be shown now, and not before (法 37).
    const seats = ok(await get(svc, tenderer, committeeUrl())).json().seats;
    expect(seats.map((s: { expert: { name: string } | null }) => s.expert?.name)).toEqual(
      members.map((m) => m.name),
    );
  });

  it('tells each bidder its own result only', async () => {
    for (const [i, bidder] of bidders.entries()) {
      const own = ok(await get(svc, bidder, `/api/bids/${bidIds[i]}/award-result`)).json();
      expect(own.outcome, `bidder ${'ABCDE'[i]}`).toBe(bidIds[i] === winnerBidId ? 'won' : 'not_won');
      const someoneElse = bidIds[(i + 1) % bidIds.length]!;
      expect((await get(svc, bidder, `/api/bids/${someoneElse}/award-result`)).statusCode).toBe(404);
    }
    const winner = bidders[bidIds.indexOf(winnerBidId)]!;
    const notices = ok(await get(svc, winner, '/api/notices?kind=award_notice')).json();
    expect(notices.items).toHaveLength(1);
  });

  it('records the contract with a performance bond, reports to the supervisor and refunds every bid bond (T8–T10, C4)', async () => {
    svc.clock.advance(2 * DAY);
    const amountFen = candidates[0]!.priceFen;
    const query = new URLSearchParams({
      filename: CONTRACT_FILENAME,
      amountFen: String(amountFen),
      performanceBondFen: String(amountFen / 10),
      signedAt: svc.clock.now().toISOString(),
    });
    const recorded = ok(
      await upload(svc, tenderer, `${awardUrl('/contract')}?${query}`, contractFile),
    ).json();
    expect(recorded).toMatchObject({
      amountFen,
      performanceBondFen: amountFen / 10,
      fileSha256: sha256(contractFile),
    });
    ok(await post(svc, tenderer, awardUrl('/supervisor-report'), { content: '招标投标情况书面报告：……' }));

    svc.clock.advance(DAY);
    const timeline = ok(await get(svc, tenderer, awardUrl('/timeline'))).json();
    expect(timeline.bondRefunds.map((b: { bidId: string }) => b.bidId).sort()).toEqual([...bidIds].sort());
    for (const bidId of bidIds) {
      const refund = ok(
        await post(svc, tenderer, awardUrl('/bond-refunds'), {
          bidId,
          reference: `退还 ${bidId.slice(0, 8)}`,
        }),
      ).json();
      expect(refund.timing).toMatchObject({ status: 'done', violation: null });
    }
  });

  it('has published each step to the hub in order, and audited the key actions', async () => {
    // 501 project, 502 section, 503 announcement; 506 opening record, 507 bids opened; 509 report,
    // 520 evaluation details; 510/511 candidates and publicity; 513 result; 512 contract, 523 bond; 400 report.
    expect(await outboxCodes()).toEqual([
      '501',
      '502',
      '503',
      '506',
      '507',
      '509',
      '520',
      '510',
      '511',
      '513',
      '512',
      '523',
      '400',
    ]);
    const actions = await auditActions();
    const order = [
      'project.published',
      'bid.submitted',
      'opening.opened',
      'opening.window_closed',
      'opening.read_out',
      'opening.objection_answered',
      'committee.drawn',
      'evaluation.opened',
      'evaluation.report_finalised',
      'award.candidates_published',
      'award.awarded',
      'award.contract_recorded',
      'award.supervisor_reported',
      'award.bond_refunded',
    ];
    const positions = order.map((action) => actions.indexOf(action));
    expect(Object.fromEntries(order.map((a, i) => [a, positions[i]! >= 0]))).toEqual(
      Object.fromEntries(order.map((a) => [a, true])),
    );
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('exports an archive that verifies and holds the whole tender, never a plaintext; a flipped byte is named', async () => {
    const response = ok(await get(svc, tenderer, `${projectUrl()}/archive`));
    expect(response.headers['content-type']).toBe('application/zip');
    const zip = response.rawPayload;
    const path = join(workDir, `${dialect}-archive.zip`);
    await writeFile(path, zip);
    const verified = await verifyArchive(path, { platformKeyPem });
    expect(verified.manifest.projectId).toBe(section.projectId);

    const files = unzipSync(zip);
    const text = (name: string) => {
      expect(files[name], `the archive holds ${name}`).toBeDefined();
      return Buffer.from(files[name]!).toString();
    };
    const record = JSON.parse(text('opening/opening-record.json'));
    expect(JSON.stringify(record)).toContain(bidIds[4]);

    // Every envelope, as received (the receipt's SHA-256), with its receipt.
    const envelopes = Object.keys(files).filter((n) => n.endsWith('/envelope.zcbe'));
    expect(envelopes.map((n) => sha256(files[n]!)).sort()).toEqual([...receiptHashes].sort());
    expect(Object.keys(files).filter((n) => n.endsWith('/receipt.json'))).toHaveLength(5);

    const events = text('audit/events.jsonl')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { action: string }).action);
    for (const action of [
      'project.published',
      'bid.submitted',
      'opening.opened',
      'opening.read_out',
      'opening.objection_answered',
      'committee.drawn',
      'evaluation.report_finalised',
      'award.objection_answered',
      'award.awarded',
      'award.contract_recorded',
      'award.bond_refunded',
    ])
      expect(events, `audit/events.jsonl holds ${action}`).toContain(action);
    expect(events.at(-1)).toBe('project.archive_exported');

    // No decrypted plaintext: neither a decrypted package nor a slice of one.
    const hashes = new Set(Object.values(files).map((bytes) => sha256(bytes)));
    for (const plaintext of plaintexts) {
      expect(plaintext.byteLength).toBeGreaterThan(3000);
      expect(hashes.has(sha256(plaintext))).toBe(false);
      expect(zip.includes(plaintext.subarray(1000, 1064))).toBe(false);
    }

    // The final evaluation report: archived once the result is published.
    const evaluations = JSON.parse(text('evaluation/evaluations.json')) as {
      reports?: { status: string; candidates: string }[];
    }[];
    expect(
      evaluations[0]?.reports?.map((r) => r.status),
      'evaluation/evaluations.json holds the final evaluation report',
    ).toEqual(['final']);

    // The award: the contract's record and its signed file, as recorded.
    const awards = JSON.parse(text('award/awards.json')) as {
      decision: { bidId: string; rule: string };
      contract: { filename: string; amountFen: number; performanceBondFen: number; fileSha256: string };
      objections: { reply: string | null }[];
      bondRefunds: unknown[];
    }[];
    expect(awards).toHaveLength(1);
    expect(awards[0]!.decision).toMatchObject({ bidId: winnerBidId, rule: 'C8' });
    expect(awards[0]!.contract).toMatchObject({
      filename: CONTRACT_FILENAME,
      fileSha256: sha256(contractFile),
      performanceBondFen: candidates[0]!.priceFen / 10,
    });
    expect(awards[0]!.objections.map((o) => o.reply)).toEqual(['经评标委员会复核，评分无误']);
    expect(awards[0]!.bondRefunds).toHaveLength(5);
    expect(Buffer.from(text(`award/${section.sectionCode}/${CONTRACT_FILENAME}`))).toEqual(contractFile);

    // One flipped byte in the opening record: the verifier names the file.
    const range = (await entryRanges(path)).find((r) => r.name === 'opening/opening-record.json')!;
    const tampered = Buffer.from(zip);
    tampered[range.start + Math.floor(range.size / 2)]! ^= 0x01;
    const tamperedPath = join(workDir, `${dialect}-tampered.zip`);
    await writeFile(tamperedPath, tampered);
    expect(await refusedFile(tamperedPath, platformKeyPem)).toBe('opening/opening-record.json');
  });

  async function tokenOf(who: Party): Promise<string> {
    await auth(svc, who);
    return who.token;
  }
});
