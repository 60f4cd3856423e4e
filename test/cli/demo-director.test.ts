import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirector } from '../../src/cli/demo-director.ts';
import { demoUserContext } from '../../src/cli/demo-actors.ts';
import { DEMO_EXPERTS } from '../../src/cli/demo-experts.ts';
import { seedDemoPlatform } from '../../src/cli/demo-seed.ts';
import { type DemoSealingKeys, prepareDemoSealingKeys } from '../../src/cli/demo-sealing-keys.ts';
import { LIVE_DEMO_TENDER, seedDemoTenders } from '../../src/cli/demo-tenders.ts';
import { scheduledTaskActor, systemActor } from '../../src/domain/actor.ts';
import { BidUploadFiles } from '../../src/trading/bids/chunk-files.ts';
import { exportProjectArchive } from '../../src/trading/archive/export-project-archive.ts';
import { openDueHalls } from '../../src/trading/opening-hall/open-due-halls.ts';
import { bidSealingFor } from '../../src/trading/sealing/bid-sealing.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';

const MINUTE = 60_000;

/**
 * The demo's second half: `seedDemoTenders` plays tenders into the past up to each later stage,
 * and the demo director plays the live tender on the test service's manual clock, with the
 * platform's scheduler step (openDueHalls) run as the demo's scheduler would run it, until the
 * contract is recorded and the bonds refunded. Every step is the demo user's own audited act; a
 * second director (a restarted demo) finds nothing left to do.
 */
