import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { ZHAOCAI_BIN } from '../support/processes.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { aPublishedSection, aSealedBid, type BidSection, submitBid } from '../trading/support/bid-factory.ts';

const dir = mkdtempSync(join(tmpdir(), 'zhaocai-archive-cli-'));

/** Runs the CLI without blocking this process, which serves the platform it talks to. */
function zhaocai(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [ZHAOCAI_BIN, ...args],
      { env: { ...process.env, ZHAOCAI_LANG: 'en-US', ZHAOCAI_TOKEN: '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function oneLine(text: string): string {
  const lines = text.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('zhaocai archive', () => {
  let svc: TestService;
  let section: BidSection;
  let url: string;
  let archive: string;
  let platformKey: string;

  beforeAll(async () => {
    svc = await startTestService('trading', 'sqlite');
    section = await aPublishedSection(svc);
    const bidder = await svc.userWithRoles(['bidder']);
    const res = await submitBid(svc, bidder.token, section.sectionId, await aSealedBid(svc, section, bidder));
    expect(res.statusCode, res.body).toBe(201);
    url = await svc.app.listen({ host: '127.0.0.1', port: 0 });
    archive = join(dir, 'archive.zip');
    platformKey = join(dir, 'platform-key.pem');
    const keys = (await svc.app.inject({ url: '/api/platform/keys' })).json();
    await writeFile(platformKey, keys.receiptSigning.publicKeyPem);
  });
  afterAll(async () => {
    await svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const exportArgs = () => [
    'archive',
    'export',
    '--url',
    url,
    '--project',
    section.projectId,
    '--out',
    archive,
  ];

  it('refuses to export without a session token (exit 2) and before the bid deadline (exit 1, E4)', async () => {
    const anonymous = await zhaocai(exportArgs());
    expect(anonymous.code).toBe(2);
    expect(oneLine(anonymous.stderr)).toContain('--token');
    const early = await zhaocai([...exportArgs(), '--token', section.tenderer.token]);
    expect(early.code).toBe(1);
    expect(oneLine(early.stderr)).toMatch(/E4.*RULE_VIOLATION/);
  });

  it('exports from the bid deadline on, checks it against the published key and says so in one line', async () => {
    svc.clock.set(new Date(new Date(section.deadline).getTime() + 60_000));
    const result = await zhaocai(exportArgs(), { ZHAOCAI_TOKEN: section.tenderer.token });
    expect(result.code, result.stderr).toBe(0);
    expect(oneLine(result.stdout)).toMatch(/^archive intact: .*archive\.zip, project E\d+.*files/);
    expect(result.stdout).not.toContain('checked against the key in the archive');
  });

  it('verifies an intact archive offline with exit 0', async () => {
    const alone = await zhaocai(['archive', 'verify', archive]);
    expect(alone.code).toBe(0);
    expect(oneLine(alone.stdout)).toContain('checked against the key in the archive');
    const withKey = await zhaocai(['archive', 'verify', archive, '--platform-key', platformKey]);
    expect(withKey.code).toBe(0);
    expect(oneLine(withKey.stdout)).toMatch(/^archive intact: /);
  });

  it('exits 1 naming the file and what differs when the archive was changed', async () => {
    const files = unzipSync(await readFile(archive));
    const envelope = Object.keys(files).find((n) => n.endsWith('/envelope.zcbe'))!;
    const changed = new Uint8Array(files[envelope]!);
    changed[100]! ^= 0xff;
    const tampered = join(dir, 'tampered.zip');
    await writeFile(tampered, zipSync({ ...files, [envelope]: changed }, { level: 0 }));
    const result = await zhaocai(['archive', 'verify', tampered]);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toBe(
      `error: Archive file ${envelope}: SHA-256 differs: the manifest says ${sha(files[envelope]!)}, the file has ${sha(changed)} [ARCHIVE_INVALID]`,
    );

    const { [envelope]: _gone, ...rest } = files;
    const missing = join(dir, 'missing.zip');
    await writeFile(missing, zipSync(rest, { level: 0 }));
    const gone = await zhaocai(['archive', 'verify', missing]);
    expect(gone.code).toBe(1);
    expect(oneLine(gone.stderr)).toContain(`${envelope}: listed in the manifest but missing`);
  });

  it('exits 1 on a manifest not signed by the given platform key, 2 on a missing file', async () => {
    const stranger = join(dir, 'stranger.pem');
    await writeFile(stranger, (await nodeSuite('gm').generateSigningKeyPair()).publicKeyPem);
    const wrong = await zhaocai(['archive', 'verify', archive, '--platform-key', stranger]);
    expect(wrong.code).toBe(1);
    expect(oneLine(wrong.stderr)).toContain(
      "manifest.sig: the platform's signature over manifest.json does not verify",
    );
    const absent = await zhaocai(['archive', 'verify', join(dir, 'nothing.zip')]);
    expect(absent.code).toBe(2);
    expect(oneLine(absent.stderr)).toContain('nothing.zip: no such file');
  });
});

function sha(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
