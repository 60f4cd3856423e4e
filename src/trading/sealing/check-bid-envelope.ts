import { nodeSuite } from '../../crypto/node/node-suites.ts';
import type { EnvelopeHeader } from '../../crypto/portable/envelope/envelope-header.ts';
import { keyIdOf } from '../../crypto/portable/envelope/key-id.ts';
import type { SuiteId } from '../../crypto/portable/suite.ts';
import type { CertificateUsage } from '../../crypto/x509/certificate-extensions.ts';
import { validateCertificate } from '../../crypto/x509/validate-certificate.ts';
import { AppError } from '../../domain/errors.ts';
import { ruleViolation } from '../../domain/rules/rule-violation.ts';
import type { BidSealing } from './bid-sealing.ts';
import type { TrustMaterial } from './trust-store.ts';

/** What the uploaded envelope must have been made for. */
export interface EnvelopeExpectations {
  readonly suite: SuiteId;
  readonly projectId: string;
  readonly sectionId: string;
  readonly bidderOrganisationId: string;
  readonly bidderCreditCode: string;
  /** Key id of the tender's opening public key. */
  readonly openingKeyId: string;
}

export interface CheckedEnvelope {
  readonly header: EnvelopeHeader;
  readonly headerDigest: string;
  readonly ciphertextDigest: string;
  readonly signerCertificateSerial: string;
}

function invalid(problem: string, detail: string): AppError {
  return new AppError('ENVELOPE_INVALID', { problem, detail });
}

/**
 * The platform's check of every uploaded bid (E1, 办法 26), run without any key: the file is an
 * intact envelope (framing, every segment digest, the bidder's signature), made for this tender,
 * section and bidder under the tender's suite and opening key, and signed with a certificate from
 * a trusted CA that is valid now, not revoked, for signing, and held by the bidder; the bidder's
 * encryption certificate passes the same checks. A plaintext upload is refused citing E1.
 */
export async function checkBidEnvelope(
  path: string,
  expected: EnvelopeExpectations,
  sealing: Pick<BidSealing, 'trust' | 'inspections'>,
  at: Date,
): Promise<CheckedEnvelope> {
  const inspection = await sealing.inspections.inspect(path);
  const [first] = inspection.errors;
  if (first?.problem === 'not-an-envelope') throw ruleViolation('E1', { kind: 'forbidden' });
  if (first) throw invalid(first.problem, first.message);
  const header = inspection.header!;

  if (header.suite !== expected.suite) {
    throw invalid('suite-mismatch', `sealed with ${header.suite}; this tender uses ${expected.suite}`);
  }
  if (header.tender.projectId !== expected.projectId) {
    throw invalid('wrong-tender', `made for tender ${header.tender.projectId}`);
  }
  if (header.section.id !== expected.sectionId) {
    throw invalid('wrong-section', `made for section ${header.section.code}`);
  }
  if (
    header.bidder.organisationId !== expected.bidderOrganisationId ||
    header.bidder.creditCode !== expected.bidderCreditCode
  ) {
    throw invalid('wrong-bidder', `made for ${header.bidder.creditCode}`);
  }
  const opening = header.recipients.find((r) => r.role === 'opening')!;
  if (opening.keyId !== expected.openingKeyId) {
    throw invalid('wrong-opening-key', `content key wrapped to ${opening.keyId.slice(0, 16)}…`);
  }

  const trust = await sealing.trust.contents();
  const signer = await validateHeld(trust, header.signer.certificatePem, 'signing', expected, at);
  const encryption = await validateHeld(
    trust,
    header.signer.encryptionCertificatePem,
    'encryption',
    expected,
    at,
  );
  const bidderRecipient = header.recipients.find((r) => r.role === 'bidder')!;
  if (bidderRecipient.keyId !== (await keyIdOf(nodeSuite(header.suite), encryption.publicKeyPem))) {
    throw invalid('recipient-mismatch', "the bidder's wrapped key is not for its encryption certificate");
  }
  return {
    header,
    headerDigest: inspection.headerDigest!,
    ciphertextDigest: inspection.ciphertextDigest!,
    signerCertificateSerial: signer.serial,
  };
}

async function validateHeld(
  trust: TrustMaterial,
  certificatePem: string,
  usage: CertificateUsage,
  expected: EnvelopeExpectations,
  at: Date,
) {
  const validation = await validateCertificate(certificatePem, { ...trust, at, usage, suites: nodeSuite });
  if (!validation.ok) {
    throw new AppError('CERTIFICATE_INVALID', {
      which: usage,
      reason: validation.reason,
      detail: validation.detail,
    });
  }
  if (validation.subject.creditCode !== expected.bidderCreditCode) {
    throw new AppError('CERTIFICATE_INVALID', {
      which: usage,
      reason: 'wrong-holder',
      detail: `issued to ${validation.subject.creditCode ?? validation.subject.commonName}`,
    });
  }
  return validation;
}
