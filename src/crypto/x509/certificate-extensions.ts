import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  Extension,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  SubjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import type { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import type { CryptoSuite } from '../portable/suite.ts';

/**
 * What a certificate is for. Signing and encryption keys are separate key pairs with separate
 * certificates, as Chinese CAs issue them (双证书): a bid signature must never be made with a key
 * that an escrow or opening ceremony could recover.
 */
export type CertificateUsage = 'signing' | 'encryption';
export type CertificateProfile = CertificateUsage | 'ca';

const KEY_USAGE: Record<CertificateProfile, number> = {
  ca: KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign,
  signing: KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation,
  encryption: KeyUsageFlags.keyEncipherment | KeyUsageFlags.dataEncipherment | KeyUsageFlags.keyAgreement,
};

export function profileExtensions(
  profile: CertificateProfile,
  subjectKeyId: Uint8Array,
  authorityKeyId: Uint8Array,
): Extension[] {
  return [
    extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: profile === 'ca' })),
    extension(id_ce_keyUsage, true, new KeyUsage(KEY_USAGE[profile])),
    extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(subjectKeyId)),
    extension(
      id_ce_authorityKeyIdentifier,
      false,
      new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(authorityKeyId) }),
    ),
  ];
}

export function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

/**
 * Key identifier: the leftmost 160 bits of the suite's hash of the subjectPublicKey bits (RFC 7093
 * method 1), so the gm suite never needs SHA-1.
 */
export async function keyIdentifier(suite: CryptoSuite, spki: SubjectPublicKeyInfo): Promise<Uint8Array> {
  const digest = await suite.hash(new Uint8Array(spki.subjectPublicKey));
  return digest.slice(0, 20);
}
