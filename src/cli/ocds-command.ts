import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { Release } from '../exchange/ocds/ocds-release.ts';
import type {
  AwardFacts,
  ExceptionFacts,
  OpenedBidFacts,
  OrganisationFacts,
  TenderFacts,
} from '../exchange/ocds/tender-facts.ts';
import type { Db } from '../store/schema.ts';
import { tradingDb } from '../trading/schema.ts';
import { exitWithError } from './fail.ts';

/** No publisher registered: a prefix no registered one can equal (those are `ocds-` and six characters). */
export const DEFAULT_OCID_PREFIX = 'ocds-zhaocai';
const DEFAULT_PUBLISHER = '招采电子招标投标交易平台';
/** Projects read per round: bounds memory and the size of each query's id list. */
const BATCH = 100;

interface ExportOptions {
  readonly from: string;
  readonly out: string;
  readonly records?: boolean;
  readonly ocidPrefix: string;
  readonly publisher: string;
  readonly uri?: string;
}

async function runExport(options: ExportOptions): Promise<void> {
  const { openStore } = await import('../store/database.ts');
  const { tenderReleases } = await import('../exchange/ocds/tender-releases.ts');
  const { exportMergeRules, PackageWriter, recordOf } = await import('../exchange/ocds/ocds-packages.ts');
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(options.ocidPrefix)) {
    exitWithError(new Error(`--ocid-prefix ${options.ocidPrefix}: letters, digits and hyphens only`), 2);
  }
  const kind = options.records ? 'records' : 'releases';
  const uri = options.uri ?? `urn:zhaocai:${options.ocidPrefix}:${kind}`;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(uri))
    exitWithError(new Error(`--uri ${uri}: not an absolute URI`), 2);
  const sqlitePath = /^postgres(ql)?:\/\//.test(options.from) ? null : options.from.replace(/^sqlite:/, '');
  // Opening a SQLite path that is not there would make an empty database.
  if (sqlitePath !== null && !existsSync(sqlitePath))
    exitWithError(new Error(`${sqlitePath}: no such file`), 2);

  const store = openStore(options.from);
  try {
    let total: number;
    try {
      total = await countPublishedTenders(store.db);
    } catch (error) {
      exitWithError(
        new Error(`${store.location} holds no transaction platform database: ${(error as Error).message}`),
        2,
      );
    }
    if (total === 0)
      exitWithError(new Error(`${store.location} holds no published tender: nothing to export`));
    let writer: Awaited<ReturnType<typeof PackageWriter.create>>;
    try {
      writer = await PackageWriter.create(options.out, kind, { uri, publisher: { name: options.publisher } });
    } catch (error) {
      exitWithError(new Error(`cannot write ${options.out}: ${(error as Error).message}`), 2);
    }
    const tty = process.stderr.isTTY;
    const rules = exportMergeRules();
    let tenders = 0;
    let releases = 0;
    try {
      for await (const batch of readTenderFacts(store.db)) {
        for (const facts of batch) {
          const published = tenderReleases(facts, { ocidPrefix: options.ocidPrefix });
          const dates = published.map((r) => r.date);
          if (options.records) await writer.add(recordOf(published, rules), dates);
          else for (const release of published) await writer.add(release, [release.date]);
          tenders += 1;
          releases += published.length;
        }
        if (tty)
          process.stderr.write(`\r\u001b[Kocds export: ${tenders}/${total} tenders, ${releases} releases`);
      }
      await writer.close();
    } catch (error) {
      await writer.abandon();
      throw error;
    } finally {
      if (tty) process.stderr.write('\r\u001b[K');
    }
    process.stdout.write(
      `wrote ${options.out}: OCDS 1.1 ${options.records ? 'record' : 'release'} package, ` +
        `${plural(releases, 'release')} of ${plural(tenders, 'tender')}, ocid ${options.ocidPrefix}-<deal code>\n`,
    );
  } finally {
    await store.close();
  }
}

