import { KeyUsageFlags } from '@peculiar/asn1-x509';
import type { CertificateUsage } from './certificate-extensions.ts';
import type { CertificateName } from './certificate-name.ts';
import { parseCertificatePem, type ParsedCertificate } from './parse-certificate.ts';
import { parseCrlPem, type ParsedCrl } from './parse-crl.ts';
import type { SuiteProvider } from './suite-provider.ts';
import { verifySignedData } from './verify-signed-data.ts';

export interface ValidateCertificateOptions {
  /** The CA certificates (PEM) the caller trusts: roots, and for a longer chain the intermediates too. */
  readonly trustAnchors: readonly string[];
  /** Intermediate CA certificates (PEM) that may link the certificate to a trust anchor. */
  readonly intermediates?: readonly string[];
  /** CRLs (PEM); every CA in the chain must have a current one here. */
  readonly crls: readonly string[];
  /** The moment to judge at, from the caller's clock (the sandbox clock may run fast). */
  readonly at: Date;
  readonly usage: CertificateUsage;
  readonly suites: SuiteProvider;
}

export type CertificateRejection =
  | 'untrusted'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'revoked'
  | 'wrong-usage'
  | 'malformed'
  | 'crl-stale';

export type CertificateValidation =
  | {
      readonly ok: true;
      readonly subject: CertificateName;
      readonly issuer: CertificateName;
      readonly serial: string;
      readonly notBefore: Date;
      readonly notAfter: Date;
      /** The subject's key (SPKI PEM), to check what the certificate vouches for. */
      readonly publicKeyPem: string;
    }
  | { readonly ok: false; readonly reason: CertificateRejection; readonly detail: string };

/** Longest chain followed: end entity, up to two intermediates, root. */
const MAX_CHAIN_LENGTH = 4;

const USAGE_BITS: Record<CertificateUsage, number> = {
  signing: KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation,
  encryption: KeyUsageFlags.keyEncipherment | KeyUsageFlags.keyAgreement | KeyUsageFlags.dataEncipherment,
};

class Rejection extends Error {
  constructor(
    readonly reason: CertificateRejection,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * Validates an end-entity certificate (RFC 5280 path validation, cut down to what our CAs issue):
 * the chain to a trust anchor with every signature, every certificate's validity period at `at`,
 * the key usage, and revocation against each issuing CA's current CRL.
 */
export async function validateCertificate(
  certificatePem: string,
  options: ValidateCertificateOptions,
): Promise<CertificateValidation> {
  try {
    const leaf = parse(certificatePem, 'the certificate');
    const chain = await buildChain(leaf, options);
    checkValidityPeriods(chain, options.at);
    checkUsage(leaf, options.usage);
    await checkRevocation(chain, options);
    return {
      ok: true,
      subject: leaf.subject,
      issuer: leaf.issuer,
      serial: leaf.serial,
      notBefore: leaf.notBefore,
      notAfter: leaf.notAfter,
      publicKeyPem: leaf.publicKeyPem,
    };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, reason: error.reason, detail: error.detail };
    throw error;
  }
}

function parse(pem: string, what: string): ParsedCertificate {
  let parsed: ParsedCertificate;
  try {
    parsed = parseCertificatePem(pem);
  } catch (error) {
    throw new Rejection('malformed', `${what} is not a DER X.509 certificate in PEM: ${messageOf(error)}`);
  }
  if (parsed.unknownCriticalExtensions.length > 0) {
    const list = parsed.unknownCriticalExtensions.join(', ');
    throw new Rejection('malformed', `${what} has critical extensions this platform does not know: ${list}`);
  }
  return parsed;
}

/**
 * The trust material (CA certificates, CRLs) is the same for every certificate a platform checks, so
 * its parsing and the CRL signatures are remembered; each check then costs the leaf's parse and
 * signature only. Bounded: a trust store holds a handful of CAs.
 */
const TRUST_MEMO_SIZE = 256;
const trustedCertificates = new Map<string, ParsedCertificate>();
const parsedCrls = new Map<string, ParsedCrl>();
const crlSignatures = new WeakMap<ParsedCrl, WeakMap<ParsedCertificate, boolean>>();

function remember<V>(memo: Map<string, V>, key: string, make: () => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = make();
    if (memo.size >= TRUST_MEMO_SIZE) memo.delete(memo.keys().next().value!);
    memo.set(key, value);
  }
  return value;
}

function parseTrusted(pem: string, what: string): ParsedCertificate {
  return remember(trustedCertificates, pem, () => parse(pem, what));
}