describe.each(DIALECTS)('the demo director (%s)', (dialect) => {
  let svc: TestService;
  let keys: DemoSealingKeys;
  let liveId: string;
  const db = () => tradingDb(svc.store.db);
  const projectNamed = (name: string) =>
    db().selectFrom('tenderProject').selectAll().where('name', '=', name).orderBy('createdAt').execute();

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    await seedDemoPlatform({
      db: svc.store.db,
      clock: svc.clock,
      actor: systemActor('demo'),
      platform: 'trading',
    });
    // In the service's data directory, whose trust store the demo CAs join.
    keys = await prepareDemoSealingKeys(svc.deps.config.dataDir, svc.clock.now());
    await seedDemoTenders(
      svc.store.db,
      svc.deps.blobs,
      BidUploadFiles.forConfig(svc.deps.config),
      svc.clock,
      {
        bidSealing: bidSealingFor(svc.deps.config),
        keys,
        ledger: svc.deps.ledger,
      },
    );
    liveId = (await projectNamed(LIVE_DEMO_TENDER.name))[0]!.id;
  }, 240_000);

  afterAll(async () => {
    await svc?.close();
  });

  it('seeds experts with accounts and a tender at each later stage, already past', async () => {
    const pool = await db().selectFrom('expert').select(['name', 'userId']).execute();
    expect(pool).toHaveLength(DEMO_EXPERTS.length);
    expect(pool.every((e) => e.userId)).toBe(true);

    const [opened] = await projectNamed('福州市马尾区快安大道改造工程');
    const responses = await db()
      .selectFrom('openingRecordResponse')
      .selectAll()
      .where('projectId', '=', opened!.id)
      .execute();
    expect(responses.map((r) => r.kind).sort()).toEqual(['confirmed', 'objection']);
    expect(responses.find((r) => r.kind === 'objection')!.answer).toBeTruthy();

    const [evaluated] = await projectNamed('福州市闽侯县上街镇污水管网工程');
    const publicity = await db()
      .selectFrom('awardPublicity')
      .selectAll()
      .where('projectId', '=', evaluated!.id)
      .executeTakeFirstOrThrow();
    expect(Date.parse(publicity.startsAt)).toBeLessThanOrEqual(svc.clock.now().getTime());
    expect(Date.parse(publicity.endsAt)).toBeGreaterThan(svc.clock.now().getTime());
    const drawn = await db()
      .selectFrom('committeeRequest')
      .select(['status', 'seed'])
      .where('projectId', '=', evaluated!.id)
      .executeTakeFirstOrThrow();
    expect(drawn.status).toBe('drawn');
    expect(drawn.seed).toBeTruthy();
    const tendererParty = await db()
      .selectFrom('drawParty as d')
      .innerJoin('committeeRequest as r', 'r.id', 'd.requestId')
      .select(['d.revealedAt', 'd.substituted'])
      .where('r.projectId', '=', evaluated!.id)
      .where('d.party', '=', 'tenderer')
      .executeTakeFirstOrThrow();
    expect(tendererParty.revealedAt).toBeTruthy();
    expect(Number(tendererParty.substituted)).toBe(0);

    const [contracted] = await projectNamed('福州市长乐区滨海大道照明工程');
    const section = await db()
      .selectFrom('tenderSection')
      .select('id')
      .where('projectId', '=', contracted!.id)
      .executeTakeFirstOrThrow();
    const contract = await db()
      .selectFrom('awardContract')
      .selectAll()
      .where('sectionId', '=', section.id)
      .executeTakeFirstOrThrow();
    expect(Number(contract.performanceBondFen)).toBeGreaterThan(0);
    expect(
      await db()
        .selectFrom('awardSupervisorReport')
        .select('sectionId')
        .where('sectionId', '=', section.id)
        .execute(),
    ).toHaveLength(1);
    expect(
      await db().selectFrom('bidBondRefund').select('bidId').where('sectionId', '=', section.id).execute(),
    ).toHaveLength(3);
    const archive = await exportProjectArchive(await demoUserContext(svc.store.db, svc.clock, 'tenderer'), {
      projectId: contracted!.id,
      blobs: svc.deps.blobs,
      sealing: bidSealingFor(svc.deps.config),
      ledger: svc.deps.ledger,
    });
    let size = 0;
    for await (const chunk of archive.content) size += (chunk as Buffer).length;
    expect(size).toBeGreaterThan(0);

    const [failed, retender] = await projectNamed('福州市连江县城区停车场建设工程');
    expect(failed!.status).toBe('failed');
    const exception = await db()
      .selectFrom('tenderException')
      .selectAll()
      .where('projectId', '=', failed!.id)
      .executeTakeFirstOrThrow();
    expect(exception.ruleId).toBe('C1');
    expect(exception.retenderProjectId).toBe(retender!.id);
    expect(retender!.status).toBe('draft');

    const live = await projectNamed(LIVE_DEMO_TENDER.name);
    expect(live[0]!.status).toBe('published');
  });

  it('plays the live tender to the contract as each demo user, and a restarted director does nothing twice', async () => {
    const scheduler = {
      db: svc.store.db,
      clock: svc.clock,
      actor: scheduledTaskActor('opening-scheduler'),
      platform: 'trading' as const,
    };
    const director = () =>
      demoDirector({ ...svc.deps, db: svc.store.db, clock: svc.clock, keys, log: () => undefined });
    // Every other look is by a new director, as after a restart: what is played once is never played again.
    const directors = [director(), director()];
    const before = await maxSeq();
    const lines: string[] = [];
    for (let look = 0; look < 200; look += 1) {
      await openDueHalls(scheduler, (projectId, error) => {
        throw new Error(`scheduler failed on ${projectId}: ${String(error)}`);
      });
      const { lines: played, next } = await directors[look % 2]!.tick();
      lines.push(...played);
      if (!next) break;
      svc.clock.set(new Date(Math.max(next.due.getTime(), svc.clock.now().getTime() + 10 * MINUTE)));
    }
    expect(lines.filter((l) => l.includes('失败'))).toEqual([]);
    expect(lines.at(-1)).toContain('done');

    const events = await db()
      .selectFrom('auditEvent')
      .select(['action', 'actorUsername', 'objectType', 'objectId'])
      .where('seq', '>', before)
      .orderBy('seq')
      .execute();
    // The scheduler opens the other seeded tenders' halls meanwhile: the hall's events are the live tender's.
    const by = (action: string) =>
      events
        .filter((e) => e.action === action && (e.objectType !== 'tender_project' || e.objectId === liveId))
        .map((e) => e.actorUsername)
        .sort();
    expect(by('opening.signed_in')).toEqual(['bidder1', 'bidder2', 'bidder3']);
    expect(by('opening.opened')).toEqual(['system:opening-scheduler']);
    // bidder3 never decrypts: its bid fails through the bidder when the window closes (E7).
    expect(by('bid.decrypted')).toEqual(['bidder1', 'bidder2']);
    expect(by('opening.window_closed')).toEqual(['system:opening-scheduler']);
    expect(by('opening.read_out')).toEqual(['tenderer']);
    expect(by('opening.objection_answered')).toEqual(['tenderer']);
    expect(by('committee.requested')).toEqual(['tenderer']);
    // The platform commits its own value with the request; the supervisor's absent value is substituted at the freeze.
    expect(by('committee.draw_committed')).toEqual(['tenderer', 'tenderer']);
    expect(by('committee.frozen')).toEqual(['operator']);
    expect(by('committee.draw_substituted')).toEqual(['operator']);
    expect(by('committee.draw_revealed')).toEqual(['tenderer']);
    expect(by('committee.drawn')).toEqual(['operator']);
    expect(by('evaluation.opened')).toEqual(['tenderer']);
    const experts = DEMO_EXPERTS.map((e) => e.username);
    for (const action of [
      'evaluation.review_voted',
      'evaluation.score_sheet_saved',
      'evaluation.report_signed',
    ]) {
      expect(by(action)).toHaveLength(5);
      expect(by(action).every((u) => experts.includes(u!))).toBe(true);
    }
    expect(by('evaluation.report_drafted')).toHaveLength(1);
    expect(by('evaluation.report_finalised')).toHaveLength(1);
    for (const action of [
      'award.candidates_published',
      'award.awarded',
      'award.contract_recorded',
      'award.supervisor_reported',
    ])
      expect(by(action)).toEqual(['tenderer']);
    expect(by('award.bond_refunded')).toEqual(['tenderer', 'tenderer', 'tenderer']);

    const record = await db()
      .selectFrom('openingRecord')
      .select('body')
      .where('projectId', '=', liveId)
      .executeTakeFirstOrThrow();
    const readOut = (JSON.parse(record.body) as { sections: { lines: { status: string }[] }[] }).sections[0]!
      .lines;
    expect(readOut.map((l) => l.status).sort()).toEqual(['decrypted', 'decrypted', 'failed_bidder']);

    // A restarted demo: a new director with nothing in memory, later on the clock.
    const seq = await maxSeq();
    svc.clock.advance(3 * 24 * 60 * MINUTE);
    const again = await director().tick();
    expect(again).toEqual({ lines: [], next: null });
    expect(await maxSeq()).toBe(seq);
  }, 240_000);

  async function maxSeq(): Promise<number> {
    const row = await svc.store.db
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    return Number(row.seq);
  }
});