async function runValidate(file: string): Promise<void> {
  const { validateOcds } = await import('../exchange/ocds/validate-ocds.ts');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    exitWithError(
      new Error(code === 'ENOENT' ? `${file}: no such file` : `${file}: ${(error as Error).message}`),
      2,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    exitWithError(new Error(`${file}: not JSON: ${(error as Error).message}`), 2);
  }
  const result = validateOcds(document);
  const what = result.kind
    ? `OCDS 1.1 ${result.kind}` +
      (result.kind.endsWith('package') ? ` of ${plural(result.count, result.kind.split(' ')[0]!)}` : '') +
      `, checked against schema 1.1.5${result.bidExtension ? ' and the bid extension' : ''}`
    : 'JSON';
  const lines = [
    result.errors.length === 0
      ? `${file}: valid ${what}`
      : `${file}: ${plural(result.errors.length, 'error')} in ${what}`,
    ...result.errors.map((e) => `${e.path}: ${e.message}`),
    ...result.otherExtensions.map((url) => `note: extension not checked (no copy here): ${url}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (result.errors.length > 0) process.exitCode = 1;
}

/**
 * The export from a hub (`--from http(s)://…`): its bulk release pages, which hold each tender
 * whole, written as the database export writes them. The hub names the ocids and, unless
 * `--publisher` is given, the publisher.
 */
async function runHubExport(
  options: ExportOptions,
  given: { readonly ocidPrefix: boolean; readonly publisher: boolean },
): Promise<void> {
  const { fetchReleasePages, firstPageUrl } = await import('../hub/ocds/release-pages-client.ts');
  const { exportMergeRules, PackageWriter, recordOf } = await import('../exchange/ocds/ocds-packages.ts');
  if (given.ocidPrefix) exitWithError(new Error('--ocid-prefix: a hub names its own ocids'), 2);
  try {
    firstPageUrl(options.from);
  } catch {
    exitWithError(new Error(`--from ${options.from}: not a valid address`), 2);
  }
  const kind = options.records ? 'records' : 'releases';
  const uri = options.uri ?? `urn:zhaocai:${options.ocidPrefix}:${kind}`;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(uri))
    exitWithError(new Error(`--uri ${uri}: not an absolute URI`), 2);
  const pages = fetchReleasePages(options.from);
  const first = await pages.next().catch((error: Error) => exitWithError(error, 2));
  if (first.done || first.value.releases.length === 0)
    exitWithError(new Error(`${options.from} holds no published tender: nothing to export`));
  const publisher = given.publisher ? options.publisher : (first.value.publisher ?? options.publisher);
  let writer: Awaited<ReturnType<typeof PackageWriter.create>>;
  try {
    writer = await PackageWriter.create(options.out, kind, { uri, publisher: { name: publisher } });
  } catch (error) {
    exitWithError(new Error(`cannot write ${options.out}: ${(error as Error).message}`), 2);
  }
  const tty = process.stderr.isTTY;
  const rules = exportMergeRules();
  let tenders = 0;
  let releases = 0;
  try {
    for (let page: Awaited<ReturnType<typeof pages.next>> = first; !page.done; page = await pages.next()) {
      const byOcid = new Map<string, Release[]>();
      for (const release of page.value.releases)
        byOcid.set(release.ocid, [...(byOcid.get(release.ocid) ?? []), release]);
      for (const published of byOcid.values()) {
        if (options.records)
          await writer.add(
            recordOf(published, rules),
            published.map((r) => r.date),
          );
        else for (const release of published) await writer.add(release, [release.date]);
      }
      tenders += byOcid.size;
      releases += page.value.releases.length;
      if (tty) process.stderr.write(`\r\u001b[Kocds export: ${tenders} tenders, ${releases} releases`);
    }
    await writer.close();
  } catch (error) {
    await writer.abandon();
    if (tty) process.stderr.write('\r\u001b[K');
    exitWithError(error as Error, 2);
  }
  if (tty) process.stderr.write('\r\u001b[K');
  // The hub's ocids are `<prefix>-<deal code>`, the deal code being the tender's id.
  const sample = first.value.releases[0]!;
  const ocidPrefix = sample.ocid.slice(0, sample.ocid.length - sample.tender.id.length - 1);
  process.stdout.write(
    `wrote ${options.out}: OCDS 1.1 ${options.records ? 'record' : 'release'} package, ` +
      `${plural(releases, 'release')} of ${plural(tenders, 'tender')}, ocid ${ocidPrefix}-<deal code>\n`,
  );
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `zhaocai ocds export | validate`: OCDS 1.1 releases and records of the transaction platform's tenders. */
export function ocdsCommand(): Command {
  const ocds = new Command('ocds').description(
    'Open Contracting Data Standard 1.1: export the tenders as releases and records, validate OCDS files (docs/ocds.md)',
  );
  ocds
    .command('export')
    .description(
      'every published tender of a transaction platform database, or of a hub, as OCDS 1.1 releases (one per published stage) with the bid extension, in a release package, or with --records one compiled record per ocid',
    )
    .requiredOption(
      '--from <db or hub>',
      'the transaction platform database (a SQLite path, sqlite:<path> or postgres://…), or a hub’s address (http(s)://…) to read its published tenders from',
    )
    .requiredOption('--out <file>', 'the package to write (JSON)')
    .option('--records', 'write a record package: per ocid its releases and their compiled release')
    .option('--ocid-prefix <prefix>', 'the publisher’s registered OCDS prefix', DEFAULT_OCID_PREFIX)
    .option('--publisher <name>', 'the publisher named in the package', DEFAULT_PUBLISHER)
    .option('--uri <uri>', 'the package’s URI, where it is published (default urn:zhaocai:<prefix>:<kind>)')
    .action((options: ExportOptions, command: Command) =>
      /^https?:\/\//i.test(options.from)
        ? runHubExport(options, {
            ocidPrefix: command.getOptionValueSource('ocidPrefix') !== 'default',
            publisher: command.getOptionValueSource('publisher') !== 'default',
          })
        : runExport(options),
    );
  ocds
    .command('validate')
    .description(
      'check a release package, record package, release or record against OCDS 1.1.5 (and the bid extension), its closed codelists included; exit 0 when valid, 1 with the errors (count first, then path: message), 2 when the file cannot be read or is not JSON',
    )
    .argument('<file>', 'the OCDS JSON file')
    .action(runValidate);
  return ocds;
}

/* ---- Reading the transaction platform's database into TenderFacts ---- */

/** Projects whose announcement has been published (drafts are nobody's business). */
async function countPublishedTenders(db: Db): Promise<number> {
  const row = await tradingDb(db)
    .selectFrom('tenderProject as p')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('p.publishedAt', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function organisation(row: { creditCode: string; name: string; region: string | null }): OrganisationFacts {
  return { creditCode: row.creditCode, name: row.name, region: row.region };
}

interface RecordLine {
  readonly bidId: string;
  readonly sectionCode: string;
  readonly status: OpenedBidFacts['decryption'];
  readonly priceFen: number | null;
}

/**
 * The published tenders of a transaction platform database, in deal-code order, a batch at a time,
 * as `TenderFacts`: only what has been published — bids only as the opening record read them out,
 * the evaluation only as its review outcome, no reference price, no bidder before the opening.
 */
export async function* readTenderFacts(db: Db, batchSize = BATCH): AsyncGenerator<TenderFacts[]> {
  const trading = tradingDb(db);
  let after = '';
  for (;;) {
    const projects = await trading
      .selectFrom('tenderProject as p')
      .innerJoin('organisation as t', 't.id', 'p.tendererOrganisationId')
      .leftJoin('organisation as a', 'a.id', 'p.agencyOrganisationId')
      .select([
        'p.id',
        'p.dealCode',
        'p.name',
        'p.procedure',
        'p.qualification',
        't.creditCode as tendererCreditCode',
        't.name as tendererName',
        't.region as tendererRegion',
        'a.creditCode as agencyCreditCode',
        'a.name as agencyName',
        'a.region as agencyRegion',
      ])
      .where('p.publishedAt', 'is not', null)
      .where('p.dealCode', '>', after)
      .orderBy('p.dealCode')
      .limit(batchSize)
      .execute();
    if (projects.length === 0) return;
    const ids = projects.map((p) => p.id);
    const [announcements, sections, clarifications, exceptions, c2, openings, retenders] = await Promise.all([
      trading
        .selectFrom('announcement')
        .selectAll()
        .where('projectId', 'in', ids)
        .where('publishedAt', 'is not', null)
        .orderBy('publishedAt')
        .orderBy('createdAt')
        .execute(),
      trading
        .selectFrom('tenderSection')
        .select([
          'id',
          'projectId',
          'code',
          'name',
          'estimatedPriceFen',
          'evaluationMethod',
          'resultPublishedAt',
        ])
        .where('projectId', 'in', ids)
        .orderBy('code')
        .execute(),
      trading
        .selectFrom('clarification')
        .selectAll()
        .where('projectId', 'in', ids)
        .orderBy('publishedAt')
        .orderBy('id')
        .execute(),
      trading
        .selectFrom('tenderException as e')
        .leftJoin('tenderSection as s', 's.id', 'e.sectionId')
        .select([
          'e.id',
          'e.projectId',
          's.code as sectionCode',
          'e.kind',
          'e.ruleId',
          'e.reason',
          'e.recordedAt',
        ])
        .where('e.projectId', 'in', ids)
        .orderBy('e.recordedAt')
        .orderBy('e.id')
        .execute(),
      trading
        .selectFrom('prequalificationOutcome')
        .selectAll()
        .where('projectId', 'in', ids)
        .where('outcome', '=', 'failed')
        .execute(),
      trading.selectFrom('openingRecord').selectAll().where('projectId', 'in', ids).execute(),
      trading
        .selectFrom('tenderException as e')
        .innerJoin('tenderProject as p', 'p.id', 'e.projectId')
        .select(['e.retenderProjectId', 'p.dealCode', 'p.name'])
        .where('e.retenderProjectId', 'in', ids)
        .execute(),
    ]);
    const lines = new Map<string, RecordLine[]>(openings.map((o) => [o.projectId, openingLines(o.body)]));
    const bidIds = [...lines.values()].flat().map((l) => l.bidId);
    const sectionIds = sections.map((s) => s.id);
    const [bids, reviews, publicities, awards, revoked, contracts] = await Promise.all([
      bidIds.length
        ? trading
            .selectFrom('bid as b')
            .innerJoin('organisation as o', 'o.id', 'b.bidderOrganisationId')
            .select(['b.id', 'b.submittedAt', 'o.creditCode', 'o.name', 'o.region'])
            .where('b.id', 'in', bidIds)
            .execute()
        : [],
      bidIds.length
        ? trading
            .selectFrom('evaluationBidReview')
            .select(['bidId', 'status'])
            .where('bidId', 'in', bidIds)
            .where('status', 'in', ['passed', 'rejected'])
            .execute()
        : [],
      trading
        .selectFrom('awardPublicity')
        .selectAll()
        .where('projectId', 'in', ids)
        .orderBy('startsAt')
        .orderBy('sectionId')
        .execute(),
      trading
        .selectFrom('awardDecision as d')
        .innerJoin('organisation as w', 'w.id', 'd.bidderOrganisationId')
        .select([
          'd.projectId',
          'd.sectionId',
          'd.bidId',
          'd.priceFen',
          'd.awardedAt',
          'w.creditCode',
          'w.name',
          'w.region',
        ])
        .where('d.projectId', 'in', ids)
        .orderBy('d.awardedAt')
        .orderBy('d.sectionId')
        .execute(),
      trading
        .selectFrom('awardRevocation as d')
        .innerJoin('organisation as w', 'w.id', 'd.bidderOrganisationId')
        .select([
          'd.projectId',
          'd.sectionId',
          'd.bidId',
          'd.priceFen',
          'd.awardedAt',
          'd.revokedAt',
          'w.creditCode',
          'w.name',
          'w.region',
        ])
        .where('d.projectId', 'in', ids)
        .orderBy('d.awardedAt')
        .orderBy('d.sectionId')
        .execute(),
      sectionIds.length
        ? trading
            .selectFrom('awardContract')
            .select(['sectionId', 'amountFen', 'signedAt', 'recordedAt'])
            .where('sectionId', 'in', sectionIds)
            .orderBy('recordedAt')
            .orderBy('sectionId')
            .execute()
        : [],
    ]);
    const codeOf = new Map(sections.map((s) => [s.id, s.code]));
    const bidById = new Map(bids.map((b) => [b.id, b]));
    const reviewOf = new Map(reviews.map((r) => [r.bidId, r.status as 'passed' | 'rejected']));

    yield projects.flatMap((p): TenderFacts[] => {
      // The announcement in force: the latest published.
      const announcement = announcements.filter((a) => a.projectId === p.id).at(-1);
      if (!announcement) return [];
      const own = clarifications.filter((c) => c.projectId === p.id);
      const moved = own.find((c) => c.newBidDeadline !== null);
      const opening = openings.find((o) => o.projectId === p.id);
      const failedPrequalification = c2.find((o) => o.projectId === p.id);
      const retender = retenders.find((r) => r.retenderProjectId === p.id);
      const awardOf = (row: (typeof awards)[number], revokedAt: string | null): AwardFacts => ({
        sectionCode: codeOf.get(row.sectionId)!,
        bidId: row.bidId,
        supplier: organisation(row),
        priceFen: Number(row.priceFen),
        awardedAt: row.awardedAt,
        revokedAt,
      });
      const projectExceptions: ExceptionFacts[] = exceptions
        .filter((e) => e.projectId === p.id)
        // A failed pre-qualification is written as an exception only when re-tendered: read it from its outcome.
        .filter((e) => !(e.ruleId === 'C2' && e.sectionCode === null))
        .map((e) => ({
          id: e.id,
          sectionCode: e.sectionCode,
          kind: e.kind as ExceptionFacts['kind'],
          ruleId: e.ruleId,
          reason: e.reason,
          recordedAt: e.recordedAt,
        }));
      if (failedPrequalification) {
        projectExceptions.push({
          id: 'C2',
          sectionCode: null,
          kind: 'failed',
          ruleId: 'C2',
          reason: `通过资格预审的申请人少于3个（实为 ${failedPrequalification.qualifiedCount} 个），重新招标（《招标投标法实施条例》第19条）`,
          recordedAt: failedPrequalification.publishedAt,
        });
      }
      return [
        {
          dealCode: p.dealCode,
          name: p.name,
          procedure: p.procedure as TenderFacts['procedure'],
          qualification: p.qualification as TenderFacts['qualification'],
          tenderer: { creditCode: p.tendererCreditCode, name: p.tendererName, region: p.tendererRegion },
          agency:
            p.agencyCreditCode && p.agencyName
              ? { creditCode: p.agencyCreditCode, name: p.agencyName, region: p.agencyRegion }
              : null,
          announcement: {
            id: announcement.id,
            title: announcement.title,
            body: announcement.body,
            publishedAt: announcement.publishedAt!,
            documentIssueStart: announcement.documentIssueStart,
            bidDeadline: moved?.previousBidDeadline ?? announcement.bidDeadline,
          },
          sections: sections
            .filter((s) => s.projectId === p.id)
            .map((s) => ({
              code: s.code,
              name: s.name,
              estimatedPriceFen: Number(s.estimatedPriceFen),
              evaluationMethod: s.evaluationMethod as TenderFacts['sections'][number]['evaluationMethod'],
              resultPublishedAt: s.resultPublishedAt,
            })),
          clarifications: own.map((c) => ({
            id: c.id,
            title: c.title,
            body: c.body,
            publishedAt: c.publishedAt,
            newBidDeadline: c.newBidDeadline,
          })),
          opening: opening
            ? {
                readOutAt: opening.generatedAt,
                bids: (lines.get(p.id) ?? []).flatMap((line) => {
                  const bid = bidById.get(line.bidId);
                  if (!bid) return [];
                  return [
                    {
                      id: line.bidId,
                      sectionCode: line.sectionCode,
                      bidder: organisation(bid),
                      submittedAt: bid.submittedAt,
                      decryption: line.status,
                      priceFen: line.priceFen,
                      review: reviewOf.get(line.bidId) ?? null,
                    },
                  ];
                }),
              }
            : null,
          exceptions: projectExceptions.sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt)),
          publicities: publicities
            .filter((x) => x.projectId === p.id)
            .map((x) => ({
              sectionCode: codeOf.get(x.sectionId)!,
              startsAt: x.startsAt,
              endsAt: x.endsAt,
              candidates: (JSON.parse(x.candidates) as { rank: number; bidId: string }[]).map(
                ({ rank, bidId }) => ({
                  rank,
                  bidId,
                }),
              ),
            })),
          awards: [
            ...revoked.filter((r) => r.projectId === p.id).map((r) => awardOf(r, r.revokedAt)),
            ...awards.filter((r) => r.projectId === p.id).map((r) => awardOf(r, null)),
          ],
          contracts: contracts
            .filter(
              (c) =>
                codeOf.has(c.sectionId) && sections.find((s) => s.id === c.sectionId)!.projectId === p.id,
            )
            .map((c) => ({
              sectionCode: codeOf.get(c.sectionId)!,
              amountFen: Number(c.amountFen),
              signedAt: c.signedAt,
              recordedAt: c.recordedAt,
            })),
          retenderOf: retender ? { dealCode: retender.dealCode, name: retender.name } : null,
        },
      ];
    });
    after = projects[projects.length - 1]!.dealCode;
  }
}

/** The read-out lines of an opening record (its canonical JSON, as generated). */
function openingLines(body: string): RecordLine[] {
  const record = JSON.parse(body) as { sections?: { lines?: RecordLine[] }[] };
  return (record.sections ?? []).flatMap((s) => s.lines ?? []);
}
