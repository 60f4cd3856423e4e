import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { readPublicKeyDer, type KeyType } from '../portable/asymmetric-keys.ts';
import { pemToDer } from './pem.ts';
import type { SignatureAlgorithm, SuiteId } from '../portable/suite.ts';

/** How each signature algorithm is named in a certificate or CRL, the key that makes it, and the suite that computes it. */
const SIGNATURE_ALGORITHMS: Record<SignatureAlgorithm, { oid: string; key: KeyType; suite: SuiteId }> = {
  'sm2-sm3': { oid: '1.2.156.10197.1.501', key: 'sm2', suite: 'gm' },
  'ecdsa-p256-sha256': { oid: '1.2.840.10045.4.3.2', key: 'p256', suite: 'intl' },
  ed25519: { oid: '1.3.101.112', key: 'ed25519', suite: 'intl' },
};
const ALGORITHMS = Object.keys(SIGNATURE_ALGORITHMS) as SignatureAlgorithm[];

export function signatureAlgorithmIdentifier(algorithm: SignatureAlgorithm): AlgorithmIdentifier {
  // RFC 5758 and RFC 8410 leave the parameters absent; GM/T 0015 does the same for SM2-with-SM3.
  return new AlgorithmIdentifier({ algorithm: SIGNATURE_ALGORITHMS[algorithm].oid });
}

export function signatureAlgorithmByOid(oid: string): SignatureAlgorithm | undefined {
  return ALGORITHMS.find((algorithm) => SIGNATURE_ALGORITHMS[algorithm].oid === oid);
}

export function suiteOfSignatureAlgorithm(algorithm: SignatureAlgorithm): SuiteId {
  return SIGNATURE_ALGORITHMS[algorithm].suite;
}

/** The signature algorithm a public key makes; undefined for keys no suite signs with. */
export function signatureAlgorithmOfPublicKey(spki: SubjectPublicKeyInfo): SignatureAlgorithm | undefined {
  let key: KeyType;
  try {
    key = readPublicKeyDer(new Uint8Array(AsnConvert.serialize(spki))).type;
  } catch {
    return undefined;
  }
  return ALGORITHMS.find((algorithm) => SIGNATURE_ALGORITHMS[algorithm].key === key);
}

export function publicKeyInfoFromPem(publicKeyPem: string): SubjectPublicKeyInfo {
  return AsnConvert.parse(pemToDer(publicKeyPem, 'PUBLIC KEY'), SubjectPublicKeyInfo);
}
