import type { CertificateProfile } from './certificate-extensions.ts';
import type { CertificateName } from './certificate-name.ts';
import { certificateProfile, parseCertificatePem } from './parse-certificate.ts';

/** What a certificate says about itself, unchecked: for listing, indexing and messages, never for trust. */
export interface CertificateSummary {
  readonly subject: CertificateName;
  readonly issuer: CertificateName;
  /** Upper-case hexadecimal, as `openssl x509 -serial` prints it. */
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly profile: CertificateProfile | undefined;
  readonly publicKeyPem: string;
}

export function readCertificate(certificatePem: string): CertificateSummary {
  const parsed = parseCertificatePem(certificatePem);
  return {
    subject: parsed.subject,
    issuer: parsed.issuer,
    serial: parsed.serial,
    notBefore: parsed.notBefore,
    notAfter: parsed.notAfter,
    profile: certificateProfile(parsed),
    publicKeyPem: parsed.publicKeyPem,
  };
}
