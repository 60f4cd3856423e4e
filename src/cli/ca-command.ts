import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { SystemClock } from '../domain/clock.ts';
import { parseCreditCode } from '../domain/credit-code.ts';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import { SUITE_IDS, type SuiteId } from '../crypto/portable/suite.ts';
import type { CertificateUsage } from '../crypto/x509/certificate-extensions.ts';
import type { CertificateName } from '../crypto/x509/certificate-name.ts';
import {
  devCaCrl,
  initDevCa,
  issueFromDevCa,
  openDevCa,
  revokeInDevCa,
  verifyWithDevCa,
} from '../crypto/x509/dev-ca-node.ts';
import { REVOCATION_REASONS, type RevocationReason } from '../crypto/x509/issue-crl.ts';
import { readCertificate } from '../crypto/x509/read-certificate.ts';

const USAGES = ['signing', 'encryption'] as const satisfies readonly CertificateUsage[];
const clock = new SystemClock();

/** `zhaocai ca init|issue|revoke|crl|verify`: the development CA (docs/cli.md, docs/formats/certificates.md). */
export function caCommand(): Command {
  const ca = new Command('ca').description(
    'development certificate authority: test certificates and CRLs for organisations and users',
  );
  const dirOption = () => new Option('--dir <dir>', 'the CA directory').makeOptionMandatory();

  ca.command('init')
    .description('create a root CA: key, self-signed certificate and an empty index, in a new directory')
    .addOption(dirOption())
    .addOption(
      new Option('--suite <suite>', 'gm: SM2/SM3; intl: ECDSA P-256').choices(SUITE_IDS).default('gm'),
    )
    .requiredOption('--name <name>', "the CA's common name")
    .option('--days <n>', 'validity of the root certificate in days', '3650')
    .action(runCaInit);

  ca.command('issue')
    .description('issue a signing or encryption certificate for a user or an organisation')
    .addOption(dirOption())
    .requiredOption('--subject-cn <name>', 'common name: the person or the organisation')
    .requiredOption('--org <name>', 'organisation name')
    .requiredOption('--credit-code <code>', "the organisation's unified social credit code")
    .addOption(new Option('--usage <usage>', 'what the key is for').choices(USAGES).makeOptionMandatory())
    .option('--pub <file>', 'the subject public key (SPKI PEM)')
    .option('--new-key <prefix>', 'generate the key pair: <prefix>.key.pem (PKCS#8) and <prefix>.pub.pem')
    .option('--days <n>', 'validity in days', '365')
    .requiredOption('--out <file>', 'where to write the certificate (PEM)')
    .action(runCaIssue);

  ca.command('revoke')
    .description('revoke an issued certificate; the next CRL lists it')
    .addOption(dirOption())
    .requiredOption('--serial <hex>', 'serial number in hexadecimal, as `ca issue` printed it')
    .addOption(
      new Option('--reason <reason>', 'RFC 5280 reason').choices(REVOCATION_REASONS).default('unspecified'),
    )
    .action(runCaRevoke);

  ca.command('crl')
    .description('issue a signed CRL of all revocations so far')
    .addOption(dirOption())
    .requiredOption('--out <file>', 'where to write the CRL (PEM)')
    .option('--days <n>', 'days until nextUpdate', '7')
    .action(runCaCrl);

  ca.command('verify')
    .description('validate a certificate against this CA and its current revocations; exit 0 valid, 1 not')
    .addOption(dirOption())
    .argument('<certificate>', 'the certificate (PEM)')
    .addOption(
      new Option('--usage <usage>', 'required usage (default: what the certificate says)').choices(USAGES),
    )
    .option('--at <time>', 'judge at this ISO 8601 time instead of now')
    .action(runCaVerify);

  return ca;
}

async function runCaInit(options: {
  dir: string;
  suite: SuiteId;
  name: string;
  days: string;
}): Promise<void> {
  const ca = await initDevCa({
    dir: options.dir,
    suite: options.suite,
    name: options.name,
    now: clock.now(),
    days: positiveInteger(options.days, '--days'),
  });
  const { serial, notAfter } = readCertificate(ca.certificatePem);
  console.log(
    `CA "${options.name}" (${options.suite}) created in ${options.dir}: serial ${serial}, valid until ${notAfter.toISOString()}`,
  );
}

