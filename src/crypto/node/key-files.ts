import { createPublicKey } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PemKeyPair } from '../portable/suite.ts';

/**
 * A service's own private key as a PEM file `<dir>/<name>.key.pem` (readable by the service account
 * only), made on first use. Of two processes starting on one directory, the first key written is
 * the key. The public key is derived, never stored apart from its private key; the `.pub.pem`
 * written beside it is for people.
 */
export async function loadOrCreateKeyFile(
  dir: string,
  name: string,
  generate: () => Promise<PemKeyPair>,
): Promise<PemKeyPair> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keyPath = join(dir, `${name}.key.pem`);
  let privateKeyPem: string;
  try {
    privateKeyPem = await readFile(keyPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const generated = await generate();
    privateKeyPem = await writeFile(keyPath, generated.privateKeyPem, { flag: 'wx', mode: 0o600 }).then(
      () => generated.privateKeyPem,
      async (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
        return readFile(keyPath, 'utf8');
      },
    );
  }
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  await writeFile(join(dir, `${name}.pub.pem`), publicKeyPem, { mode: 0o644 });
  return { privateKeyPem, publicKeyPem };
}
