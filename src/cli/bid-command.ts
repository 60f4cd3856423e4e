import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { SystemClock } from '../domain/clock.ts';
import {
  inspectEnvelopeFile,
  openEnvelopeFile,
  sealBidPackageFile,
  sealEnvelopeFile,
} from '../crypto/node/envelope-files.ts';
import { machineIdentifiers } from '../crypto/node/envelope-machine.ts';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import { BidPackageError } from '../crypto/portable/bid-package.ts';
import { DEFAULT_SEGMENT_SIZE } from '../crypto/portable/envelope/envelope-format.ts';
import { RECIPIENT_ROLES, type RecipientRole } from '../crypto/portable/envelope/envelope-header.ts';
import { SUITE_IDS, type SuiteId } from '../crypto/portable/suite.ts';
import { BID_FORM_VERSION, type BidForm, yuanTextToFen } from '../domain/tender/bid-form.ts';
import { VERSION } from '../server/version.ts';
import { progressLine } from './envelope-progress.ts';
import { cliLocale } from './fail.ts';

/** `zhaocai bid seal|verify|decrypt`: the bidder's envelope tools (docs/cli.md, docs/formats/bid-envelope.md). */
export function bidCommand(): Command {
  const bid = new Command('bid').description(
    'seal, verify and decrypt bid envelopes (docs/formats/bid-envelope.md)',
  );

  bid
    .command('seal')
    .description('encrypt a bid file into a signed envelope for one tender section')
    .addOption(new Option('--suite <suite>', 'cipher suite of the tender').choices(SUITE_IDS).default('gm'))
    .requiredOption(
      '--in <files...>',
      'the bid file (plaintext); with --price, one or more files packaged with the bid form',
    )
    .requiredOption('--out <file>', 'the envelope to write')
    .requiredOption('--sign-key <file>', "the bidder's signing private key (PKCS#8 PEM)")
    .requiredOption('--sign-cert <file>', "the bidder's signing certificate (PEM)")
    .requiredOption(
      '--enc-cert <file>',
      "the bidder's encryption certificate (PEM): its key can decrypt the bid",
    )
    .requiredOption('--opening-key <file>', "the tender's opening public key (SPKI PEM)")
    .requiredOption('--tender <project-id>', 'tender project id')
    .option('--deal-code <code>', 'transaction code (交易编码) of the tender', '')
    .requiredOption('--section <section-id>', 'section (标段) id')
    .option('--section-code <code>', 'section code', '')
    .requiredOption('--credit-code <code>', "the bidder's unified social credit code")
    .option('--bidder-name <name>', "the bidder's registered name", '')
    .option('--organisation-id <id>', "the bidder's organisation id on the platform", '')
    .option('--tender-file <id>', 'id of the tender document file the bid was built from', '')
    .option('--segment-size <bytes>', 'plaintext bytes per segment', String(DEFAULT_SEGMENT_SIZE))
    .option(
      '--price <yuan>',
      '投标报价 in yuan: seals a bid package (bid-form.json + the files) instead of one file',
    )
    .option('--duration-days <days>', '工期 in calendar days, for the bid form')
    .option('--quality <text>', '质量承诺, for the bid form')
    .option('--bid-bond <yuan>', '投标保证金 in yuan, for the bid form')
    .option(
      '--item <key=value>',
      'another item the tender documents require read out (repeatable)',
      collect,
      [],
    )
    .action(runBidSeal);

  bid
    .command('verify')
    .description('check an envelope without any key: structure, digests and signature; exit 0 valid, 1 not')
    .argument('<envelope>', 'the envelope file')
    .action(runBidVerify);

  bid
    .command('decrypt')
    .description("decrypt an envelope with the bidder's encryption key or the reassembled opening key")
    .requiredOption('--in <file>', 'the envelope')
    .requiredOption('--out <file>', 'the plaintext to write (only once everything checks out)')
    .requiredOption('--key <file>', 'encryption private key (PKCS#8 PEM)')
    .addOption(
      new Option('--role <role>', 'which wrapped key to use (default: try both)').choices(RECIPIENT_ROLES),
    )
    .action(runBidDecrypt);

  return bid;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface BidFormOptions {
  price?: string;
  durationDays?: string;
  quality?: string;
  bidBond?: string;
  item: string[];
}

/** The bid form from the command line; every problem is told at once, in the CLI's language. */
function bidFormOf(options: BidFormOptions): BidForm {
  const problems: string[] = [];
  const zh = cliLocale() === 'zh-CN';
  const money = (text: string | undefined, name: string): number | undefined => {
    if (text === undefined) return undefined;
    const fen = yuanTextToFen(text);
    if (fen === null)
      problems.push(zh ? `${name}“${text}”不是以元计的金额` : `${name} "${text}" is not an amount in yuan`);
    return fen ?? undefined;
  };
  const items: Record<string, string> = {};
  for (const item of options.item) {
    const at = item.indexOf('=');
    if (at <= 0) problems.push(zh ? `--item “${item}”应为 键=值` : `--item "${item}" must be KEY=VALUE`);
    else items[item.slice(0, at).trim()] = item.slice(at + 1).trim();
  }
  const form = {
    version: BID_FORM_VERSION,
    priceFen: money(options.price, '--price'),
    durationDays: options.durationDays === undefined ? undefined : Number(options.durationDays),
    qualityCommitment: options.quality,
    bidBondFen: money(options.bidBond, '--bid-bond'),
    items,
  };
  if (problems.length) throw new Error(problems.join('; '));
  return form as BidForm;
}

async function runBidSeal(
  options: BidFormOptions & {
    suite: SuiteId;
    in: string[];
    out: string;
    signKey: string;
    signCert: string;
    encCert: string;
    openingKey: string;
    tender: string;
    dealCode: string;
    section: string;
    sectionCode: string;
    creditCode: string;
    bidderName: string;
    organisationId: string;
    tenderFile: string;
    segmentSize: string;
  },
): Promise<void> {
  const text = (path: string) => readFile(path, 'utf8');
  const packaged = options.price !== undefined;
  if (!packaged && options.in.length !== 1) {
    throw new Error('several bid files are sealed as a bid package: give the bid form (--price …)');
  }
  if (packaged) {
    const names = options.in.map((file) => basename(file));
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice) throw new Error(`two bid files are named ${twice}`);
  }
  try {
    await sealOne(options, packaged ? { form: bidFormOf(options), files: options.in } : options.in[0]!, text);
  } catch (error) {
    if (!(error instanceof BidPackageError)) throw error;
    const locale = cliLocale();
    throw new Error(
      error.formProblems.length ? error.formProblems.map((p) => p.message[locale]).join('; ') : error.message,
      { cause: error },
    );
  }
  const what = packaged ? `bid package (bid-form.json + ${options.in.join(', ')})` : options.in[0];
  console.log(`sealed ${what} → ${options.out} (${options.suite})`);
}

