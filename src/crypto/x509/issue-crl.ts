import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  CRLNumber,
  CRLReason,
  CRLReasons,
  Certificate,
  CertificateList,
  KeyIdentifier,
  RevokedCertificate,
  SubjectKeyIdentifier,
  TBSCertList,
  Time,
  Version,
  id_ce_authorityKeyIdentifier,
  id_ce_cRLNumber,
  id_ce_cRLReasons,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { extension, keyIdentifier } from './certificate-extensions.ts';
import type { CertificateAuthorityKey } from './issue-certificate.ts';
import { derToPem, pemToDer } from './pem.ts';
import {
  signatureAlgorithmIdentifier,
  signatureAlgorithmOfPublicKey,
  suiteOfSignatureAlgorithm,
} from './signature-algorithms.ts';
import { serialBytes } from './serial-number.ts';
import type { SuiteProvider } from './suite-provider.ts';

/** RFC 5280 CRLReason names (5.3.1); `removeFromCRL` only makes sense for delta CRLs and is left out. */
export const REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
  'aACompromise',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export interface Revocation {
  /** Certificate serial number in hexadecimal. */
  readonly serial: string;
  readonly revokedAt: Date;
  readonly reason: RevocationReason;
}

export interface IssueCrlOptions {
  readonly suites: SuiteProvider;
  readonly issuer: CertificateAuthorityKey;
  readonly revocations: readonly Revocation[];
  readonly thisUpdate: Date;
  /** When relying parties should treat this CRL as stale and fetch a newer one. */
  readonly nextUpdate: Date;
  /** Monotonically increasing CRL number (RFC 5280 5.2.3). */
  readonly crlNumber: number;
}

/** Issues a signed X.509 v2 CRL; returns it as PEM. */
export async function issueCrl(options: IssueCrlOptions): Promise<string> {
  if (options.nextUpdate <= options.thisUpdate) throw new Error('nextUpdate must be after thisUpdate');
  const issuer = AsnConvert.parse(
    pemToDer(options.issuer.certificatePem, 'CERTIFICATE'),
    Certificate,
  ).tbsCertificate;
  const algorithm = signatureAlgorithmOfPublicKey(issuer.subjectPublicKeyInfo);
  if (!algorithm) throw new Error("the CA's key is not SM2, P-256 or Ed25519");
  const suite = options.suites(suiteOfSignatureAlgorithm(algorithm));
  const ski = issuer.extensions?.find((item) => item.extnID === id_ce_subjectKeyIdentifier);
  const authorityKeyId = ski
    ? new Uint8Array(AsnConvert.parse(ski.extnValue, SubjectKeyIdentifier).buffer)
    : await keyIdentifier(suite, issuer.subjectPublicKeyInfo);

  const tbsCertList = new TBSCertList({
    version: Version.v2,
    signature: signatureAlgorithmIdentifier(algorithm),
    issuer: issuer.subject,
    thisUpdate: new Time(options.thisUpdate),
    nextUpdate: new Time(options.nextUpdate),
    crlExtensions: [
      extension(
        id_ce_authorityKeyIdentifier,
        false,
        new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(authorityKeyId) }),
      ),
      extension(id_ce_cRLNumber, false, new CRLNumber(options.crlNumber)),
    ],
  });
  // An empty revokedCertificates SEQUENCE is not allowed (RFC 5280 5.1.2.6): leave it out instead.
  if (options.revocations.length > 0) tbsCertList.revokedCertificates = options.revocations.map(revokedEntry);

  const tbsDer = new Uint8Array(AsnConvert.serialize(tbsCertList));
  const signature = await suite.sign(options.issuer.privateKeyPem, tbsDer);
  const crl = new CertificateList({
    tbsCertList,
    signatureAlgorithm: signatureAlgorithmIdentifier(algorithm),
    signature: signature.slice().buffer,
  });
  return derToPem(AsnConvert.serialize(crl), 'X509 CRL');
}

function revokedEntry(revocation: Revocation): RevokedCertificate {
  return new RevokedCertificate({
    userCertificate: serialBytes(revocation.serial).slice().buffer,
    revocationDate: new Time(revocation.revokedAt),
    // RFC 5280 5.3.1: the reason code SHOULD be absent rather than `unspecified`.
    ...(revocation.reason === 'unspecified'
      ? {}
      : {
          crlEntryExtensions: [
            extension(id_ce_cRLReasons, false, new CRLReason(CRLReasons[revocation.reason])),
          ],
        }),
  });
}
