import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  KeyUsage,
  KeyUsageFlags,
  SubjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import type { Extension } from '@peculiar/asn1-x509';
import type { CertificateProfile } from './certificate-extensions.ts';
import { readName, type CertificateName } from './certificate-name.ts';
import { bytesToHex } from '../portable/bytes.ts';
import { derToPem, pemToDer } from './pem.ts';
import { serialHex } from './serial-number.ts';

/** What validation and the CLI need from one certificate, read once. */
export interface ParsedCertificate {
  readonly certificate: Certificate;
  readonly der: Uint8Array;
  readonly tbsDer: Uint8Array;
  readonly subject: CertificateName;
  readonly issuer: CertificateName;
  /** DER of the subject and issuer names in hex: names match when these bytes match. */
  readonly subjectKey: string;
  readonly issuerKey: string;
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCa: boolean;
  /** KeyUsageFlags bits, or undefined when the certificate has no keyUsage extension. */
  readonly keyUsage: number | undefined;
  readonly subjectKeyId: string | undefined;
  readonly authorityKeyId: string | undefined;
  readonly publicKeyPem: string;
  /** Critical extensions this code does not understand; RFC 5280 says to reject such a certificate. */
  readonly unknownCriticalExtensions: readonly string[];
}

/** Extensions we either enforce or may safely ignore when they are marked critical. */
const UNDERSTOOD_EXTENSIONS = new Set([
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  '2.5.29.17', // subjectAltName
  '2.5.29.32', // certificatePolicies
  '2.5.29.37', // extKeyUsage
]);

export function parseCertificatePem(pem: string): ParsedCertificate {
  return parseCertificateDer(pemToDer(pem, 'CERTIFICATE'));
}

export function parseCertificateDer(der: Uint8Array): ParsedCertificate {
  const certificate = AsnConvert.parse(der, Certificate);
  const tbs = certificate.tbsCertificate;
  if (!certificate.tbsCertificateRaw) throw new Error('the certificate has no TBSCertificate');
  const extensions = tbs.extensions ?? [];
  const find = (oid: string) => extensions.find((item) => item.extnID === oid);
  const basicConstraints = parseExtension(find(id_ce_basicConstraints), BasicConstraints);
  const keyUsage = parseExtension(find(id_ce_keyUsage), KeyUsage);
  const subjectKeyId = parseExtension(find(id_ce_subjectKeyIdentifier), SubjectKeyIdentifier);
  const authorityKeyId = parseExtension(
    find(id_ce_authorityKeyIdentifier),
    AuthorityKeyIdentifier,
  )?.keyIdentifier;
  return {
    certificate,
    der,
    tbsDer: new Uint8Array(certificate.tbsCertificateRaw),
    subject: readName(tbs.subject),
    issuer: readName(tbs.issuer),
    subjectKey: bytesToHex(new Uint8Array(AsnConvert.serialize(tbs.subject))),
    issuerKey: bytesToHex(new Uint8Array(AsnConvert.serialize(tbs.issuer))),
    serial: serialHex(tbs.serialNumber),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    isCa: basicConstraints?.cA ?? false,
    keyUsage: keyUsage?.toNumber(),
    subjectKeyId: subjectKeyId && bytesToHex(new Uint8Array(subjectKeyId.buffer)),
    authorityKeyId: authorityKeyId && bytesToHex(new Uint8Array(authorityKeyId.buffer)),
    publicKeyPem: derToPem(AsnConvert.serialize(tbs.subjectPublicKeyInfo), 'PUBLIC KEY'),
    unknownCriticalExtensions: extensions
      .filter((item) => item.critical && !UNDERSTOOD_EXTENSIONS.has(item.extnID))
      .map((item) => item.extnID),
  };
}

/** The profile the key usage bits describe: what `zhaocai ca issue` made this certificate for. */
export function certificateProfile(parsed: ParsedCertificate): CertificateProfile | undefined {
  const usage = parsed.keyUsage ?? 0;
  if (parsed.isCa) return 'ca';
  if (usage & (KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation)) return 'signing';
  if (usage & (KeyUsageFlags.keyEncipherment | KeyUsageFlags.keyAgreement | KeyUsageFlags.dataEncipherment)) {
    return 'encryption';
  }
  return undefined;
}

function parseExtension<T>(extension: Extension | undefined, type: new () => T): T | undefined {
  return extension ? AsnConvert.parse(extension.extnValue, type) : undefined;
}
