import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { isAppError } from '../../src/domain/errors.ts';
import { renderMessage } from '../../src/domain/messages.ts';
import { archiveManifest } from '../../src/trading/archive/archive-manifest.ts';
import { verifyArchive } from '../../src/trading/archive/verify-archive.ts';
import { readCentralDirectory } from '../../src/store/zip-reader.ts';
import { verifyReceipt } from '../../src/trading/sealing/receipt-signature.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import { aPublishedSection, aSealedBid, type BidSection, submitBid } from './support/bid-factory.ts';
import { get, type Party, party, upload } from './support/tender-factory.ts';

const dir = mkdtempSync(join(tmpdir(), 'zhaocai-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

/** The problem verifyArchive reports, with its English one-line message. */
async function problemOf(path: string, platformKeyPem?: string) {
  try {
    await verifyArchive(path, platformKeyPem ? { platformKeyPem } : {});
  } catch (error) {
    if (!isAppError(error) || error.code !== 'ARCHIVE_INVALID') throw error;
    const params = error.params as { file?: string; problem?: string };
    return { ...params, message: renderMessage(error.code, error.params, 'en-US') };
  }
  return null;
}

async function saved(bytes: Uint8Array): Promise<string> {
  const path = join(dir, `archive-${++serial}.zip`);
  await writeFile(path, bytes);
  return path;
}

/** Where each entry's stored bytes lie in the ZIP. */
async function entryRanges(path: string) {
  const file = await open(path, 'r');
  try {
    const ranges = [];
    for (const entry of await readCentralDirectory(file)) {
      const header = Buffer.alloc(30);
      await file.read(header, 0, 30, entry.localHeaderOffset);
      const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      ranges.push({ name: entry.name, start, size: entry.compressedSize });
    }
    return ranges;
  } finally {
    await file.close();
  }
}

describe.each(DIALECTS)('project archive (%s)', (dialect) => {
  let svc: TestService;
  let tenderer: Party;
  let section: BidSection;
  const plaintexts: Buffer[] = [];
  const envelopes: Buffer[] = [];
  let bidders: { token: string; organisationId: string }[];

  beforeEach(async () => {
    svc = await startTestService('trading', dialect);
    tenderer = await party(svc, ['tenderer'], 'tenderer');
    section = await aPublishedSection(svc, { tenderer });
    const document = await upload(
      svc,
      tenderer,
      `/api/projects/${section.projectId}/documents?kind=tender&filename=${encodeURIComponent('招标文件.pdf')}`,
      Buffer.from('%PDF-1.7 tender documents'),
    );
    expect(document.statusCode, document.body).toBe(201);
    bidders = [await svc.userWithRoles(['bidder']), await svc.userWithRoles(['bidder'])];
    plaintexts.length = 0;
    envelopes.length = 0;
    for (const bidder of bidders) {
      const plaintext = Buffer.concat([Buffer.from('投标报价 PLAINTEXT '), randomBytes(4000)]);
      const envelope = await aSealedBid(svc, section, bidder, plaintext);
      const res = await submitBid(svc, bidder.token, section.sectionId, envelope);
      expect(res.statusCode, res.body).toBe(201);
      plaintexts.push(plaintext);
      envelopes.push(envelope);
    }
  });
  afterEach(async () => svc.close());

  function afterDeadline() {
    svc.clock.set(new Date(new Date(section.deadline).getTime() + 60_000));
  }

  async function exported(who: Party = tenderer): Promise<Buffer> {
    const res = await get(svc, who, `/api/projects/${section.projectId}/archive`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    return res.rawPayload;
  }

  it('refuses an export before the bid deadline: it would tell who bid (E4)', async () => {
    const res = await get(svc, tenderer, `/api/projects/${section.projectId}/archive`);
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe('RULE_VIOLATION');
    expect(errorOf(res).message).toContain('E4');
  });

  it('is for the tenderer and the operator, not for another tenderer or a bidder', async () => {
    afterDeadline();
    const other = await party(svc, ['tenderer'], 'other');
    expect((await get(svc, other, `/api/projects/${section.projectId}/archive`)).statusCode).toBe(403);
    const res = await svc.app.inject({
      url: `/api/projects/${section.projectId}/archive`,
      headers: { authorization: `Bearer ${bidders[0]!.token}` },
    });
    expect(res.statusCode).toBe(403);
    const operator = await party(svc, ['platform_operator'], 'operator');
    await exported(operator);
  });

  it('exports a signed archive that verifies, with the envelopes as received and never a plaintext', async () => {
    afterDeadline();
    const zip = await exported();
    const path = await saved(zip);
    const keys = (await svc.app.inject({ url: '/api/platform/keys' })).json();
    const result = await verifyArchive(path, { platformKeyPem: keys.receiptSigning.publicKeyPem });
    expect(result.keySource).toBe('given');
    expect(result.manifest.projectId).toBe(section.projectId);
    expect(result.manifest.createdAt).toBe(svc.clock.now().toISOString());

    const files = unzipSync(zip);
    const names = Object.keys(files);
    const manifest = archiveManifest.parse(JSON.parse(Buffer.from(files['manifest.json']!).toString()));
    expect(names.sort()).toEqual(
      [...manifest.files.map((f) => f.path), 'manifest.json', 'manifest.sig'].sort(),
    );
    for (const name of [
      'project.json',
      'documents/documents.json',
      'audit/events.jsonl',
      'platform-key.pem',
    ]) {
      expect(names).toContain(name);
    }
    expect(names.some((n) => n.startsWith('documents/') && n.endsWith('/v1/招标文件.pdf'))).toBe(true);

    for (const [i, bidder] of bidders.entries()) {
      const org = await svc.store.db
        .selectFrom('organisation')
        .select('creditCode')
        .where('id', '=', bidder.organisationId)
        .executeTakeFirstOrThrow();
      const folder = `bids/${section.sectionCode}/${org.creditCode}`;
      expect(Buffer.from(files[`${folder}/envelope.zcbe`]!).equals(envelopes[i]!)).toBe(true);
      const receipt = JSON.parse(Buffer.from(files[`${folder}/receipt.json`]!).toString());
      expect(await verifyReceipt(receipt, keys.receiptSigning.publicKeyPem)).toEqual({ ok: true });
    }
    for (const plaintext of plaintexts) {
      expect(zip.includes(plaintext.subarray(0, 64))).toBe(false);
      expect(zip.includes(plaintext.subarray(2000, 2064))).toBe(false);
    }
    expect(zip.includes(Buffer.from('PLAINTEXT'))).toBe(false);

    const openingKey = Buffer.from(files['opening/opening-key.json']!).toString();
    expect(openingKey).toContain(section.openingKey.input.publicKeyPem.split('\n')[1]!);
    expect(openingKey).not.toContain('encryptedShare');
    expect(openingKey).not.toContain('submittedShare');

    const events = Buffer.from(files['audit/events.jsonl']!)
      .toString()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; objectId: string });
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'bid.submitted')).toHaveLength(2);
    expect(actions).toContain('document.uploaded');
    expect(actions.at(-1)).toBe('project.archive_exported');
    expect(actions).not.toContain('auth.logged_in');
  });

  it('records the export in the audit trail', async () => {
    afterDeadline();
    await exported();
    const row = await svc.store.db
      .selectFrom('auditEvent')
      .selectAll()
      .where('action', '=', 'project.archive_exported')
      .executeTakeFirstOrThrow();
    expect(row.objectId).toBe(section.projectId);
  });

  it('names the file whenever one byte of any file is flipped', async () => {
    afterDeadline();
    const zip = await exported();
    const path = await saved(zip);
    expect(await problemOf(path)).toBeNull();
    const ranges = await entryRanges(path);
    expect(ranges.length).toBeGreaterThan(8);
    for (const range of ranges) {
      expect(range.size, range.name).toBeGreaterThan(0);
      const tampered = Buffer.from(zip);
      tampered[range.start + Math.floor(range.size / 2)]! ^= 0x01;
      const found = await problemOf(await saved(tampered));
      expect(found, range.name).not.toBeNull();
      expect(found!.file, found!.message).toBe(range.name);
      expect(found!.message).toContain(range.name);
    }
  });

  it('catches a removed file, an added file and a manifest signed by another key', async () => {
    afterDeadline();
    const zip = await exported();
    const files = unzipSync(zip);
    const envelope = Object.keys(files).find((n) => n.endsWith('envelope.zcbe'))!;

    const { [envelope]: removed, ...withoutEnvelope } = files;
    expect(removed).toBeDefined();
    const missing = await problemOf(await saved(zipSync(withoutEnvelope, { level: 0 })));
    expect(missing).toMatchObject({ file: envelope, problem: 'missing' });
    expect(missing!.message).toContain(envelope);

    const extra = 'bids/extra/evidence.txt';
    const added = await problemOf(
      await saved(zipSync({ ...files, [extra]: Buffer.from('x') }, { level: 0 })),
    );
    expect(added).toMatchObject({ file: extra, problem: 'unlisted' });

    const stranger = await nodeSuite('gm').generateSigningKeyPair();
    const wrongKey = await problemOf(await saved(zip), stranger.publicKeyPem);
    expect(wrongKey).toMatchObject({ file: 'manifest.sig', problem: 'signature' });
  });
});
