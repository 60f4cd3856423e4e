import type { Actor } from '../domain/actor.ts';
import { AcceleratedClock, ManualClock, type Clock } from '../domain/clock.ts';
import { DAY, addDays } from '../domain/cst.ts';
import type { CreateProjectBody, ProjectInput } from '../domain/schemas/project-schemas.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { UseCaseContext } from '../store/context.ts';
import type { Db } from '../store/schema.ts';
import { findUserByUsername } from '../store/user-repository.ts';
import { applyForPrequalification } from '../trading/documents/apply-for-prequalification.ts';
import { obtainDocuments } from '../trading/documents/obtain-documents.ts';
import { publishClarification } from '../trading/documents/publish-clarification.ts';
import { raiseObjection } from '../trading/documents/raise-objection.ts';
import { replyObjection } from '../trading/documents/reply-objection.ts';
import { uploadTenderDocument } from '../trading/documents/upload-tender-document.ts';
import { createProject } from '../trading/projects/create-project.ts';
import { publishProject } from '../trading/projects/publish-project.ts';
import { saveAnnouncement } from '../trading/projects/save-announcement.ts';
import { recordEntrustment } from '../trading/projects/record-entrustment.ts';
import type { BidUploadFiles } from '../trading/bids/chunk-files.ts';
import { recordOpeningKey } from '../trading/opening/record-opening-key.ts';
import type { BidSealing } from '../trading/sealing/bid-sealing.ts';
import { tradingDb } from '../trading/schema.ts';
import type { LedgerService } from '../server/ledger-service.ts';
import { submitDemoBid } from './demo-bids.ts';
import { seedDemoExperts } from './demo-experts.ts';
import { type DemoScript, playDueSteps, type StepId } from './demo-lifecycle.ts';
import { demoOpeningKey } from './demo-opening-key.ts';
import type { DemoSealingKeys } from './demo-sealing-keys.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TENDER_DAYS = 21;
/** How long after the demo starts the live tender's deadline falls, in real time. */
const LIVE_LEAD_REAL_MS = 3 * MINUTE;

/** The tender the demo director plays while the demo runs (demo-director.ts). */
export const LIVE_DEMO_TENDER = {
  name: '福州市鼓楼区温泉公园提升改造工程',
  script: { silentBidders: ['bidder3'] } satisfies DemoScript,
} as const;

interface Seeder {
  readonly blobs: BlobStore;
  readonly sealing: BidSealing;
  readonly keys: DemoSealingKeys;
  /** The use-case context of a demo user at the seeding clock's time. */
  as(username: string): Promise<UseCaseContext>;
  /** The tender's remaining steps played on this clock up to `limit` (and before `stopBefore`). */
  play(projectId: string, limit: Date, stopBefore?: StepId): Promise<void>;
  /** A sealed bid by a demo bidder. */
  bid(username: string, sectionId: string, priceYuan: number): Promise<void>;
  readonly clock: ManualClock;
}

/**
 * Demo tenders at each stage of a tender's life, from the draft to the contract (and a failure
 * with its re-tender), so a newcomer can click through them at once, and the live tender the demo
 * director plays while the demo runs (demo-director.ts); experts join the pool first. Each is
 * played through the real use cases on a clock that starts in the past and moves forward, so
 * every audit event, deadline and receipt is consistent; every published tender has an opening
 * key and every bid is a sealed envelope. Runs once: only when the platform has no project yet.
 */
