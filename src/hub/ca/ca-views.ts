import type { CertificateName } from '../../crypto/x509/certificate-name.ts';
import type { CaRecord } from './ca-repository.ts';
import type { RecognisedCaDetail, RecognisedCaView } from './ca-schemas.ts';

export function caView({ ca, crl }: CaRecord): RecognisedCaView {
  return {
    id: ca.id,
    name: ca.name,
    algorithm: ca.algorithm,
    fingerprint: ca.fingerprint,
    subject: JSON.parse(ca.subject) as CertificateName,
    notBefore: ca.notBefore,
    notAfter: ca.notAfter,
    status: ca.status,
    registeredAt: ca.registeredAt,
    withdrawnAt: ca.withdrawnAt,
    withdrawalReason: ca.withdrawalReason,
    crl: crl && {
      crlNumber: crl.crlNumber,
      thisUpdate: crl.thisUpdate,
      nextUpdate: crl.nextUpdate,
      revokedCount: crl.revokedCount,
      uploadedAt: crl.uploadedAt,
    },
  };
}

export function caDetailView(record: CaRecord): RecognisedCaDetail {
  return { ...caView(record), certificatePem: record.ca.certificatePem, crlPem: record.crl?.crlPem ?? null };
}
