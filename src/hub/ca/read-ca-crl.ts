import { AsnConvert } from '@peculiar/asn1-schema';
import { CRLNumber, id_ce_cRLNumber } from '@peculiar/asn1-x509';
import { nodeSuite } from '../../crypto/node/node-suites.ts';
import type { ParsedCertificate } from '../../crypto/x509/parse-certificate.ts';
import { parseCrlPem, type ParsedCrl } from '../../crypto/x509/parse-crl.ts';
import { verifySignedData } from '../../crypto/x509/verify-signed-data.ts';
import { AppError } from '../../domain/errors.ts';

export interface CaCrl {
  readonly parsed: ParsedCrl;
  readonly crlNumber: string | null;
}

function rejected(problem: string, detail?: string): AppError {
  return new AppError('CRL_REJECTED', detail === undefined ? { problem } : { problem, detail });
}

/**
 * Reads a CRL offered for a recognised CA: it must be an X.509 CRL issued and signed by that CA's
 * root, with no critical extension (a delta CRL would not list every revocation), and not already
 * past its nextUpdate at `now`.
 */
export async function readCaCrl(crlPem: string, root: ParsedCertificate, now: Date): Promise<CaCrl> {
  let parsed: ParsedCrl;
  try {
    parsed = parseCrlPem(crlPem);
  } catch (error) {
    throw rejected('malformed', error instanceof Error ? error.message : String(error));
  }
  if (parsed.issuerKey !== root.subjectKey) throw rejected('wrong-issuer');
  const signed = await verifySignedData(
    nodeSuite,
    root.certificate.tbsCertificate.subjectPublicKeyInfo,
    parsed.crl.signatureAlgorithm,
    parsed.tbsDer,
    parsed.crl.signature,
  );
  if (!signed) throw rejected('bad-signature');
  if (parsed.hasCriticalExtensions) throw rejected('unsupported-extension');
  if (parsed.nextUpdate && now > parsed.nextUpdate) {
    throw rejected('stale', `nextUpdate ${parsed.nextUpdate.toISOString()}`);
  }
  const numberExtension = parsed.crl.tbsCertList.crlExtensions?.find(
    (item) => item.extnID === id_ce_cRLNumber,
  );
  const crlNumber = numberExtension
    ? String(AsnConvert.parse(numberExtension.extnValue, CRLNumber).value)
    : null;
  return { parsed, crlNumber };
}
