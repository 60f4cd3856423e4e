import type { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { isRsaPublicKey, verifyRsaSignature } from '../../crypto/x509/rsa-signatures.ts';
import {
  signatureAlgorithmOfPublicKey,
  suiteOfSignatureAlgorithm,
} from '../../crypto/x509/signature-algorithms.ts';

/**
 * A signature over data by a certificate's key: SM2 with SM3 and the default ID, ECDSA P-256 with
 * SHA-256 (both DER), Ed25519, or RSA PKCS#1 v1.5 with SHA-256.
 */
export async function verifyDataSignature(
  spki: SubjectPublicKeyInfo,
  publicKeyPem: string,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (isRsaPublicKey(spki)) return verifyRsaSignature(spki, 'SHA-256', data, signature);
  const algorithm = signatureAlgorithmOfPublicKey(spki);
  if (!algorithm) return false;
  try {
    return await nodeSuite(suiteOfSignatureAlgorithm(algorithm)).verify(publicKeyPem, data, signature);
  } catch {
    return false;
  }
}
