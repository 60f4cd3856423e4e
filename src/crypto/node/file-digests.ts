import { createHash, createSign, createVerify, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readPrivateKeyPem, readPublicKeyPem, type KeyType } from '../portable/asymmetric-keys.ts';
import type { HashAlgorithm, SignatureAlgorithm } from '../portable/suite.ts';
import { sm2PublicPointOf, sm2SignDigest } from '../portable/sm2.ts';
import { nodeSm2VerifyDigest } from './node-sm2.ts';
import { nodeSuite } from './node-suites.ts';
import { sm2SigningHash } from './node-gm-suite.ts';
import { plainBytes } from './node-bytes.ts';

/**
 * Files of any size signed, verified and hashed as a stream, byte-identical to what the suites do with the
 * whole message in memory. Ed25519 is the exception: it hashes the message twice, so its file is read whole.
 */

export const SIGNATURE_ALGORITHM_OF: Record<KeyType, SignatureAlgorithm> = {
  sm2: 'sm2-sm3',
  p256: 'ecdsa-p256-sha256',
  ed25519: 'ed25519',
};

async function feed<T extends { update(chunk: Buffer): unknown }>(target: T, path: string): Promise<T> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
    target.update(chunk as Buffer);
  return target;
}

export async function hashFile(algorithm: HashAlgorithm, path: string): Promise<Uint8Array> {
  return plainBytes((await feed<Hash>(createHash(algorithm), path)).digest());
}

export async function signFile(privateKeyPem: string, path: string): Promise<Uint8Array> {
  const key = readPrivateKeyPem(privateKeyPem);
  switch (key.type) {
    case 'sm2': {
      const point = key.point ?? sm2PublicPointOf(key.scalar);
      return sm2SignDigest(key.scalar, (await feed(sm2SigningHash(point), path)).digest());
    }
    case 'p256':
      return plainBytes((await feed(createSign('sha256'), path)).sign(privateKeyPem));
    case 'ed25519':
      return nodeSuite('intl').sign(privateKeyPem, await readFile(path));
  }
}

export async function verifyFile(
  publicKeyPem: string,
  path: string,
  signature: Uint8Array,
): Promise<boolean> {
  const key = readPublicKeyPem(publicKeyPem);
  switch (key.type) {
    case 'sm2':
      return nodeSm2VerifyDigest(
        key.point,
        (await feed(sm2SigningHash(key.point), path)).digest(),
        signature,
      );
    case 'p256': {
      const verifier = await feed(createVerify('sha256'), path);
      try {
        return verifier.verify(publicKeyPem, signature);
      } catch {
        return false;
      }
    }
    case 'ed25519':
      return nodeSuite('intl').verify(publicKeyPem, await readFile(path), signature);
  }
}
