import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { SystemClock } from '../domain/clock.ts';
import { inspectEnvelopeFile, openEnvelopeFile, sealEnvelopeFile } from '../crypto/node/envelope-files.ts';
import { machineIdentifiers } from '../crypto/node/envelope-machine.ts';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import { DEFAULT_SEGMENT_SIZE } from '../crypto/portable/envelope/envelope-format.ts';
import { RECIPIENT_ROLES, type RecipientRole } from '../crypto/portable/envelope/envelope-header.ts';
import { SUITE_IDS, type SuiteId } from '../crypto/portable/suite.ts';
import { VERSION } from '../server/version.ts';
import { progressLine } from './envelope-progress.ts';

/** `zhaocai bid seal|verify|decrypt`: the bidder's envelope tools (docs/cli.md, docs/formats/bid-envelope.md). */
export function bidCommand(): Command {
  const bid = new Command('bid').description(
    'seal, verify and decrypt bid envelopes (docs/formats/bid-envelope.md)',
  );

  bid
    .command('seal')
    .description('encrypt a bid file into a signed envelope for one tender section')
    .addOption(new Option('--suite <suite>', 'cipher suite of the tender').choices(SUITE_IDS).default('gm'))
    .requiredOption('--in <file>', 'the bid file (plaintext)')
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

async function runBidSeal(options: {
  suite: SuiteId;
  in: string;
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
}): Promise<void> {
  const text = (path: string) => readFile(path, 'utf8');
  await sealEnvelopeFile(
    nodeSuite(options.suite),
    {
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
    },
    options.in,
    options.out,
    progressLine('sealing'),
  );
  console.log(`sealed ${options.in} → ${options.out} (${options.suite})`);
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
