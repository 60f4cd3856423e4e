import { AsnConvert } from '@peculiar/asn1-schema';
import type { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { derToPem } from './pem.ts';
import { rsaSignatureHash, verifyRsaSignature } from './rsa-signatures.ts';
import {
  signatureAlgorithmByOid,
  signatureAlgorithmOfPublicKey,
  suiteOfSignatureAlgorithm,
} from './signature-algorithms.ts';
import type { SuiteProvider } from './suite-provider.ts';

/**
 * Checks the signature on a certificate or CRL. The algorithm named in the signed object must be
 * the one the signer's key makes: an SM2 key never vouches for an "ecdsa-with-SHA256" signature.
 */
export async function verifySignedData(
  suites: SuiteProvider,
  signerKey: SubjectPublicKeyInfo,
  algorithm: AlgorithmIdentifier,
  signedBytes: Uint8Array,
  signature: ArrayBuffer,
): Promise<boolean> {
  const rsaHash = rsaSignatureHash(algorithm.algorithm);
  if (rsaHash) return verifyRsaSignature(signerKey, rsaHash, signedBytes, signature);
  const named = signatureAlgorithmByOid(algorithm.algorithm);
  if (!named || named !== signatureAlgorithmOfPublicKey(signerKey)) return false;
  const suite = suites(suiteOfSignatureAlgorithm(named));
  const publicKeyPem = derToPem(AsnConvert.serialize(signerKey), 'PUBLIC KEY');
  try {
    return await suite.verify(publicKeyPem, signedBytes, new Uint8Array(signature));
  } catch {
    // A signature that does not even decode is simply not valid.
    return false;
  }
}
