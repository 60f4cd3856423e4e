import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../../src/crypto/node/node-suites.ts';
import { readBidPackage } from '../../../src/crypto/portable/bid-package.ts';
import { ZHAOCAI_BIN } from '../../support/processes.ts';
import { aTender } from './envelope-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'zhaocai-bid-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

function zhaocai(...args: string[]) {
  const result = spawnSync(process.execPath, [ZHAOCAI_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ZHAOCAI_LANG: 'en-US' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('zhaocai bid and zhaocai opening-key', () => {
  it('seal, verify, decrypt by the bidder; opening key split 2 of 3, k − 1 refused, k decrypt', async () => {
    const tender = await aTender('gm');
    const files = {
      'sign.key.pem': tender.bidder.signingKeyPem,
      'sign.cert.pem': tender.bidder.signingCertificatePem,
      'enc.cert.pem': tender.bidder.encryptionCertificatePem,
      'enc.key.pem': tender.bidder.encryptionKeyPem,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(at(name), text);
    const holders = ['tenderer', 'platform', 'supervision'];
    for (const holder of holders) {
      const keys = await nodeSuite('gm').generateEncryptionKeyPair();
      writeFileSync(at(`${holder}.key.pem`), keys.privateKeyPem);
      writeFileSync(at(`${holder}.pub.pem`), keys.publicKeyPem);
    }
    const plaintext = randomBytes(3 * 1024 * 1024 + 5);
    writeFileSync(at('bid.pdf'), plaintext);

    const create = zhaocai(
      'opening-key',
      'create',
      '--suite',
      'gm',
      '--threshold',
      '2',
      ...holders.flatMap((h) => ['--holder', `${h}=${at(`${h}.pub.pem`)}`]),
      '--out',
      at('opening.json'),
      '--public-out',
      at('opening.pub.pem'),
    );
    expect(create.stderr).toBe('');
    expect(create.stdout).toMatch(/: 2 of 3 shares →/);

    const seal = zhaocai(
      'bid',
      'seal',
      '--suite',
      'gm',
      '--in',
      at('bid.pdf'),
      '--out',
      at('bid.zcbe'),
      '--sign-key',
      at('sign.key.pem'),
      '--sign-cert',
      at('sign.cert.pem'),
      '--enc-cert',
      at('enc.cert.pem'),
      '--opening-key',
      at('opening.pub.pem'),
      '--tender',
      'P1',
      '--section',
      'S1',
      '--credit-code',
      '91350100M000100Y43',
      '--bidder-name',
      'Bidder Ltd',
      '--tender-file',
      'F1',
    );
    expect(seal.stderr).toBe('');
    expect(seal.code).toBe(0);

    const verify = zhaocai('bid', 'verify', at('bid.zcbe'));
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/bidder: +91350100M000100Y43 Bidder Ltd/);
    expect(verify.stdout).toMatch(/plaintext: +3145733 bytes in segments of 1048576/);
    expect(verify.stdout).toMatch(/^valid/m);

    expect(
      zhaocai(
        'bid',
        'decrypt',
        '--in',
        at('bid.zcbe'),
        '--out',
        at('by-bidder.pdf'),
        '--key',
        at('enc.key.pem'),
      ).code,
    ).toBe(0);
    expect(readFileSync(at('by-bidder.pdf'))).toEqual(plaintext);

    for (const holder of holders.slice(0, 2)) {
      const decrypted = zhaocai(
        'opening-key',
        'share-decrypt',
        '--package',
        at('opening.json'),
        '--holder',
        holder,
        '--key',
        at(`${holder}.key.pem`),
        '--out',
        at(`${holder}.share.json`),
      );
      expect(decrypted.code).toBe(0);
    }
    const one = zhaocai(
      'opening-key',
      'combine',
      '--package',
      at('opening.json'),
      '--share',
      at('tenderer.share.json'),
      '--out',
      at('one.key.pem'),
    );
    expect(one.code).toBe(1);
    expect(one.stderr).toBe(
      'error: the shares do not reassemble the opening key (1 given, 2 needed, all from this tender)\n',
    );
    const two = zhaocai(
      'opening-key',
      'combine',
      '--package',
      at('opening.json'),
      '--share',
      at('tenderer.share.json'),
      at('platform.share.json'),
      '--out',
      at('opening.key.pem'),
    );
    expect(two.code).toBe(0);
    const opened = zhaocai(
      'bid',
      'decrypt',
      '--in',
      at('bid.zcbe'),
      '--out',
      at('by-opening.pdf'),
      '--key',
      at('opening.key.pem'),
      '--role',
      'opening',
    );
    expect(opened.code).toBe(0);
    expect(readFileSync(at('by-opening.pdf'))).toEqual(plaintext);
  }, 300_000);

  it('seals a bid form with several files as a bid package, never written in the clear, and refuses a bad form in one line', async () => {
    const tender = await aTender('gm');
    const keys = {
      'pkg-sign.key.pem': tender.bidder.signingKeyPem,
      'pkg-sign.cert.pem': tender.bidder.signingCertificatePem,
      'pkg-enc.cert.pem': tender.bidder.encryptionCertificatePem,
      'pkg-enc.key.pem': tender.bidder.encryptionKeyPem,
      'pkg-opening.pub.pem': tender.openingPublicKeyPem,
    };
    for (const [name, text] of Object.entries(keys)) writeFileSync(at(name), text);
    const commercial = randomBytes(2 * 1024 * 1024 + 3);
    const technical = randomBytes(1000);
    writeFileSync(at('商务标.pdf'), commercial);
    writeFileSync(at('technical.pdf'), technical);
    const seal = (...form: string[]) =>
      zhaocai(
        'bid',
        'seal',
        '--suite',
        'gm',
        '--in',
        at('商务标.pdf'),
        at('technical.pdf'),
        '--out',
        at('package.zcbe'),
        '--sign-key',
        at('pkg-sign.key.pem'),
        '--sign-cert',
        at('pkg-sign.cert.pem'),
        '--enc-cert',
        at('pkg-enc.cert.pem'),
        '--opening-key',
        at('pkg-opening.pub.pem'),
        '--tender',
        'P1',
        '--section',
        'S1',
        '--credit-code',
        '91350100M000100Y43',
        ...form,
      );

    const bad = seal('--price', '12,3x');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--price');

    const good = seal('--price', '1,234,567.89', '--duration-days', '180', '--item', '项目经理=张三');
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    const decrypt = zhaocai(
      'bid',
      'decrypt',
      '--in',
      at('package.zcbe'),
      '--out',
      at('package.zip'),
      '--key',
      at('pkg-enc.key.pem'),
    );
    expect(decrypt.code).toBe(0);
    const opened = readBidPackage(readFileSync(at('package.zip')));
    expect(opened.form).toMatchObject({
      priceFen: 123_456_789,
      durationDays: 180,
      items: { 项目经理: '张三' },
    });
    expect(opened.files['商务标.pdf']).toEqual(new Uint8Array(commercial));
    expect(opened.files['technical.pdf']).toEqual(new Uint8Array(technical));
  });

  it('refuses a tampered envelope with one line that says which, and leaves no plaintext behind', () => {
    const envelope = readFileSync(at('bid.zcbe'));
    envelope[envelope.length - 200_000]! ^= 0x80;
    writeFileSync(at('flipped.zcbe'), envelope);
    const verify = zhaocai('bid', 'verify', at('flipped.zcbe'));
    expect(verify.code).toBe(1);
    expect(verify.stderr).toBe(
      'error: segment 2 does not match its digest (altered bytes) [segment-altered]\n',
    );

    const decrypt = zhaocai(
      'bid',
      'decrypt',
      '--in',
      at('flipped.zcbe'),
      '--out',
      at('flipped.pdf'),
      '--key',
      at('enc.key.pem'),
    );
    expect(decrypt.code).toBe(1);
    expect(decrypt.stderr).toBe('error: segment 2 does not match its digest (altered bytes)\n');
    expect(() => readFileSync(at('flipped.pdf'))).toThrow(/ENOENT/);

    const plain = zhaocai('bid', 'verify', at('bid.pdf'));
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^error: not a bid envelope/);
  }, 60_000);
});
