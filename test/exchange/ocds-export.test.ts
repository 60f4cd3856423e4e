import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDemoSealingKeys } from '../../src/cli/demo-sealing-keys.ts';
import { seedDemoPlatform } from '../../src/cli/demo-seed.ts';
import { seedDemoTenders } from '../../src/cli/demo-tenders.ts';
import { readTenderFacts } from '../../src/cli/ocds-command.ts';
import { systemActor } from '../../src/domain/actor.ts';
import { exportMergeRules, PackageWriter, recordOf } from '../../src/exchange/ocds/ocds-packages.ts';
import type { Release } from '../../src/exchange/ocds/ocds-release.ts';
import type { TenderFacts } from '../../src/exchange/ocds/tender-facts.ts';
import { tenderReleases } from '../../src/exchange/ocds/tender-releases.ts';
import { validateOcds } from '../../src/exchange/ocds/validate-ocds.ts';
import { BidUploadFiles } from '../../src/trading/bids/chunk-files.ts';
import { bidSealingFor } from '../../src/trading/sealing/bid-sealing.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import { aPublishedSection, auth, type BidSection, submitBid } from '../trading/support/bid-factory.ts';
import { aProject, party, post, type TestProject } from '../trading/support/tender-factory.ts';

const PREFIX = 'ocds-test00';

/**
 * The export reads a real transaction platform database: the demo's tenders, played through the
 * use cases to every later stage, and three more from the test factories — one with a bid before
 * its deadline, one terminated, one whose pre-qualification failed (C2) and was re-tendered — on
 * SQLite and PostgreSQL.
 */
