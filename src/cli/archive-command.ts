import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import { isAppError } from '../domain/errors.ts';
import type { ArchiveVerification } from '../trading/archive/verify-archive.ts';
import { exitWithError } from './fail.ts';

function summary(file: string, result: ArchiveVerification): string {
  const m = result.manifest;
  const who =
    result.keySource === 'given'
      ? ''
      : ' (checked against the key in the archive; pass --platform-key with the key from GET /api/platform/keys to check who signed)';
  return (
    `archive intact: ${file}, project ${m.dealCode} (${m.projectId}), ${m.files.length} files, ` +
    `${result.bytes} bytes, created ${m.createdAt}, signed by platform key ${result.keyId.slice(0, 16)}…${who}\n`
  );
}

async function verified(file: string, platformKeyPem?: string): Promise<ArchiveVerification> {
  const { verifyArchive } = await import('../trading/archive/verify-archive.ts');
  try {
    return await verifyArchive(file, platformKeyPem === undefined ? {} : { platformKeyPem });
  } catch (error) {
    if (isAppError(error)) exitWithError(error, 1);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      exitWithError(new Error(`${file}: no such file`), 2);
    throw error;
  }
}

async function runVerify(file: string, options: { platformKey?: string }): Promise<void> {
  const pem = options.platformKey ? await readFile(options.platformKey, 'utf8') : undefined;
  process.stdout.write(summary(file, await verified(file, pem)));
}

/** A running byte count on stderr while the archive downloads, when stderr is a terminal. */
function downloadProgress(): Transform {
  let done = 0;
  let last = 0;
  const tty = process.stderr.isTTY;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      const now = Date.now();
      if (tty && now - last >= 200) {
        last = now;
        process.stderr.write(`\rexporting ${(done / 1024 / 1024).toFixed(1)} MiB`);
      }
      callback(null, chunk);
    },
    flush(callback) {
      if (tty) process.stderr.write(`\rexported ${(done / 1024 / 1024).toFixed(1)} MiB\n`);
      callback();
    },
  });
}

async function fetchOrFail(url: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    exitWithError(new Error(`cannot reach ${url}: ${(error as Error).message}`), 2);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    const reason = body?.error ? `${body.error.message} [${body.error.code}]` : `HTTP ${response.status}`;
    exitWithError(new Error(`${url}: ${reason}`), 1);
  }
  return response;
}

async function runExport(options: {
  url: string;
  project: string;
  out: string;
  token?: string;
}): Promise<void> {
  const token = options.token ?? process.env.ZHAOCAI_TOKEN;
  if (!token) exitWithError(new Error('a session token is needed: --token or ZHAOCAI_TOKEN'), 2);
  const base = options.url.replace(/\/+$/, '');
  const response = await fetchOrFail(`${base}/api/projects/${encodeURIComponent(options.project)}/archive`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const partial = `${options.out}.part`;
  try {
    await pipeline(
      Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]),
      downloadProgress(),
      createWriteStream(partial),
    );
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  // The published key, not the one inside the archive, says who signed it.
  const keys = (await (await fetchOrFail(`${base}/api/platform/keys`)).json()) as {
    receiptSigning: { publicKeyPem: string };
  };
  const result = await verified(partial, keys.receiptSigning.publicKeyPem);
  await rename(partial, options.out);
  process.stdout.write(summary(options.out, result));
}

/** `zhaocai archive`: export a project's electronic archive and check archives offline (E11). */
export function archiveCommand(): Command {
  const archive = new Command('archive').description("a tender project's electronic archive (signed ZIP)");
  archive
    .command('export')
    .description("download a project's archive from the transaction platform and verify it")
    .requiredOption('--url <url>', 'the transaction platform, e.g. http://127.0.0.1:3101')
    .requiredOption('--project <id>', 'tender project id')
    .requiredOption('--out <file>', 'where to write the ZIP')
    .option('--token <token>', 'session token of the tenderer, agency or operator (default: $ZHAOCAI_TOKEN)')
    .action(runExport);
  archive
    .command('verify')
    .description(
      'check an archive offline: the platform signature on its manifest, every file’s size, SHA-256 and SM3, nothing unlisted',
    )
    .argument('<file>', 'the archive ZIP')
    .option('--platform-key <pem>', "the platform's receipt-signing public key (GET /api/platform/keys)")
    .action(runVerify);
  return archive;
}