/** Leaf first, trust anchor last. */
async function buildChain(
  leaf: ParsedCertificate,
  options: ValidateCertificateOptions,
): Promise<ParsedCertificate[]> {
  const anchors = options.trustAnchors.map((pem, i) => parseTrusted(pem, `trust anchor ${i + 1}`));
  const intermediates = (options.intermediates ?? []).map((pem, i) =>
    parseTrusted(pem, `intermediate ${i + 1}`),
  );
  const isAnchor = (certificate: ParsedCertificate) =>
    anchors.some((anchor) => sameBytes(anchor.der, certificate.der));

  const chain = [leaf];
  let current = leaf;
  while (!isAnchor(current)) {
    if (chain.length >= MAX_CHAIN_LENGTH) {
      throw new Rejection('untrusted', `no trust anchor within ${MAX_CHAIN_LENGTH} certificates`);
    }
    const issuer = await findIssuer(current, [...anchors, ...intermediates], options.suites);
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

async function findIssuer(
  certificate: ParsedCertificate,
  candidates: readonly ParsedCertificate[],
  suites: SuiteProvider,
): Promise<ParsedCertificate> {
  // Names pick the candidates; the key identifier only puts the likeliest first, the signature decides.
  const keyIdMismatch = (candidate: ParsedCertificate) =>
    Number(candidate.subjectKeyId !== certificate.authorityKeyId);
  const named = candidates
    .filter((candidate) => candidate.subjectKey === certificate.issuerKey)
    .sort((a, b) => keyIdMismatch(a) - keyIdMismatch(b));
  if (named.length === 0) {
    throw new Rejection(
      'untrusted',
      `${describe(certificate)} is issued by "${nameOf(certificate.issuer)}", which is not trusted`,
    );
  }
  const { tbsCertificate, signatureAlgorithm } = certificate.certificate;
  // The algorithm inside the signed part must repeat the outer one (RFC 5280 4.1.1.2).
  const algorithmsAgree = tbsCertificate.signature.algorithm === signatureAlgorithm.algorithm;
  for (const candidate of algorithmsAgree ? named : []) {
    const signed = await verifySignedData(
      suites,
      candidate.certificate.tbsCertificate.subjectPublicKeyInfo,
      signatureAlgorithm,
      certificate.tbsDer,
      certificate.certificate.signatureValue,
    );
    if (!signed) continue;
    const mayIssue =
      candidate.isCa &&
      (candidate.keyUsage === undefined || (candidate.keyUsage & KeyUsageFlags.keyCertSign) !== 0);
    if (!mayIssue) {
      throw new Rejection('untrusted', `"${nameOf(candidate.subject)}" is not a CA certificate`);
    }
    return candidate;
  }
  throw new Rejection(
    'bad-signature',
    `the signature on ${describe(certificate)} does not verify with the key of "${nameOf(certificate.issuer)}"`,
  );
}

function checkValidityPeriods(chain: readonly ParsedCertificate[], at: Date): void {
  for (const certificate of chain) {
    if (at < certificate.notBefore) {
      throw new Rejection(
        'not-yet-valid',
        `${describe(certificate)} is valid only from ${certificate.notBefore.toISOString()}`,
      );
    }
    if (at > certificate.notAfter) {
      throw new Rejection(
        'expired',
        `${describe(certificate)} expired at ${certificate.notAfter.toISOString()}`,
      );
    }
  }
}

function checkUsage(leaf: ParsedCertificate, usage: CertificateUsage): void {
  if (leaf.isCa)
    throw new Rejection('wrong-usage', `${describe(leaf)} is a CA certificate, not for ${usage}`);
  if (leaf.keyUsage === undefined || (leaf.keyUsage & USAGE_BITS[usage]) === 0) {
    throw new Rejection('wrong-usage', `${describe(leaf)} is not a ${usage} certificate (key usage)`);
  }
}

/** Every certificate below the trust anchor is checked against its issuer's newest valid CRL. */
async function checkRevocation(
  chain: readonly ParsedCertificate[],
  options: ValidateCertificateOptions,
): Promise<void> {
  const crls = options.crls.map((pem, i) => {
    try {
      return remember(parsedCrls, pem, () => parseCrlPem(pem));
    } catch (error) {
      throw new Rejection('malformed', `CRL ${i + 1} is not a DER X.509 CRL in PEM: ${messageOf(error)}`);
    }
  });
  for (let i = 0; i < chain.length - 1; i++) {
    const certificate = chain[i]!;
    const crl = await currentCrl(chain[i + 1]!, crls, options);
    const revoked = crl.revoked.get(certificate.serial);
    if (revoked && revoked.revokedAt <= options.at) {
      throw new Rejection(
        'revoked',
        `${describe(certificate)} was revoked at ${revoked.revokedAt.toISOString()} (${revoked.reason})`,
      );
    }
  }
}

async function currentCrl(
  issuer: ParsedCertificate,
  crls: readonly ParsedCrl[],
  options: ValidateCertificateOptions,
): Promise<ParsedCrl> {
  let newest: ParsedCrl | undefined;
  for (const crl of crls) {
    if (crl.issuerKey !== issuer.subjectKey || crl.hasCriticalExtensions) continue;
    const verified = crlSignatures.get(crl) ?? new WeakMap<ParsedCertificate, boolean>();
    crlSignatures.set(crl, verified);
    let signed = verified.get(issuer);
    if (signed === undefined) {
      signed = await verifySignedData(
        options.suites,
        issuer.certificate.tbsCertificate.subjectPublicKeyInfo,
        crl.crl.signatureAlgorithm,
        crl.tbsDer,
        crl.crl.signature,
      );
      verified.set(issuer, signed);
    }
    if (!signed) {
      throw new Rejection(
        'bad-signature',
        `a CRL named as from "${nameOf(issuer.subject)}" has a bad signature`,
      );
    }
    if (!newest || crl.thisUpdate > newest.thisUpdate) newest = crl;
  }
  if (!newest) throw new Rejection('crl-stale', `no CRL from "${nameOf(issuer.subject)}" was provided`);
  if (newest.nextUpdate && options.at > newest.nextUpdate) {
    throw new Rejection(
      'crl-stale',
      `the newest CRL from "${nameOf(issuer.subject)}" was due for renewal at ${newest.nextUpdate.toISOString()}`,
    );
  }
  return newest;
}

function describe(certificate: ParsedCertificate): string {
  return `certificate ${certificate.serial} ("${nameOf(certificate.subject)}")`;
}

function nameOf(name: CertificateName): string {
  return name.commonName || name.organisation || '(no name)';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
