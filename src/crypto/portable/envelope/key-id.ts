import { pemToDer } from '../../x509/pem.ts';
import type { CryptoSuite } from '../suite.ts';
import { bytesToHex } from '../bytes.ts';

/** A recipient key's identifier: the hex suite hash of its SPKI DER. */
export async function keyIdOf(suite: CryptoSuite, publicKeyPem: string): Promise<string> {
  return bytesToHex(await suite.hash(pemToDer(publicKeyPem, 'PUBLIC KEY')));
}
