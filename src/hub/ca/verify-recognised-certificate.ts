import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { parseCertificatePem, type ParsedCertificate } from '../../crypto/x509/parse-certificate.ts';
import { validateCertificate, type CertificateValidation } from '../../crypto/x509/validate-certificate.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Db } from '../../store/schema.ts';
import { casWithSubject, type CaRecord } from './ca-repository.ts';
import type { VerifyCertificateInput, VerifyCertificateResult } from './ca-schemas.ts';
import { verifyDataSignature } from './verify-data-signature.ts';

type Rejection = Extract<CertificateValidation, { ok: false }>;

/** A candidate CA's answer: this root did not sign the certificate, so another may have. */
const NOT_THIS_ISSUER = new Set<Rejection['reason']>(['untrusted', 'bad-signature']);

/**
 * Checks a certificate for anyone who asks: issued by a recognised, active CA's root, valid at the
 * hub's clock, for the usage, not revoked by that CA's latest CRL, and, when data and a signature
 * come with it, that the certificate's key made the signature. Roots are picked by the issuer name;
 * the signature decides between roots with the same name.
 */
export async function verifyRecognisedCertificate(
  ctx: { readonly db: Db; readonly clock: Clock },
  input: VerifyCertificateInput,
): Promise<VerifyCertificateResult> {
  let leaf: ParsedCertificate;
  try {
    leaf = parseCertificatePem(input.certificatePem);
  } catch (error) {
    return {
      valid: false,
      reason: 'malformed',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  const about = { subject: leaf.subject, serial: leaf.serial, notAfter: leaf.notAfter.toISOString() };
  const at = ctx.clock.now();
  const candidates = await casWithSubject(ctx.db, leaf.issuerKey);

  let signatureFailure: Rejection | undefined;
  for (const record of candidates.filter((item) => item.ca.status === 'active')) {
    const validation = await validateWith(record, input, at);
    if (!validation.ok && NOT_THIS_ISSUER.has(validation.reason)) {
      if (validation.reason === 'bad-signature') signatureFailure = validation;
      continue;
    }
    const ca = { id: record.ca.id, name: record.ca.name };
    if (!validation.ok)
      return { valid: false, reason: validation.reason, detail: validation.detail, ca, ...about };
    if (input.data !== undefined && input.signature !== undefined) {
      const signed = await verifyDataSignature(
        leaf.certificate.tbsCertificate.subjectPublicKeyInfo,
        leaf.publicKeyPem,
        Buffer.from(input.data, 'base64'),
        Buffer.from(input.signature, 'base64'),
      );
      if (!signed) {
        return {
          valid: false,
          reason: 'signature-mismatch',
          detail: "the signature does not verify with the certificate's key",
          ca,
          ...about,
        };
      }
    }
    return { valid: true, ca, ...about };
  }

  for (const record of candidates.filter((item) => item.ca.status === 'withdrawn')) {
    const validation = await validateWith(record, input, at);
    if (validation.ok || !NOT_THIS_ISSUER.has(validation.reason)) {
      return {
        valid: false,
        reason: 'ca-withdrawn',
        detail: `"${record.ca.name}" is no longer recognised since ${record.ca.withdrawnAt}`,
        ca: { id: record.ca.id, name: record.ca.name },
        ...about,
      };
    }
  }
  if (signatureFailure)
    return { valid: false, reason: 'bad-signature', detail: signatureFailure.detail, ...about };
  return {
    valid: false,
    reason: 'untrusted',
    detail: `"${leaf.issuer.commonName || leaf.issuer.organisation || '?'}" is not a recognised CA`,
    ...about,
  };
}

function validateWith(
  record: CaRecord,
  input: VerifyCertificateInput,
  at: Date,
): Promise<CertificateValidation> {
  return validateCertificate(input.certificatePem, {
    trustAnchors: [record.ca.certificatePem],
    crls: record.crl ? [record.crl.crlPem] : [],
    at,
    usage: input.usage,
    suites: nodeSuite,
  });
}