export async function seedDemoTenders(
  db: Db,
  blobs: BlobStore,
  files: BidUploadFiles,
  realClock: Clock,
  sealing: {
    readonly bidSealing: BidSealing;
    readonly keys: DemoSealingKeys;
    readonly ledger: LedgerService;
  },
): Promise<number> {
  const existing = await tradingDb(db).selectFrom('tenderProject').select('id').limit(1).execute();
  if (existing.length) return 0;
  const now = realClock.now();
  await seedDemoExperts(db, new ManualClock(addDays(now, -60)));
  const seeder = (start: Date): Seeder => {
    const clock = new ManualClock(start);
    const seeder: Seeder = {
      blobs,
      sealing: sealing.bidSealing,
      keys: sealing.keys,
      clock,
      async as(username) {
        const user = await findUserByUsername(db, username);
        if (!user) throw new Error(`demo user ${username} is missing`);
        const actor: Actor = {
          userId: user.id,
          username: user.username,
          organisationId: user.organisationId,
          roles: user.roles,
          ip: '127.0.0.1',
          userAgent: 'zhaocai-demo',
        };
        return { db, clock, actor, platform: 'trading' };
      },
      async play(projectId, limit, stopBefore) {
        const stage = { db, blobs, clock, keys: sealing.keys, hostOpensHall: true };
        for (;;) {
          const { next } = await playDueSteps(stage, projectId, { silentBidders: [] }, { stopBefore });
          if (!next || next.id === stopBefore || next.due.getTime() > limit.getTime()) return;
          clock.set(next.due);
        }
      },
      async bid(username, sectionId, priceYuan) {
        const keys = sealing.keys.bidders.get(username);
        if (!keys) throw new Error(`demo user ${username} has no sealing keys`);
        await submitDemoBid(
          { db, blobs, files, sealing: sealing.bidSealing, ledger: sealing.ledger },
          await seeder.as(username),
          keys,
          sectionId,
          priceYuan,
        );
      },
    };
    return seeder;
  };

  await draftProject(seeder(addDays(now, -1)));
  await openTender(seeder(addDays(now, -3)));
  await tenderWithClarificationAndObjection(seeder(addDays(now, -9)));
  await prequalificationTender(seeder(addDays(now, -2)));
  await closedTender(seeder(addDays(now, -25)));
  await laterTenders(seeder, now);
  const factor = realClock instanceof AcceleratedClock ? realClock.factor : 1;
  const liveDeadline = new Date(realClock.now().getTime() + Math.max(3 * HOUR, LIVE_LEAD_REAL_MS * factor));
  await tenderWithBids(seeder(new Date(addDays(liveDeadline, -TENDER_DAYS).getTime() - 2 * HOUR)), {
    name: LIVE_DEMO_TENDER.name,
    deadline: liveDeadline,
    // Six virtual hours to decrypt, 15 real seconds at ×1440: long enough to watch the hall.
    windowMinutes: 360,
    prices: { bidder1: 8_460_000, bidder2: 8_315_000, bidder3: 8_530_000 },
  });
  // Last, so that its deadline falls as close as possible to the moment the demo is up.
  const deadline = new Date(realClock.now().getTime() - MINUTE);
  await tenderInDecryption(seeder(new Date(addDays(deadline, -TENDER_DAYS).getTime() - 2 * HOUR)), deadline);
  return 11;
}

/**
 * The second half of a tender's life, one tender at each stage, played on from the bids by the
 * demo users' steps (demo-lifecycle.ts) up to the stage each shows at the demo's start.
 */
async function laterTenders(seeder: (start: Date) => Seeder, now: Date): Promise<void> {
  const at = (deadline: Date) => seeder(new Date(addDays(deadline, -TENDER_DAYS).getTime() - 2 * HOUR));
  const played = async (
    deadline: Date,
    tender: { name: string; prices: Record<string, number> },
    stopBefore?: StepId,
  ) => {
    const s = at(deadline);
    const projectId = await tenderWithBids(s, { ...tender, deadline });
    await s.play(projectId, now, stopBefore);
  };
  // Opened and read out; one bidder confirmed the record, another objected and was answered.
  await played(
    addDays(now, -1),
    {
      name: '福州市马尾区快安大道改造工程',
      prices: { bidder1: 6_120_000, bidder2: 6_240_000, bidder3: 6_060_000 },
    },
    'request-committee',
  );
  // Evaluated by a drawn committee; the candidates' publicity is running.
  await played(
    addDays(now, -3),
    {
      name: '福州市闽侯县上街镇污水管网工程',
      prices: { bidder1: 7_380_000, bidder2: 7_250_000, bidder3: 7_460_000 },
    },
    'award',
  );
  // Awarded, contracted with a performance bond, reported to the supervisor, bonds refunded.
  await played(addDays(now, -26), {
    name: '福州市长乐区滨海大道照明工程',
    prices: { bidder1: 4_180_000, bidder2: 4_090_000, bidder3: 4_260_000 },
  });
  // Two bids only: the opening fails under C1 and the tenderer drafts the tender again.
  await played(addDays(now, -15), {
    name: '福州市连江县城区停车场建设工程',
    prices: { bidder1: 3_050_000, bidder2: 3_110_000 },
  });
}

/**
 * A published one-section tender with a bid from each of `prices`' bidders, deadline `deadline`.
 * Without the opening-key remedy, so a bid its bidder does not decrypt fails (E7); two hours to
 * decrypt unless told otherwise; the price criterion is scored by the formula.
 */
async function tenderWithBids(
  s: Seeder,
  tender: { name: string; deadline: Date; prices: Record<string, number>; windowMinutes?: number },
): Promise<string> {
  const estimated = Math.round(Math.max(...Object.values(tender.prices)) * 1.06);
  const created = await createProject(
    await s.as('tenderer'),
    project(tender.name, {
      sealing: { suite: 'gm', openingKeyRemedy: false, decryptionWindowMinutes: tender.windowMinutes ?? 120 },
      industry: '市政工程',
      sections: [
        {
          ...sectionInput('施工', estimated, 'comprehensive'),
          criteria: [
            { name: '技术标', weight: 40 },
            { name: '商务标', weight: 20 },
            { name: '投标报价', weight: 40 },
          ],
        },
      ],
    }),
  );
  await publishWithSchedule(s, created.id, { deadline: tender.deadline });
  for (const bidder of Object.keys(tender.prices))
    await obtainDocuments(await s.as(bidder), { projectId: created.id });
  s.clock.advance(10 * DAY);
  for (const [bidder, price] of Object.entries(tender.prices)) {
    await s.bid(bidder, created.sections[0]!.id, price);
    s.clock.advance(HOUR);
  }
  return created.id;
}

