import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZHAOCAI_BIN } from '../../support/processes.ts';
import { openssl, scratchDirectory, SM2_OPENSSL } from './openssl-cli.ts';

const dir = scratchDirectory();

function zhaocai(...args: string[]) {
  const result = spawnSync(process.execPath, [ZHAOCAI_BIN, 'crypto', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ZHAOCAI_LANG: 'en-US' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Bigger than one read-stream chunk, so signing and hashing really stream.
writeFileSync(
  join(dir, 'bid.bin'),
  new Uint8Array(3 * 1024 * 1024 + 5).map((_, i) => (i * 7919) % 251),
);

describe('zhaocai crypto', () => {
  it('makes SM2 signatures that openssl verifies, and verifies the ones openssl makes', () => {
    const keygen = zhaocai('keygen', '--suite', 'gm', '--out', 'gm');
    expect(keygen).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^sm2-sm3: private key gm.key.pem/),
    });
    expect(readFileSync(join(dir, 'gm.key.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(join(dir, 'gm.key.pem')).mode & 0o077).toBe(0);
    expect(openssl(dir, 'pkey', '-in', 'gm.key.pem', '-noout', '-text').output).toMatch(/ASN1 OID: SM2/);

    expect(zhaocai('sign', '--key', 'gm.key.pem', '--in', 'bid.bin', '--out', 'bid.sig').code).toBe(0);
    expect(openssl(dir, ...SM2_OPENSSL.verify('gm.pub.pem', 'bid.bin', 'bid.sig')).output).toMatch(
      /Signature Verified Successfully/,
    );

    expect(openssl(dir, ...SM2_OPENSSL.sign('gm.key.pem', 'bid.bin', 'openssl.sig')).code).toBe(0);
    expect(zhaocai('verify', '--pub', 'gm.pub.pem', '--in', 'bid.bin', '--sig', 'openssl.sig')).toMatchObject(
      {
        code: 0,
        stdout: 'signature valid\n',
      },
    );
  });

  it.each([
    ['intl', []],
    ['intl', ['--alg', 'ed25519']],
  ])('signs and verifies with --suite %s %j, and openssl agrees', (suite, extra) => {
    const prefix = `intl${extra.length}`;
    expect(zhaocai('keygen', '--suite', suite, '--out', prefix, ...extra).code).toBe(0);
    expect(
      zhaocai('sign', '--key', `${prefix}.key.pem`, '--in', 'bid.bin', '--out', `${prefix}.sig`).code,
    ).toBe(0);
    expect(
      zhaocai('verify', '--pub', `${prefix}.pub.pem`, '--in', 'bid.bin', '--sig', `${prefix}.sig`).code,
    ).toBe(0);
    const check = extra.length
      ? [
          'pkeyutl',
          '-verify',
          '-rawin',
          '-pubin',
          '-inkey',
          `${prefix}.pub.pem`,
          '-in',
          'bid.bin',
          '-sigfile',
        ]
      : ['dgst', '-sha256', '-verify', `${prefix}.pub.pem`, '-signature'];
    const verified = openssl(dir, ...check, `${prefix}.sig`, ...(extra.length ? [] : ['bid.bin']));
    expect(verified.output).toMatch(/Verified (OK|Successfully)/);
  });

  it('exits 1 on an invalid signature and 2 when it cannot check', () => {
    expect(zhaocai('keygen', '--suite', 'gm', '--out', 'exit').code).toBe(0);
    writeFileSync(join(dir, 'other.bin'), 'another bid');
    expect(zhaocai('sign', '--key', 'exit.key.pem', '--in', 'other.bin', '--out', 'other.sig').code).toBe(0);

    expect(zhaocai('verify', '--pub', 'exit.pub.pem', '--in', 'bid.bin', '--sig', 'other.sig')).toMatchObject(
      {
        code: 1,
        stdout: 'signature INVALID\n',
      },
    );
    expect(
      zhaocai('verify', '--pub', 'exit.pub.pem', '--in', 'missing.bin', '--sig', 'other.sig'),
    ).toMatchObject({
      code: 2,
      stderr: 'error: cannot read missing.bin: no such file\n',
    });
    expect(zhaocai('verify', '--pub', 'exit.key.pem', '--in', 'bid.bin', '--sig', 'other.sig')).toMatchObject(
      {
        code: 2,
        stderr: 'error: no "PUBLIC KEY" PEM block found\n',
      },
    );
    expect(zhaocai('verify', '--pub', 'exit.pub.pem', '--in', 'bid.bin').code).toBe(2);
  });

  it('keeps existing keys and refuses options that do not fit', () => {
    expect(zhaocai('keygen', '--suite', 'gm', '--out', 'kept').code).toBe(0);
    const before = readFileSync(join(dir, 'kept.key.pem'), 'utf8');
    expect(zhaocai('keygen', '--suite', 'gm', '--out', 'kept')).toMatchObject({
      code: 1,
      stderr: 'error: cannot write kept.key.pem: already exists (not overwritten)\n',
    });
    expect(readFileSync(join(dir, 'kept.key.pem'), 'utf8')).toBe(before);
    expect(zhaocai('keygen', '--suite', 'gm', '--alg', 'ed25519', '--out', 'x').stderr).toBe(
      'error: --alg ed25519 needs --suite intl\n',
    );
  });

  it.each(['sm3', 'sha256'])('hashes a file with %s as openssl does', (algorithm) => {
    const digest = openssl(dir, 'dgst', `-${algorithm}`, '-r', 'bid.bin').output.split(' ')[0];
    expect(zhaocai('hash', '--alg', algorithm, 'bid.bin')).toMatchObject({ code: 0, stdout: `${digest}\n` });
  });
});
