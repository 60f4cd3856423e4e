import { KeyUsageFlags } from '@peculiar/asn1-x509';
import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { hashHex } from '../../crypto/hash.ts';
import type { CertificateName } from '../../crypto/x509/certificate-name.ts';
import { derToPem } from '../../crypto/x509/pem.ts';
import { parseCertificatePem, type ParsedCertificate } from '../../crypto/x509/parse-certificate.ts';
import { isRsaPublicKey } from '../../crypto/x509/rsa-signatures.ts';
import { signatureAlgorithmOfPublicKey } from '../../crypto/x509/signature-algorithms.ts';
import { verifySignedData } from '../../crypto/x509/verify-signed-data.ts';
import { AppError } from '../../domain/errors.ts';
import type { CaAlgorithm } from './ca-tables.ts';

/** What the hub keeps of a root certificate it recognises. */
export interface RootCertificate {
  readonly parsed: ParsedCertificate;
  /** The certificate re-armoured from its DER: one canonical PEM whatever the upload looked like. */
  readonly pem: string;
  readonly algorithm: CaAlgorithm;
  readonly fingerprint: string;
  readonly subject: CertificateName;
}

function rejected(problem: string, detail?: string): AppError {
  return new AppError('CA_REJECTED', detail === undefined ? { problem } : { problem, detail });
}

/**
 * Reads a root CA certificate offered for recognition and refuses what cannot anchor a chain: not
 * a certificate, not a CA, not self-signed (or the self-signature fails), a key no check here
 * verifies with, critical extensions we do not apply, or already expired at `now`.
 */
export async function readRootCertificate(certificatePem: string, now: Date): Promise<RootCertificate> {
  let parsed: ParsedCertificate;
  try {
    parsed = parseCertificatePem(certificatePem);
  } catch (error) {
    throw rejected('malformed', error instanceof Error ? error.message : String(error));
  }
  if (parsed.unknownCriticalExtensions.length > 0) {
    throw rejected('unsupported-extension', parsed.unknownCriticalExtensions.join(', '));
  }
  const mayIssue = parsed.keyUsage === undefined || (parsed.keyUsage & KeyUsageFlags.keyCertSign) !== 0;
  if (!parsed.isCa || !mayIssue) throw rejected('not-ca');
  const spki = parsed.certificate.tbsCertificate.subjectPublicKeyInfo;
  const algorithm = algorithmOf(spki);
  if (!algorithm) throw rejected('unsupported-algorithm');
  if (parsed.subjectKey !== parsed.issuerKey) throw rejected('not-self-signed');
  const { signatureAlgorithm, signatureValue } = parsed.certificate;
  if (!(await verifySignedData(nodeSuite, spki, signatureAlgorithm, parsed.tbsDer, signatureValue))) {
    throw rejected('bad-signature');
  }
  if (now > parsed.notAfter) throw rejected('expired', `notAfter ${parsed.notAfter.toISOString()}`);
  return {
    parsed,
    pem: derToPem(parsed.der, 'CERTIFICATE'),
    algorithm,
    fingerprint: hashHex(parsed.der),
    subject: parsed.subject,
  };
}

function algorithmOf(
  spki: ParsedCertificate['certificate']['tbsCertificate']['subjectPublicKeyInfo'],
): CaAlgorithm | undefined {
  if (isRsaPublicKey(spki)) return 'rsa';
  const signature = signatureAlgorithmOfPublicKey(spki);
  if (signature === 'sm2-sm3') return 'sm2';
  if (signature === 'ecdsa-p256-sha256') return 'ecdsa';
  return undefined;
}