function sectionInput(name: string, estimated: number, method: 'comprehensive' | 'lowest_price') {
  return {
    name,
    estimatedPrice: estimated,
    controlPrice: Math.round(estimated * 0.98),
    referencePrices: [],
    bidBond: Math.round(estimated * 0.015),
    bidValidityDays: 90,
    evaluationMethod: method,
    criteria:
      method === 'comprehensive'
        ? [
            { name: '技术标', weight: 40 },
            { name: '商务标', weight: 20 },
            { name: '报价', weight: 40 },
          ]
        : [],
  } satisfies ProjectInput['sections'][number];
}

function project(name: string, overrides: Partial<CreateProjectBody> = {}): CreateProjectBody {
  return {
    name,
    procedure: 'open',
    qualification: 'post',
    mustTender: true,
    stateFunded: true,
    sealing: { suite: 'gm', openingKeyRemedy: true, decryptionWindowMinutes: 60 },
    region: '福建省福州市',
    industry: '房屋建筑和市政工程',
    sections: [sectionInput('施工', 12_800_000, 'comprehensive')],
    ...overrides,
  };
}

/**
 * Publishes with a lawful schedule: issue from in an hour (or 21 days before `deadline`) for 5 days,
 * deadline 21 days after the issue starts; the opening key is recorded first, as publication needs.
 */
async function publishWithSchedule(
  s: Seeder,
  projectId: string,
  extra: { prequalificationDeadlineDays?: number; tenderDays?: number; deadline?: Date } = {},
): Promise<void> {
  const tenderer = await s.as('tenderer');
  const { name } = await tradingDb(tenderer.db)
    .selectFrom('tenderProject')
    .select('name')
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  const start = extra.deadline
    ? addDays(extra.deadline, -TENDER_DAYS)
    : new Date(s.clock.now().getTime() + HOUR);
  const deadline = extra.deadline ?? addDays(start, extra.tenderDays ?? TENDER_DAYS);
  await uploadTenderDocument(tenderer, s.blobs, {
    projectId,
    kind: extra.prequalificationDeadlineDays ? 'prequalification' : 'tender',
    filename: extra.prequalificationDeadlineDays ? '资格预审文件.pdf' : '招标文件.pdf',
    content: Buffer.from(`%PDF-1.4\n% 招采演示文件 ${projectId}\n`),
  });
  await saveAnnouncement(tenderer, {
    projectId,
    announcement: {
      title: `${name}${extra.prequalificationDeadlineDays ? '资格预审公告' : '招标公告'}`,
      body: '本招标项目已由有关部门批准建设，资金来自财政资金，项目已具备招标条件，现对该项目进行公开招标。投标人须具备相应资质。',
      documentIssueStart: start.toISOString(),
      documentIssueEnd: addDays(start, 6).toISOString(),
      bidDeadline: deadline.toISOString(),
      openingAt: deadline.toISOString(),
      prequalificationDeadline: extra.prequalificationDeadlineDays
        ? addDays(start, 6 + extra.prequalificationDeadlineDays).toISOString()
        : null,
      objectionContact: '陈明 0591-87654321',
      invitedOrganisationIds: [],
    },
  });
  await recordOpeningKey(tenderer, {
    projectId,
    openingKey: await demoOpeningKey(s.keys, await s.sealing.keys),
    platformKeys: await s.sealing.keys,
  });
  await publishProject(tenderer, { projectId });
  s.clock.advance(2 * HOUR);
}

async function draftProject(s: Seeder): Promise<void> {
  await createProject(await s.as('tenderer'), project('福州市鼓楼区背街小巷提升改造工程'));
}

async function openTender(s: Seeder): Promise<void> {
  const created = await createProject(
    await s.as('tenderer'),
    project('福州市城区供水管网改造工程施工', {
      sections: [
        sectionInput('第一标段（鼓楼区）', 8_600_000, 'comprehensive'),
        sectionInput('第二标段（台江区）', 7_200_000, 'lowest_price'),
      ],
    }),
  );
  await publishWithSchedule(s, created.id);
  await obtainDocuments(await s.as('bidder1'), { projectId: created.id });
  await obtainDocuments(await s.as('bidder2'), { projectId: created.id });
  s.clock.advance(DAY);
  await s.bid('bidder1', created.sections[0]!.id, 129_000);
}

