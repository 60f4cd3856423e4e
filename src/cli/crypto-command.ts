import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { hashFile, signFile, SIGNATURE_ALGORITHM_OF, verifyFile } from '../crypto/node/file-digests.ts';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import { readPublicKeyPem } from '../crypto/portable/asymmetric-keys.ts';
import { bytesToHex } from '../crypto/portable/bytes.ts';
import type { HashAlgorithm, SuiteId } from '../crypto/portable/suite.ts';
import { exitWithError } from './fail.ts';

/** `zhaocai crypto verify` exit codes: 0 valid, 1 invalid, 2 could not check (usage or input). */
const INVALID_SIGNATURE = 1;
const CANNOT_VERIFY = 2;

async function readInput(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new Error(`cannot read ${what} ${path}: ${describeFileError(error)}`);
  }
}

function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EEXIST') return 'already exists (not overwritten)';
  return error instanceof Error ? error.message : String(error);
}

/** Streams a whole file through `operation`, turning file errors into one clear line. */
async function withInputFile<T>(path: string, operation: (path: string) => Promise<T>): Promise<T> {
  try {
    return await operation(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code)
      throw new Error(`cannot read ${path}: ${describeFileError(error)}`);
    throw error;
  }
}

/** Keys are never overwritten (`wx`); a signature may be. */
async function writeOutput(
  path: string,
  data: string | Uint8Array,
  mode: number,
  flag: 'w' | 'wx',
): Promise<void> {
  try {
    await writeFile(path, data, { flag, mode });
  } catch (error) {
    throw new Error(`cannot write ${path}: ${describeFileError(error)}`);
  }
}

async function runKeygen(options: { suite: SuiteId; out: string; alg?: 'ed25519' }): Promise<void> {
  if (options.alg && options.suite !== 'intl') throw new Error('--alg ed25519 needs --suite intl');
  const { privateKeyPem, publicKeyPem } = await nodeSuite(options.suite).generateSigningKeyPair(options.alg);
  const privatePath = `${options.out}.key.pem`;
  const publicPath = `${options.out}.pub.pem`;
  await writeOutput(privatePath, privateKeyPem, 0o600, 'wx');
  await writeOutput(publicPath, publicKeyPem, 0o644, 'wx');
  const algorithm = SIGNATURE_ALGORITHM_OF[readPublicKeyPem(publicKeyPem).type];
  console.log(`${algorithm}: private key ${privatePath} (PKCS#8), public key ${publicPath} (SPKI)`);
}

async function runSign(options: { key: string; in: string; out: string }): Promise<void> {
  const privateKeyPem = (await readInput(options.key, 'key')).toString('utf8');
  const signature = await withInputFile(options.in, (path) => signFile(privateKeyPem, path));
  await writeOutput(options.out, signature, 0o644, 'w');
}

async function runVerify(options: { pub: string; in: string; sig: string }): Promise<void> {
  let valid: boolean;
  try {
    const publicKeyPem = (await readInput(options.pub, 'public key')).toString('utf8');
    const signature = await readInput(options.sig, 'signature');
    valid = await withInputFile(options.in, (path) => verifyFile(publicKeyPem, path, signature));
  } catch (error) {
    exitWithError(error, CANNOT_VERIFY);
  }
  console.log(valid ? 'signature valid' : 'signature INVALID');
  if (!valid) process.exitCode = INVALID_SIGNATURE;
}

async function runHash(file: string, options: { alg: HashAlgorithm }): Promise<void> {
  console.log(bytesToHex(await withInputFile(file, (path) => hashFile(options.alg, path))));
}

export function cryptoCommand(): Command {
  const crypto = new Command('crypto').description(
    'primitives for operators and interoperability: SM2/SM3 (GM/T) and ECDSA P-256 / Ed25519 / SHA-256',
  );
  crypto
    .command('keygen')
    .description('generate a signing key pair: PREFIX.key.pem (PKCS#8) and PREFIX.pub.pem (SPKI)')
    .addOption(
      new Option('--suite <suite>', 'gm: SM2; intl: ECDSA P-256 (or Ed25519 with --alg)')
        .choices(['gm', 'intl'])
        .makeOptionMandatory(),
    )
    .requiredOption('--out <prefix>', 'path prefix of the two files written (existing files are kept)')
    .addOption(
      new Option('--alg <algorithm>', 'intl only: Ed25519 instead of ECDSA P-256').choices(['ed25519']),
    )
    .action(runKeygen);
  crypto
    .command('sign')
    .description('sign a file (SM2 with SM3 and ID 1234567812345678, ECDSA P-256 with SHA-256, or Ed25519)')
    .requiredOption('--key <file>', 'private key, PKCS#8 PEM; the algorithm follows from the key')
    .requiredOption('--in <file>', 'file to sign, of any size (read as a stream)')
    .requiredOption(
      '--out <file>',
      'where to write the signature: DER (SM2, ECDSA) or raw 64 bytes (Ed25519)',
    )
    .action(runSign);
  crypto
    .command('verify')
    .description('verify a signature: exit 0 valid, 1 invalid, 2 when it cannot be checked')
    .requiredOption('--pub <file>', 'public key, SPKI PEM')
    .requiredOption('--in <file>', 'the signed file')
    .requiredOption('--sig <file>', 'the signature')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : CANNOT_VERIFY))
    .action(runVerify);
  crypto
    .command('hash')
    .description('print the hexadecimal digest of a file')
    .addOption(
      new Option('--alg <algorithm>', 'sm3 or sha256').choices(['sm3', 'sha256']).makeOptionMandatory(),
    )
    .argument('<file>', 'file to hash, of any size (read as a stream)')
    .action(runHash);
  return crypto;
}
