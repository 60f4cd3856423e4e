import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashHex } from '../../src/crypto/hash.ts';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import type { BidReceipt } from '../../src/domain/schemas/bid-schemas.ts';
import { runZhaocai } from '../support/processes.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { aPublishedSection, submitBid } from '../trading/support/bid-factory.ts';

const dir = mkdtempSync(join(tmpdir(), 'zhaocai-receipt-'));

describe('zhaocai receipt verify', () => {
  let svc: TestService;
  let receipt: BidReceipt;
  const pub = join(dir, 'platform.pub.pem');
  const ledgerKey = join(dir, 'ledger.pub.pem');
  const file = join(dir, 'receipt.json');

  beforeAll(async () => {
    svc = await startTestService('trading', 'sqlite');
    const section = await aPublishedSection(svc);
    const bidder = await svc.userWithRoles(['bidder']);
    const res = await submitBid(svc, bidder.token, section.sectionId);
    expect(res.statusCode, res.body).toBe(201);
    receipt = res.json();
    writeFileSync(file, JSON.stringify(receipt));
    const keys = await svc.app.inject({ url: '/api/platform/keys' });
    writeFileSync(pub, keys.json().receiptSigning.publicKeyPem);
    const ledger = await svc.app.inject({ url: '/api/ledger' });
    writeFileSync(ledgerKey, ledger.json().keys.at(-1).publicKeyPem);
  }, 60_000);
  afterAll(async () => {
    await svc?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("accepts a receipt under the platform's published keys, with its ledger leaf and tree head", () => {
    const ok = runZhaocai(['receipt', 'verify', file, '--pub', pub, '--ledger-key', ledgerKey]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      new RegExp(
        `^receipt valid: bid ${receipt.receipt.bidId}, .*; ledger leaf ${receipt.ledger.leafIndex} in trading tree head #\\d+ `,
      ),
    );
    expect(ok.stdout).not.toContain('pass --pub');
    const carried = runZhaocai(['receipt', 'verify', file]);
    expect(carried.code).toBe(0);
    expect(carried.stdout).toContain('pass --pub and --ledger-key');
  });

  it('refuses an edited receipt, another key, a moved leaf and junk, each with one line', async () => {
    const write = (name: string, value: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(value));
      return path;
    };
    const canonical = receipt.canonical.replace(
      `"fileSize":${receipt.receipt.fileSize}`,
      `"fileSize":${receipt.receipt.fileSize + 1}`,
    );
    const edited = runZhaocai([
      'receipt',
      'verify',
      write('edited.json', { ...receipt, canonical, sha256: hashHex(canonical) }),
      '--pub',
      pub,
    ]);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(
      /^error: receipt NOT valid: the platform's signature does not verify .*\n$/,
    );

    const other = join(dir, 'other.pub.pem');
    writeFileSync(other, (await nodeSuite('gm').generateSigningKeyPair()).publicKeyPem);
    expect(runZhaocai(['receipt', 'verify', file, '--pub', other]).code).toBe(1);
    const otherLedger = runZhaocai(['receipt', 'verify', file, '--ledger-key', other]);
    expect(otherLedger.code).toBe(1);
    expect(otherLedger.stderr).toMatch(/^error: receipt NOT valid: the tree head names another key/);

    const moved = runZhaocai([
      'receipt',
      'verify',
      write('moved.json', {
        ...receipt,
        ledger: { ...receipt.ledger, leafIndex: receipt.ledger.leafIndex - 1 },
      }),
    ]);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(
      /^error: receipt NOT valid: the inclusion proof does not lead to the signed tree head/,
    );

    writeFileSync(join(dir, 'junk.json'), '{"hello":1}');
    const junk = runZhaocai(['receipt', 'verify', join(dir, 'junk.json')]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain('is not a bid receipt');
  });
});
