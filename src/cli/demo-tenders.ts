import type { Actor } from '../domain/actor.ts';
import { ManualClock, type Clock } from '../domain/clock.ts';
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
import { submitDemoBid } from './demo-bids.ts';
import { demoOpeningKey } from './demo-opening-key.ts';
import type { DemoSealingKeys } from './demo-sealing-keys.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TENDER_DAYS = 21;

interface Seeder {
  readonly blobs: BlobStore;
  readonly sealing: BidSealing;
  readonly keys: DemoSealingKeys;
  /** The use-case context of a demo user at the seeding clock's time. */
  as(username: string): Promise<UseCaseContext>;
  /** A sealed bid by a demo bidder. */
  bid(username: string, sectionId: string, priceYuan: number): Promise<void>;
  readonly clock: ManualClock;
}

/**
 * Demo tenders at each stage of the first half of a tender's life, so a newcomer can click through
 * them at once. Each is played through the real use cases on a clock that starts in the past and
 * moves forward, so every audit event, deadline and receipt is consistent; every published tender
 * has an opening key and every bid is a sealed envelope. Runs once: only when the platform has no
 * project yet.
 */
export async function seedDemoTenders(
  db: Db,
  blobs: BlobStore,
  files: BidUploadFiles,
  realClock: Clock,
  sealing: { readonly bidSealing: BidSealing; readonly keys: DemoSealingKeys },
): Promise<number> {
  const existing = await tradingDb(db).selectFrom('tenderProject').select('id').limit(1).execute();
  if (existing.length) return 0;
  const now = realClock.now();
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
      async bid(username, sectionId, priceYuan) {
        const keys = sealing.keys.bidders.get(username);
        if (!keys) throw new Error(`demo user ${username} has no sealing keys`);
        await submitDemoBid(
          { db, blobs, files, sealing: sealing.bidSealing },
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
  // Last, so that its deadline falls as close as possible to the moment the demo is up.
  const deadline = new Date(realClock.now().getTime() - MINUTE);
  await tenderInDecryption(seeder(new Date(addDays(deadline, -TENDER_DAYS).getTime() - 2 * HOUR)), deadline);
  return 6;
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
      title: '招标公告',
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
  const prices = { bidder1: 9_050_000, bidder2: 9_180_000 };
  for (const bidder of Object.keys(prices))
    await obtainDocuments(await s.as(bidder), { projectId: created.id });
  s.clock.advance(10 * DAY);
  for (const [bidder, price] of Object.entries(prices)) {
    await s.bid(bidder, created.sections[0]!.id, price);
    s.clock.advance(HOUR);
  }
}
