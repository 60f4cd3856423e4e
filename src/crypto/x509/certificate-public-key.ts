import { DER_TAG, derChildren, readDer } from '../portable/der.ts';
import { derToPem, pemToDer } from './pem.ts';

/** The tbsCertificate's optional `[0] EXPLICIT Version`. */
const VERSION_TAG = 0xa0;

/**
 * The subject's public key of a PEM certificate, as an SPKI PEM that `CryptoSuite` accepts. Read with
 * the small DER walker rather than the full ASN.1 schema: every envelope seal and check calls this
 * twice, and the schema parse cost milliseconds each time. (Trust in the certificate is a separate
 * question: see validate-certificate.ts.)
 */
export function certificatePublicKeyPem(certificatePem: string): string {
  const [tbs] = derChildren(readDer(pemToDer(certificatePem, 'CERTIFICATE'), DER_TAG.sequence));
  if (tbs?.tag !== DER_TAG.sequence) throw new Error('certificate: no tbsCertificate');
  const fields = derChildren(tbs);
  // version?, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
  const spki = fields[fields[0]?.tag === VERSION_TAG ? 6 : 5];
  if (spki?.tag !== DER_TAG.sequence) throw new Error('certificate: no subjectPublicKeyInfo');
  return derToPem(encodeDer(spki.tag, spki.contents), 'PUBLIC KEY');
}

function encodeDer(tag: number, contents: Uint8Array): Uint8Array {
  const length = contents.length;
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let n = length; n > 0; n = Math.floor(n / 256)) lengthBytes.unshift(n % 256);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  out.set(contents, 1 + lengthBytes.length);
  return out;
}