async function sealOne(
  options: Parameters<typeof runBidSeal>[0],
  plaintext: string | { form: BidForm; files: readonly string[] },
  text: (path: string) => Promise<string>,
): Promise<void> {
  const envelope = {
    tender: { projectId: options.tender, dealCode: options.dealCode },
    section: { id: options.section, code: options.sectionCode },
    bidder: {
      organisationId: options.organisationId,
      creditCode: options.creditCode,
      name: options.bidderName,
    },
    createdAt: new SystemClock().now().toISOString(),
    tool: { name: 'zhaocai', version: VERSION },
    machine: await machineIdentifiers(options.tenderFile),
    segmentSize: Number(options.segmentSize),
    signingKeyPem: await text(options.signKey),
    signingCertificatePem: await text(options.signCert),
    encryptionCertificatePem: await text(options.encCert),
    openingPublicKeyPem: await text(options.openingKey),
  };
  const suite = nodeSuite(options.suite);
  if (typeof plaintext === 'string') {
    await sealEnvelopeFile(suite, envelope, plaintext, options.out, progressLine('sealing'));
  } else {
    await sealBidPackageFile(
      suite,
      envelope,
      plaintext.form,
      plaintext.files,
      options.out,
      progressLine('sealing'),
    );
  }
}

async function runBidVerify(path: string): Promise<void> {
  const inspection = await inspectEnvelopeFile(nodeSuite, path);
  const header = inspection.header;
  if (header) {
    console.log(`suite:       ${header.suite}`);
    console.log(`tender:      ${header.tender.projectId} ${header.tender.dealCode}`.trimEnd());
    console.log(`section:     ${header.section.id} ${header.section.code}`.trimEnd());
    console.log(`bidder:      ${header.bidder.creditCode} ${header.bidder.name}`.trimEnd());
    console.log(`created:     ${header.createdAt} by ${header.tool.name} ${header.tool.version}`);
    console.log(`plaintext:   ${header.plaintextLength} bytes in segments of ${header.segmentSize}`);
    console.log(`header:      ${inspection.headerDigest}`);
  }
  if (inspection.ciphertextDigest) console.log(`ciphertext:  ${inspection.ciphertextDigest}`);
  for (const error of inspection.errors) console.error(`error: ${error.message} [${error.problem}]`);
  console.log(inspection.valid ? 'valid: structure, digests and signature check out' : 'invalid');
  process.exitCode = inspection.valid ? 0 : 1;
}

async function runBidDecrypt(options: {
  in: string;
  out: string;
  key: string;
  role?: RecipientRole;
}): Promise<void> {
  const header = await openEnvelopeFile(
    nodeSuite,
    options.in,
    options.out,
    { recipientPrivateKeyPem: await readFile(options.key, 'utf8'), role: options.role },
    progressLine('decrypting'),
  );
  console.log(
    `decrypted ${options.in} → ${options.out} (${header.plaintextLength} bytes, bidder ${header.bidder.creditCode})`,
  );
}