describe.each(DIALECTS)('OCDS export of a transaction platform database (%s)', (dialect) => {
  let svc: TestService;
  let early: BidSection;
  let terminated: BidSection;
  let prequalified: TestProject;
  const dir = mkdtempSync(join(tmpdir(), 'zhaocai-ocds-'));

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    await seedDemoPlatform({
      db: svc.store.db,
      clock: svc.clock,
      actor: systemActor('demo'),
      platform: 'trading',
    });
    const keys = await prepareDemoSealingKeys(svc.deps.config.dataDir, svc.clock.now());
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
    early = await aPublishedSection(svc);
    const bidder = await svc.userWithRoles(['bidder']);
    expect((await submitBid(svc, bidder.token, early.sectionId)).statusCode).toBe(201);
    terminated = await aPublishedSection(svc);
    const ended = await svc.app.inject({
      method: 'POST',
      url: `/api/projects/${terminated.projectId}/terminate`,
      headers: auth(terminated.tenderer.token),
      payload: { reason: '因规划调整，项目取消' },
    });
    expect(ended.statusCode, ended.body).toBe(200);

    const tenderer = await party(svc, ['tenderer'], 'pq');
    const day = (n: number) => new Date(svc.clock.now().getTime() + n * 86_400_000).toISOString();
    const schedule = {
      documentIssueStart: day(0),
      documentIssueEnd: day(5),
      prequalificationDeadline: day(10),
      bidDeadline: day(30),
    };
    prequalified = await aProject(svc, { tenderer, qualification: 'pre', schedule });
    svc.clock.set(new Date(Date.parse(schedule.prequalificationDeadline) + 60_000));
    const url = `/api/projects/${prequalified.projectId}`;
    const outcome = await post(svc, tenderer, `${url}/prequalification/publish`);
    expect(outcome.statusCode, outcome.body).toBe(200);
    const retender = await post(svc, tenderer, `${url}/retender`);
    expect(retender.statusCode, retender.body).toBe(201);
  }, 240_000);

  afterAll(async () => {
    await svc?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function facts(batchSize?: number): Promise<TenderFacts[]> {
    const all: TenderFacts[] = [];
    for await (const batch of readTenderFacts(svc.store.db, batchSize)) all.push(...batch);
    return all;
  }
  const releasesOf = (tender: TenderFacts) => tenderReleases(tender, { ocidPrefix: PREFIX });
  const byName = async (name: string) => (await facts()).find((f) => f.name === name)!;

  async function writePackage(kind: 'releases' | 'records', tenders: TenderFacts[]): Promise<unknown> {
    const file = join(dir, `${kind}-${dialect}.json`);
    const writer = await PackageWriter.create(file, kind, {
      uri: `urn:test:${kind}`,
      publisher: { name: '测试' },
    });
    const rules = exportMergeRules();
    for (const tender of tenders) {
      const releases = releasesOf(tender);
      if (kind === 'records')
        await writer.add(
          recordOf(releases, rules),
          releases.map((r) => r.date),
        );
      else for (const release of releases) await writer.add(release, [release.date]);
    }
    await writer.close();
    return JSON.parse(readFileSync(file, 'utf8'));
  }

  it('exports every published tender, none of the drafts, in batches, as a release package that validates', async () => {
    const published = await tradingDb(svc.store.db)
      .selectFrom('tenderProject')
      .select(['dealCode', 'publishedAt'])
      .execute();
    const tenders = await facts(3);
    expect(tenders.map((t) => t.dealCode).sort()).toEqual(
      published
        .filter((p) => p.publishedAt !== null)
        .map((p) => p.dealCode)
        .sort(),
    );
    expect(published.some((p) => p.publishedAt === null)).toBe(true);

    const pkg = (await writePackage('releases', tenders)) as { releases: Release[]; publishedDate: string };
    const result = validateOcds(pkg);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ kind: 'release package', bidExtension: true });
    expect(new Set(pkg.releases.flatMap((r) => r.tag))).toEqual(
      new Set(['tender', 'tenderAmendment', 'tenderUpdate', 'tenderCancellation', 'award', 'contract']),
    );
    expect(pkg.publishedDate).toBe(
      pkg.releases.map((r) => r.date).sort((a, b) => Date.parse(b) - Date.parse(a))[0],
    );
  });

  it('compiles one record per ocid whose compiled release is the latest state, as a record package that validates', async () => {
    const tenders = await facts();
    const pkg = (await writePackage('records', tenders)) as {
      records: { ocid: string; releases: Release[]; compiledRelease: Record<string, unknown> }[];
    };
    expect(validateOcds(pkg).errors).toEqual([]);
    expect(pkg.records.map((r) => r.ocid)).toEqual(tenders.map((t) => `${PREFIX}-${t.dealCode}`));
    for (const record of pkg.records) {
      const { id: _id, date: _date, tag, ...compiled } = record.compiledRelease;
      const { id: _lastId, date: _lastDate, tag: _lastTag, ...latest } = record.releases.at(-1)!;
      expect(tag).toEqual(['compiled']);
      expect(compiled).toEqual(latest);
    }
  });

  it('publishes no bidder and no price before the opening record: not before the deadline, nor after it', async () => {
    const before = releasesOf((await facts()).find((f) => f.dealCode === early.dealCode)!);
    expect(before.map((r) => r.id)).toEqual(['tender']);
    expect(before[0]).not.toHaveProperty('bids');
    expect(before[0]!.parties.map((p) => p.roles)).toEqual([['buyer', 'procuringEntity']]);

    svc.clock.set(new Date(Date.parse(early.deadline) + 60_000));
    const after = releasesOf((await facts()).find((f) => f.dealCode === early.dealCode)!);
    expect(after).toEqual(before);
    // The demo's tender whose decryption window is open: past its deadline, not read out.
    const decrypting = releasesOf(await byName('福州市晋安区东部新城排涝泵站工程'));
    expect(decrypting.some((r) => 'bids' in r)).toBe(false);
  });

  it('shows the read-out prices from the opening, after the deadline, and carries the award and contract', async () => {
    const opened = releasesOf(await byName('福州市马尾区快安大道改造工程'));
    const opening = opened.find((r) => r.id === 'opening')!;
    expect(Date.parse(opening.date)).toBeGreaterThanOrEqual(Date.parse(opening.tender.tenderPeriod.endDate!));
    expect(opening.bids!.details.map((b) => [b.status, b.value?.amount]).sort()).toEqual([
      ['pending', 6_060_000],
      ['pending', 6_120_000],
      ['pending', 6_240_000],
    ]);

    const contracted = releasesOf(await byName('福州市长乐区滨海大道照明工程'));
    expect(contracted.map((r) => r.tag[0])).toEqual(['tender', 'tenderUpdate', 'award', 'award', 'contract']);
    const last = contracted.at(-1)!;
    const [award] = last.awards!;
    expect(award).toMatchObject({ status: 'active', title: '中标结果公告' });
    const winning = last.bids!.details.find((b) => b.id === award!.relatedBid)!;
    expect(winning).toMatchObject({ status: 'valid', value: award!.value });
    expect(last.contracts).toEqual([expect.objectContaining({ awardID: award!.id, status: 'active' })]);
    expect(last.tender.status).toBe('complete');

    const failed = releasesOf(await byName('福州市连江县城区停车场建设工程'));
    expect(failed.at(-1)!).toMatchObject({ tag: ['tenderUpdate'], tender: { status: 'unsuccessful' } });
    const ended = releasesOf((await facts()).find((f) => f.dealCode === terminated.dealCode)!);
    expect(ended.at(-1)!).toMatchObject({ tag: ['tenderCancellation'], tender: { status: 'cancelled' } });

    const dealCode = (
      await tradingDb(svc.store.db)
        .selectFrom('tenderProject')
        .select('dealCode')
        .where('id', '=', prequalified.projectId)
        .executeTakeFirstOrThrow()
    ).dealCode;
    const c2 = releasesOf((await facts()).find((f) => f.dealCode === dealCode)!);
    expect(c2.map((r) => [r.id, r.tag[0], r.tender.status])).toEqual([
      ['tender', 'tender', 'active'],
      ['failed-C2', 'tenderUpdate', 'unsuccessful'],
    ]);
    expect(c2[1]!.tender).toMatchObject({ procurementMethod: 'selective' });
    expect(c2[1]!.tender.documents.filter((d) => d.documentType === 'cancellationDetails')).toEqual([
      expect.objectContaining({ title: '招标失败（C2）', description: expect.stringContaining('实为 0 个') }),
    ]);

    const amended = releasesOf(await byName('闽江北岸滨江步道景观工程'));
    expect(amended.map((r) => r.tag[0])).toEqual(['tender', 'tenderAmendment', 'tenderAmendment']);
    expect(amended.at(-1)!.parties.map((p) => p.roles)).toEqual([['buyer'], ['procuringEntity']]);
  });
});
