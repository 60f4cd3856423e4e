import { AsnConvert } from '@peculiar/asn1-schema';
import type { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';

/**
 * RSA signatures (RSASSA-PKCS1-v1_5, RFC 8017) on certificates, CRLs and data, verified only: many
 * licensed CAs still sign with RSA roots, and a hub that recognises them must check their chains.
 * No suite signs with RSA, so this sits beside `CryptoSuite` on WebCrypto, available in Node and
 * in the browser alike.
 */
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';

/** sha256/384/512WithRSAEncryption (RFC 4055); SHA-1 and RSA-PSS are not accepted. */
const RSA_SIGNATURE_HASHES: Readonly<Record<string, RsaHash>> = {
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
};

export type RsaHash = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** The hash of an RSA signature algorithm OID; undefined for any other algorithm. */
export function rsaSignatureHash(oid: string): RsaHash | undefined {
  return RSA_SIGNATURE_HASHES[oid];
}

export function isRsaPublicKey(spki: SubjectPublicKeyInfo): boolean {
  return spki.algorithm.algorithm === RSA_ENCRYPTION;
}

export async function verifyRsaSignature(
  spki: SubjectPublicKeyInfo,
  hash: RsaHash,
  signedBytes: Uint8Array,
  signature: ArrayBuffer | Uint8Array,
): Promise<boolean> {
  if (!isRsaPublicKey(spki)) return false;
  try {
    const subtle = globalThis.crypto.subtle;
    const key = await subtle.importKey(
      'spki',
      AsnConvert.serialize(spki),
      { name: 'RSASSA-PKCS1-v1_5', hash },
      false,
      ['verify'],
    );
    const bytes = signature instanceof Uint8Array ? signature.slice() : new Uint8Array(signature);
    return await subtle.verify('RSASSA-PKCS1-v1_5', key, bytes, signedBytes.slice());
  } catch {
    // A key or signature that does not even decode verifies nothing.
    return false;
  }
}