async function runCaIssue(options: {
  dir: string;
  subjectCn: string;
  org: string;
  creditCode: string;
  usage: CertificateUsage;
  pub?: string;
  newKey?: string;
  days: string;
  out: string;
}): Promise<void> {
  if (Boolean(options.pub) === Boolean(options.newKey)) {
    throw new Error('give exactly one of --pub <file> and --new-key <prefix>');
  }
  const subject: CertificateName = {
    commonName: options.subjectCn,
    organisation: options.org,
    creditCode: parseCreditCode(options.creditCode),
  };
  const days = positiveInteger(options.days, '--days');
  const ca = await openDevCa(options.dir);
  const subjectPublicKeyPem = options.pub
    ? await readFile(options.pub, 'utf8')
    : await newKeyPair(ca.index.suite, options.usage, options.newKey!);
  const { certificatePem, serial } = await issueFromDevCa(ca, {
    subject,
    usage: options.usage,
    subjectPublicKeyPem,
    now: clock.now(),
    days,
  });
  await writeFile(options.out, certificatePem);
  console.log(
    `issued ${options.usage} certificate ${serial} for ${subject.commonName} (${subject.organisation}, ${subject.creditCode}): ${options.out}`,
  );
}

async function runCaRevoke(options: {
  dir: string;
  serial: string;
  reason: RevocationReason;
}): Promise<void> {
  const ca = await openDevCa(options.dir);
  const entry = await revokeInDevCa(ca, { serial: options.serial, reason: options.reason, at: clock.now() });
  console.log(`revoked ${entry.serial} (${entry.subject.commonName}): ${options.reason}`);
}

async function runCaCrl(options: { dir: string; out: string; days: string }): Promise<void> {
  const ca = await openDevCa(options.dir);
  const crl = await devCaCrl(ca, {
    now: clock.now(),
    days: positiveInteger(options.days, '--days'),
    persist: true,
  });
  await writeFile(options.out, crl);
  const revoked = ca.index.issued.filter((item) => item.revoked).length;
  console.log(`CRL ${ca.index.crlNumber} with ${revoked} revoked certificate(s): ${options.out}`);
}

async function runCaVerify(
  certificateFile: string,
  options: { dir: string; usage?: CertificateUsage; at?: string },
): Promise<void> {
  const ca = await openDevCa(options.dir);
  const certificatePem = await readFile(certificateFile, 'utf8');
  const at = options.at ? isoTime(options.at) : clock.now();
  const result = await verifyWithDevCa(ca, certificatePem, {
    at,
    usage: options.usage ?? usageOf(certificatePem),
  });
  if (!result.ok) {
    console.log(`invalid (${result.reason}): ${result.detail}`);
    process.exitCode = 1;
    return;
  }
  const { commonName, organisation, creditCode } = result.subject;
  console.log(
    `valid: ${commonName}, ${organisation ?? '-'}, ${creditCode ?? '-'}; serial ${result.serial}; ${result.notBefore.toISOString()} to ${result.notAfter.toISOString()}`,
  );
}

/** With no --usage, a certificate is checked for what its key usage says; anything else fails as wrong-usage. */
function usageOf(certificatePem: string): CertificateUsage {
  try {
    return readCertificate(certificatePem).profile === 'encryption' ? 'encryption' : 'signing';
  } catch {
    return 'signing';
  }
}

async function newKeyPair(suite: SuiteId, usage: CertificateUsage, prefix: string): Promise<string> {
  const keys =
    usage === 'signing'
      ? await nodeSuite(suite).generateSigningKeyPair()
      : await nodeSuite(suite).generateEncryptionKeyPair();
  await writeFile(`${prefix}.key.pem`, keys.privateKeyPem, { mode: 0o600 });
  await writeFile(`${prefix}.pub.pem`, keys.publicKeyPem);
  return keys.publicKeyPem;
}

function positiveInteger(value: string, option: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new Error(`${option} must be a positive whole number, not "${value}"`);
  return number;
}

function isoTime(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`--at must be an ISO 8601 time, not "${value}"`);
  return date;
}
