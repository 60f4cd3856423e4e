import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeSuite } from '../node/node-suites.ts';
import { readPublicKeyPem, type KeyType } from '../portable/asymmetric-keys.ts';
import type { SuiteId } from '../portable/suite.ts';
import type { CertificateUsage } from './certificate-extensions.ts';
import type { CertificateName } from './certificate-name.ts';
import { createRootCertificate, issueCertificate } from './issue-certificate.ts';
import { issueCrl, type RevocationReason } from './issue-crl.ts';
import { readCertificate } from './read-certificate.ts';
import { normaliseSerialHex } from './serial-number.ts';
import { validateCertificate, type CertificateValidation } from './validate-certificate.ts';

/**
 * The development CA behind `zhaocai ca`: a directory holding the root key and certificate, a copy
 * of every certificate issued and an index (`index.json`) of what was issued and revoked. It signs
 * test certificates for the demo and the tests; a production platform relies on licensed CAs instead.
 */
export interface DevCa {
  readonly dir: string;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly index: DevCaIndex;
}

export interface DevCaIndex {
  readonly format: typeof INDEX_FORMAT;
  readonly suite: SuiteId;
  readonly name: string;
  /** Number of the last CRL issued (RFC 5280 cRLNumber). */
  crlNumber: number;
  readonly issued: IssuedCertificate[];
}

export interface IssuedCertificate {
  readonly serial: string;
  readonly subject: CertificateName;
  readonly usage: CertificateUsage;
  readonly notBefore: string;
  readonly notAfter: string;
  /** Relative to the CA directory. */
  readonly file: string;
  revoked?: { readonly at: string; readonly reason: RevocationReason };
}

const INDEX_FORMAT = 'zhaocai-dev-ca/1';
const KEY_FILE = 'ca.key.pem';
const CERTIFICATE_FILE = 'ca.cert.pem';
const INDEX_FILE = 'index.json';
/** Which subject keys each CA certifies: a gm CA certifies SM2 keys only, an intl CA P-256 or Ed25519 keys. */
const SUITE_KEY_TYPES: Record<SuiteId, readonly KeyType[]> = { gm: ['sm2'], intl: ['p256', 'ed25519'] };

export async function initDevCa(options: {
  dir: string;
  suite: SuiteId;
  name: string;
  now: Date;
  days: number;
}): Promise<DevCa> {
  await mkdir(join(options.dir, 'certs'), { recursive: true });
  const keyPair = await nodeSuite(options.suite).generateSigningKeyPair();
  const certificatePem = await createRootCertificate({
    suites: nodeSuite,
    keyPair,
    subject: { commonName: options.name },
    notBefore: options.now,
    notAfter: addDays(options.now, options.days),
  });
  // 'wx' refuses to overwrite: an existing CA's key is never replaced by accident.
  await writeFile(join(options.dir, KEY_FILE), keyPair.privateKeyPem, { mode: 0o600, flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') throw new Error(`${options.dir} already holds a CA (${KEY_FILE})`);
      throw error;
    },
  );
  await writeFile(join(options.dir, CERTIFICATE_FILE), certificatePem);
  const ca: DevCa = {
    dir: options.dir,
    certificatePem,
    privateKeyPem: keyPair.privateKeyPem,
    index: { format: INDEX_FORMAT, suite: options.suite, name: options.name, crlNumber: 0, issued: [] },
  };
  await saveIndex(ca);
  return ca;
}

export async function openDevCa(dir: string): Promise<DevCa> {
  const read = (file: string) =>
    readFile(join(dir, file), 'utf8').catch(() => {
      throw new Error(`${dir} is not a CA directory (no ${file}); run "zhaocai ca init" first`);
    });
  const index = JSON.parse(await read(INDEX_FILE)) as DevCaIndex;
  if (index.format !== INDEX_FORMAT)
    throw new Error(`${join(dir, INDEX_FILE)} is not a ${INDEX_FORMAT} index`);
  return { dir, certificatePem: await read(CERTIFICATE_FILE), privateKeyPem: await read(KEY_FILE), index };
}

export async function issueFromDevCa(
  ca: DevCa,
  options: {
    subject: CertificateName;
    usage: CertificateUsage;
    subjectPublicKeyPem: string;
    now: Date;
    days: number;
  },
): Promise<{ certificatePem: string; serial: string }> {
  const keyType = readPublicKeyPem(options.subjectPublicKeyPem).type;
  if (!SUITE_KEY_TYPES[ca.index.suite].includes(keyType)) {
    throw new Error(`a ${ca.index.suite} CA does not certify ${keyType} keys`);
  }
  const certificatePem = await issueCertificate({
    suites: nodeSuite,
    issuer: ca,
    subject: options.subject,
    subjectPublicKeyPem: options.subjectPublicKeyPem,
    profile: options.usage,
    notBefore: options.now,
    notAfter: addDays(options.now, options.days),
  });
  const { serial, notBefore, notAfter } = readCertificate(certificatePem);
  const file = join('certs', `${serial}.pem`);
  await writeFile(join(ca.dir, file), certificatePem);
  ca.index.issued.push({
    serial,
    subject: options.subject,
    usage: options.usage,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    file,
  });
  await saveIndex(ca);
  return { certificatePem, serial };
}

export async function revokeInDevCa(
  ca: DevCa,
  options: { serial: string; reason: RevocationReason; at: Date },
): Promise<IssuedCertificate> {
  const serial = normaliseSerialHex(options.serial);
  const entry = ca.index.issued.find((item) => item.serial === serial);
  if (!entry) throw new Error(`this CA has not issued a certificate with serial ${serial}`);
  if (entry.revoked) throw new Error(`certificate ${serial} was already revoked at ${entry.revoked.at}`);
  entry.revoked = { at: options.at.toISOString(), reason: options.reason };
  await saveIndex(ca);
  return entry;
}

/** Signs a CRL of every revocation so far; `persist` numbers it and records the number. */
export async function devCaCrl(
  ca: DevCa,
  options: { now: Date; days: number; persist: boolean },
): Promise<string> {
  const crlNumber = ca.index.crlNumber + (options.persist ? 1 : 0);
  const crl = await issueCrl({
    suites: nodeSuite,
    issuer: ca,
    revocations: ca.index.issued.flatMap((item) =>
      item.revoked
        ? [{ serial: item.serial, revokedAt: new Date(item.revoked.at), reason: item.revoked.reason }]
        : [],
    ),
    thisUpdate: options.now,
    nextUpdate: addDays(options.now, options.days),
    crlNumber,
  });
  if (options.persist) {
    ca.index.crlNumber = crlNumber;
    await saveIndex(ca);
  }
  return crl;
}

/** Validates against this CA alone, with a CRL of its current revocations. */
export async function verifyWithDevCa(
  ca: DevCa,
  certificatePem: string,
  options: { at: Date; usage: CertificateUsage },
): Promise<CertificateValidation> {
  const crl = await devCaCrl(ca, { now: options.at, days: 1, persist: false });
  return validateCertificate(certificatePem, {
    trustAnchors: [ca.certificatePem],
    crls: [crl],
    at: options.at,
    usage: options.usage,
    suites: nodeSuite,
  });
}

async function saveIndex(ca: DevCa): Promise<void> {
  const path = join(ca.dir, INDEX_FILE);
  await writeFile(`${path}.tmp`, `${JSON.stringify(ca.index, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 24 * 60 * 60 * 1000);
}
