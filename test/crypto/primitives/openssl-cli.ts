import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs the `openssl` command line (OpenSSL 3) in `cwd`; the reference implementation for interop tests. */
export function openssl(cwd: string, ...args: string[]): { code: number | null; output: string } {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw new Error(`cannot run openssl (install OpenSSL 3): ${result.error.message}`);
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

export function scratchDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'zhaocai-crypto-'));
}

/**
 * The exact invocations that sign and verify SM2 the GM/T 0009 way: SM3 over Z ‖ M with the default ID.
 * `-rawin` hands pkeyutl the message itself, so it computes Z and the digest.
 */
export const SM2_OPENSSL = {
  sign: (key: string, message: string, signature: string) =>
    ['pkeyutl', '-sign', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'].concat([
      '-inkey',
      key,
      '-in',
      message,
      '-out',
      signature,
    ]),
  verify: (publicKey: string, message: string, signature: string) =>
    ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'].concat([
      '-pubin',
      '-inkey',
      publicKey,
      '-in',
      message,
      '-sigfile',
      signature,
    ]),
};