async function tenderWithClarificationAndObjection(s: Seeder): Promise<void> {
  await recordEntrustment(await s.as('tenderer'), {
    agencyOrganisationId: (await s.as('agency')).actor.organisationId!,
    scope: '福州市城乡建设发展中心 2026 年度市政工程招标代理',
  });
  const agency = await s.as('agency');
  const created = await createProject(
    agency,
    project('闽江北岸滨江步道景观工程', {
      tendererOrganisationId: (await s.as('tenderer')).actor.organisationId!,
      industry: '园林绿化',
      sections: [sectionInput('景观施工', 5_400_000, 'comprehensive')],
    }),
  );
  await publishWithSchedule(s, created.id);
  await obtainDocuments(await s.as('bidder2'), { projectId: created.id });
  await obtainDocuments(await s.as('bidder3'), { projectId: created.id });
  s.clock.advance(DAY);
  const objection = await raiseObjection(await s.as('bidder3'), {
    projectId: created.id,
    kind: 'tender',
    body: '招标文件第三章评分标准中“近三年类似业绩”的认定范围不明确，请予以澄清。',
  });
  s.clock.advance(DAY);
  await replyObjection(await s.as('agency'), {
    projectId: created.id,
    objectionId: objection.id,
    reply: '类似业绩指单项合同金额 300 万元以上的市政景观工程，以竣工验收证明为准。',
  });
  // Less than 15 days before the deadline: the amendment must extend it (T4).
  s.clock.advance(6 * DAY);
  await publishClarification(await s.as('agency'), {
    projectId: created.id,
    kind: 'tender',
    title: '第 1 号澄清：类似业绩认定',
    body: '根据异议答复，对招标文件第三章“近三年类似业绩”的认定范围澄清如下……',
    affectsPreparation: true,
    newBidDeadline: addDays(s.clock.now(), 16).toISOString(),
  });
}

async function prequalificationTender(s: Seeder): Promise<void> {
  const created = await createProject(
    await s.as('tenderer'),
    project('福州地铁 6 号线配套市政道路工程', {
      qualification: 'pre',
      sections: [sectionInput('道路施工', 36_000_000, 'comprehensive')],
    }),
  );
  await publishWithSchedule(s, created.id, { prequalificationDeadlineDays: 5, tenderDays: 30 });
  for (const bidder of ['bidder1', 'bidder2']) {
    await obtainDocuments(await s.as(bidder), { projectId: created.id });
    await applyForPrequalification(await s.as(bidder), s.blobs, {
      projectId: created.id,
      filename: '资格预审申请文件.pdf',
      content: Buffer.from(`%PDF-1.4\n% ${bidder} 资格预审申请\n`),
    });
  }
}

async function closedTender(s: Seeder): Promise<void> {
  const created = await createProject(
    await s.as('tenderer'),
    project('福州市仓山区第二中学教学楼新建工程', {
      industry: '房屋建筑',
      sections: [sectionInput('施工总承包', 21_500_000, 'comprehensive')],
    }),
  );
  await publishWithSchedule(s, created.id);
  const prices = { bidder1: 20_860_000, bidder2: 21_120_000, bidder3: 20_540_000 };
  for (const bidder of Object.keys(prices))
    await obtainDocuments(await s.as(bidder), { projectId: created.id });
  s.clock.advance(10 * DAY);
  for (const [bidder, price] of Object.entries(prices)) {
    await s.bid(bidder, created.sections[0]!.id, price);
    s.clock.advance(HOUR);
  }
}

/**
 * A tender whose deadline has just passed, with its decryption window open (as long as the rules
 * allow: seven virtual days, seven real minutes at the default ×1440): the bidders can decrypt their
 * sealed bids in the browser at once.
 */
async function tenderInDecryption(s: Seeder, deadline: Date): Promise<void> {
  const created = await createProject(
    await s.as('tenderer'),
    project('福州市晋安区东部新城排涝泵站工程', {
      sealing: { suite: 'gm', openingKeyRemedy: true, decryptionWindowMinutes: 7 * 24 * 60 },
      industry: '水利工程',
      sections: [sectionInput('泵站施工', 9_300_000, 'lowest_price')],
    }),
  );
  await publishWithSchedule(s, created.id, { deadline });
  // Three bids: with fewer the platform's opening fails the tender under C1.
  const prices = { bidder1: 9_050_000, bidder2: 9_180_000, bidder3: 8_990_000 };
  for (const bidder of Object.keys(prices))
    await obtainDocuments(await s.as(bidder), { projectId: created.id });
  s.clock.advance(10 * DAY);
  for (const [bidder, price] of Object.entries(prices)) {
    await s.bid(bidder, created.sections[0]!.id, price);
    s.clock.advance(HOUR);
  }
}
