import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCertificate } from '../../../src/crypto/x509/read-certificate.ts';
import { aCreditCode } from '../../support/factories.ts';
import { ZHAOCAI_BIN } from '../../support/processes.ts';

const work = mkdtempSync(join(tmpdir(), 'zhaocai-ca-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Each run starts a tsx process, which takes seconds on a busy machine. */
const CLI_TEST_TIMEOUT = 240_000;

function zhaocai(...args: string[]) {
  const result = spawnSync(process.execPath, [ZHAOCAI_BIN, 'ca', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ZHAOCAI_LANG: 'en-US' },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.each(['gm', 'intl'] as const)('zhaocai ca (%s)', (suite) => {
  it(
    'initialises a CA, issues, verifies, revokes and publishes a CRL',
    () => {
      const dir = join(work, suite);
      const out = (file: string) => join(work, `${suite}-${file}`);
      const creditCode = aCreditCode(31);
      expect(zhaocai('init', '--dir', dir, '--suite', suite, '--name', `开发 CA ${suite}`).code).toBe(0);
      expect(statSync(join(dir, 'ca.key.pem')).mode & 0o077).toBe(0);
      const again = zhaocai('init', '--dir', dir, '--suite', suite, '--name', 'other');
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/^error: .*already holds a CA.*\n$/);

      const subject = ['--subject-cn', '王五', '--org', '福州测试建设有限公司', '--credit-code', creditCode];
      const signing = zhaocai(
        'issue',
        '--dir',
        dir,
        ...subject,
        '--usage',
        'signing',
        '--new-key',
        out('sign'),
        '--days',
        '30',
        '--out',
        out('sign.cert.pem'),
      );
      expect(signing.code).toBe(0);
      const encryption = zhaocai(
        'issue',
        '--dir',
        dir,
        ...subject,
        '--usage',
        'encryption',
        '--new-key',
        out('enc'),
        '--out',
        out('enc.cert.pem'),
      );
      expect(encryption.code).toBe(0);
      const certificate = readCertificate(readFileSync(out('sign.cert.pem'), 'utf8'));
      expect(certificate).toMatchObject({ subject: { commonName: '王五', creditCode }, profile: 'signing' });
      expect(certificate.publicKeyPem).toBe(readFileSync(out('sign.pub.pem'), 'utf8'));
      expect(signing.stdout).toContain(certificate.serial);

      const valid = zhaocai('verify', '--dir', dir, out('sign.cert.pem'));
      expect(valid.code).toBe(0);
      expect(valid.stdout).toContain(`valid: 王五, 福州测试建设有限公司, ${creditCode}`);
      expect(zhaocai('verify', '--dir', dir, out('enc.cert.pem')).code).toBe(0);
      const wrongUsage = zhaocai('verify', '--dir', dir, '--usage', 'signing', out('enc.cert.pem'));
      expect(wrongUsage.code).toBe(1);
      expect(wrongUsage.stdout).toMatch(/^invalid \(wrong-usage\)/);
      const later = zhaocai('verify', '--dir', dir, '--at', '2099-01-01T00:00:00Z', out('sign.cert.pem'));
      expect(later.stdout).toMatch(/^invalid \(expired\)/);

      const serial = certificate.serial.toLowerCase();
      expect(zhaocai('revoke', '--dir', dir, '--serial', serial, '--reason', 'keyCompromise').code).toBe(0);
      const revoked = zhaocai('verify', '--dir', dir, out('sign.cert.pem'));
      expect(revoked.code).toBe(1);
      expect(revoked.stdout).toMatch(/^invalid \(revoked\).*keyCompromise/);
      expect(zhaocai('revoke', '--dir', dir, '--serial', serial).stderr).toContain('already revoked');

      expect(zhaocai('crl', '--dir', dir, '--out', out('crl.pem')).stdout).toContain('CRL 1 with 1 revoked');
      const crlText = spawnSync('openssl', ['crl', '-in', out('crl.pem'), '-noout', '-text'], {
        encoding: 'utf8',
      });
      expect(crlText.stdout).toContain(`Serial Number: ${certificate.serial}`);
      expect(zhaocai('crl', '--dir', dir, '--out', out('crl2.pem')).stdout).toContain('CRL 2 with 1 revoked');
    },
    CLI_TEST_TIMEOUT,
  );
});

describe('zhaocai ca refuses bad input with one line', () => {
  const gm = join(work, 'refusals');
  const p256PublicKey = join(work, 'p256.pub.pem');

  beforeAll(() => {
    zhaocai('init', '--dir', gm, '--suite', 'gm', '--name', 'refusals');
    const key = execFileSync('openssl', [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
    ]);
    writeFileSync(p256PublicKey, execFileSync('openssl', ['pkey', '-pubout'], { input: key }));
  }, CLI_TEST_TIMEOUT);

  const issue = (dir: string, creditCode: string, ...key: string[]) => [
    'issue',
    '--dir',
    dir,
    '--subject-cn',
    'a',
    '--org',
    'b',
    '--credit-code',
    creditCode,
    '--usage',
    'signing',
    ...key,
    '--out',
    join(work, 'c.pem'),
  ];

  it.each([
    [
      'an unknown CA directory',
      issue(join(work, 'nowhere'), aCreditCode(1), '--new-key', join(work, 'k')),
      /not a CA directory/,
    ],
    [
      'a wrong credit code',
      issue(gm, '91350100000000004A', '--new-key', join(work, 'k')),
      /CREDIT_CODE_CHECK/,
    ],
    ['neither --pub nor --new-key', issue(gm, aCreditCode(1)), /exactly one of --pub/],
    [
      'a key of the other suite',
      issue(gm, aCreditCode(1), '--pub', p256PublicKey),
      /a gm CA does not certify p256 keys/,
    ],
    [
      'an unknown serial',
      ['revoke', '--dir', gm, '--serial', 'ABCD'],
      /has not issued a certificate with serial ABCD/,
    ],
    [
      'a zero --days',
      ['crl', '--dir', gm, '--out', join(work, 'x.pem'), '--days', '0'],
      /--days must be a positive whole number/,
    ],
  ])(
    '%s',
    (_label, args, message) => {
      const result = zhaocai(...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    },
    CLI_TEST_TIMEOUT,
  );
});
