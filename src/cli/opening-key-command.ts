import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import { fromBase64, toBase64 } from '../crypto/portable/envelope/binary.ts';
import {
  type OpeningKeyPackage,
  combineOpeningKey,
  createOpeningKey,
  decryptShare,
} from '../crypto/portable/opening-key.ts';
import { SUITE_IDS, type SuiteId } from '../crypto/portable/suite.ts';

/** A decrypted share as a holder hands it to the reassembly ceremony. Secret until the opening. */
interface ShareFile {
  readonly format: 'zhaocai-opening-key-share';
  /** The opening key it belongs to. */
  readonly keyId: string;
  readonly holderId: string;
  readonly x: number;
  readonly y: string;
}

/** `zhaocai opening-key create|share-decrypt|combine`: the tender's threshold opening key (docs/cli.md). */
export function openingKeyCommand(): Command {
  const openingKey = new Command('opening-key').description(
    "the tender's k-of-n opening key: create and split, decrypt a share, reassemble",
  );

  openingKey
    .command('create')
    .description('generate an opening key pair, split the private key k-of-n to the holders and drop it')
    .addOption(new Option('--suite <suite>', 'cipher suite of the tender').choices(SUITE_IDS).default('gm'))
    .requiredOption('--threshold <k>', 'shares needed to reassemble')
    .requiredOption(
      '--holder <id=pub.pem...>',
      'a keyholder and their encryption public key (SPKI PEM); repeat',
    )
    .requiredOption('--out <file>', 'the opening-key package (JSON: public key and encrypted shares)')
    .option(
      '--public-out <file>',
      'also write the opening public key (SPKI PEM) for `bid seal --opening-key`',
    )
    .action(runCreate);

  openingKey
    .command('share-decrypt')
    .description('a holder decrypts their share with their encryption private key')
    .requiredOption('--package <file>', 'the opening-key package')
    .requiredOption('--holder <id>', 'which holder')
    .requiredOption('--key <file>', "the holder's encryption private key (PKCS#8 PEM)")
    .requiredOption('--out <file>', 'the decrypted share (JSON; keep it secret)')
    .action(runShareDecrypt);

  openingKey
    .command('combine')
    .description('reassemble the opening private key from k decrypted shares')
    .requiredOption('--package <file>', 'the opening-key package')
    .requiredOption('--share <file...>', 'decrypted share files')
    .requiredOption('--out <file>', 'the opening private key (PKCS#8 PEM)')
    .action(runCombine);

  return openingKey;
}

async function runCreate(options: {
  suite: SuiteId;
  threshold: string;
  holder: string[];
  out: string;
  publicOut?: string;
}): Promise<void> {
  const holders = await Promise.all(
    options.holder.map(async (spec) => {
      const at = spec.indexOf('=');
      if (at < 1) throw new Error(`--holder ${spec}: expected ID=PUBLIC-KEY.pem`);
      return {
        holderId: spec.slice(0, at),
        encryptionPublicKeyPem: await readFile(spec.slice(at + 1), 'utf8'),
      };
    }),
  );
  const created = await createOpeningKey(nodeSuite(options.suite), {
    threshold: Number(options.threshold),
    holders,
  });
  await writeFile(options.out, `${JSON.stringify(created, null, 2)}\n`, { flag: 'wx' });
  if (options.publicOut) await writeFile(options.publicOut, created.publicKeyPem, { flag: 'wx' });
  console.log(
    `opening key ${created.keyId.slice(0, 16)}…: ${created.threshold} of ${holders.length} shares → ${options.out}`,
  );
}

async function runShareDecrypt(options: {
  package: string;
  holder: string;
  key: string;
  out: string;
}): Promise<void> {
  const created = await readPackage(options.package);
  const share = created.shares.find((s) => s.holderId === options.holder);
  if (!share) throw new Error(`${options.package} has no share for holder ${options.holder}`);
  const decrypted = await decryptShare(nodeSuite(created.suite), share, await readFile(options.key, 'utf8'));
  const file: ShareFile = {
    format: 'zhaocai-opening-key-share',
    keyId: created.keyId,
    holderId: share.holderId,
    x: decrypted.x,
    y: toBase64(decrypted.y),
  };
  await writeFile(options.out, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  console.log(`share of ${share.holderId} decrypted → ${options.out}`);
}

async function runCombine(options: { package: string; share: string[]; out: string }): Promise<void> {
  const created = await readPackage(options.package);
  const shares = await Promise.all(
    options.share.map(async (path) => {
      const file = JSON.parse(await readFile(path, 'utf8')) as ShareFile;
      if (file.format !== 'zhaocai-opening-key-share') throw new Error(`${path} is not a decrypted share`);
      if (file.keyId !== created.keyId) throw new Error(`${path} is a share of another opening key`);
      return { x: file.x, y: fromBase64(file.y) };
    }),
  );
  const privateKeyPem = await combineOpeningKey(nodeSuite(created.suite), created, shares);
  await writeFile(options.out, privateKeyPem, { flag: 'wx', mode: 0o600 });
  console.log(`opening key reassembled from ${shares.length} shares → ${options.out}`);
}

async function readPackage(path: string): Promise<OpeningKeyPackage> {
  const created = JSON.parse(await readFile(path, 'utf8')) as OpeningKeyPackage;
  if (created.format !== 'zhaocai-opening-key') throw new Error(`${path} is not an opening-key package`);
  return created;
}
