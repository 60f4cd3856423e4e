import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashHex } from '../../src/crypto/hash.ts';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { keyIdOf } from '../../src/crypto/portable/envelope/key-id.ts';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import { signReceipt } from '../../src/trading/sealing/receipt-signature.ts';
import { ZHAOCAI_BIN } from '../support/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'zhaocai-receipt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function zhaocai(args: string[]) {
  const result = spawnSync(process.execPath, [ZHAOCAI_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ZHAOCAI_LANG: 'en-US' },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function aSignedReceipt() {
  const keys = await nodeSuite('gm').generateSigningKeyPair();
  const content = {
    receiptId: 'r1',
    bidId: 'b1',
    projectId: 'p1',
    sectionId: 's1',
    sectionCode: 'E35010000000001001',
    bidderOrganisationId: 'o1',
    fileSha256: 'a'.repeat(64),
    fileSize: 4096,
    receivedAt: '2026-03-02T01:00:00.000Z',
    replacesBidId: null,
    envelope: {
      suite: 'gm',
      headerDigest: 'b'.repeat(64),
      ciphertextDigest: 'c'.repeat(64),
      signerCertificateSerial: '01',
    },
  };
  const canonical = canonicalJson(content);
  const key = { ...keys, keyId: await keyIdOf(nodeSuite('gm'), keys.publicKeyPem) };
  return {
    keys,
    receipt: {
      receipt: content,
      canonical,
      sha256: hashHex(canonical),
      signature: await signReceipt(canonical, key),
    },
  };
}

describe('zhaocai receipt verify', () => {
  it('accepts a receipt signed by the platform key, and refuses an edited one or another key', async () => {
    const { keys, receipt } = await aSignedReceipt();
    const file = join(dir, 'receipt.json');
    const pub = join(dir, 'platform.pub.pem');
    writeFileSync(file, JSON.stringify(receipt));
    writeFileSync(pub, keys.publicKeyPem);
    const ok = zhaocai(['receipt', 'verify', file, '--pub', pub]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('receipt valid');

    const edited = join(dir, 'edited.json');
    const canonical = receipt.canonical.replace('4096', '4097');
    writeFileSync(edited, JSON.stringify({ ...receipt, canonical, sha256: hashHex(canonical) }));
    const bad = zhaocai(['receipt', 'verify', edited, '--pub', pub]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: receipt NOT valid: the platform's signature does not verify\n$/);

    const other = join(dir, 'other.pub.pem');
    writeFileSync(other, (await nodeSuite('gm').generateSigningKeyPair()).publicKeyPem);
    expect(zhaocai(['receipt', 'verify', file, '--pub', other]).code).toBe(1);

    writeFileSync(join(dir, 'junk.json'), '{"hello":1}');
    const junk = zhaocai(['receipt', 'verify', join(dir, 'junk.json')]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain('is not a bid receipt');
  });
});
