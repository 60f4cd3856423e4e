import { AsnConvert } from '@peculiar/asn1-schema';
import { CRLReason, CRLReasons, CertificateList, id_ce_cRLReasons } from '@peculiar/asn1-x509';
import { bytesToHex } from '../portable/bytes.ts';
import type { RevocationReason } from './issue-crl.ts';
import { pemToDer } from './pem.ts';
import { serialHex } from './serial-number.ts';

export interface ParsedCrl {
  readonly crl: CertificateList;
  readonly tbsDer: Uint8Array;
  /** DER of the issuer name in hex, comparable with `ParsedCertificate.subjectKey`. */
  readonly issuerKey: string;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  /** Revoked serials (hex, as `serialHex` prints them). */
  readonly revoked: ReadonlyMap<string, { readonly revokedAt: Date; readonly reason: RevocationReason }>;
  /** Critical extensions (delta CRL indicator, issuing distribution point…) this code does not apply. */
  readonly hasCriticalExtensions: boolean;
}

export function parseCrlPem(pem: string): ParsedCrl {
  const crl = AsnConvert.parse(pemToDer(pem, 'X509 CRL'), CertificateList);
  if (!crl.tbsCertListRaw) throw new Error('the CRL has no TBSCertList');
  const tbs = crl.tbsCertList;
  const revoked = new Map<string, { revokedAt: Date; reason: RevocationReason }>();
  for (const entry of tbs.revokedCertificates ?? []) {
    const reasonExtension = entry.crlEntryExtensions?.find((item) => item.extnID === id_ce_cRLReasons);
    const reasonCode = reasonExtension
      ? AsnConvert.parse(reasonExtension.extnValue, CRLReason).reason
      : CRLReasons.unspecified;
    revoked.set(serialHex(entry.userCertificate), {
      revokedAt: entry.revocationDate.getTime(),
      reason: (CRLReasons[reasonCode] ?? 'unspecified') as RevocationReason,
    });
  }
  return {
    crl,
    tbsDer: new Uint8Array(crl.tbsCertListRaw),
    issuerKey: bytesToHex(new Uint8Array(AsnConvert.serialize(tbs.issuer))),
    thisUpdate: tbs.thisUpdate.getTime(),
    nextUpdate: tbs.nextUpdate?.getTime(),
    revoked,
    hasCriticalExtensions: (tbs.crlExtensions ?? []).some((item) => item.critical),
  };
}
