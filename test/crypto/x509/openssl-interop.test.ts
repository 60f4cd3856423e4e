import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../../src/crypto/node/node-suites.ts';
import type { SuiteId } from '../../../src/crypto/portable/suite.ts';
import { certificatePublicKeyPem } from '../../../src/crypto/x509/certificate-public-key.ts';
import { parseCrlPem } from '../../../src/crypto/x509/parse-crl.ts';
import { createRootCertificate, issueCertificate } from '../../../src/crypto/x509/issue-certificate.ts';
import { issueCrl } from '../../../src/crypto/x509/issue-crl.ts';
import { readCertificate } from '../../../src/crypto/x509/read-certificate.ts';
import { validateCertificate } from '../../../src/crypto/x509/validate-certificate.ts';
import { aCreditCode } from '../../support/factories.ts';
import { A_USER, NOW, aTestCa } from './support/test-ca.ts';

/** GM/T 0009's default distinguishing ID, which OpenSSL 3.0 applies only when told to. */
const SM2_ID = 'distid:1234567812345678';

/**
 * How to make each suite's keys and signatures with the openssl command line. OpenSSL 3.0 signs and
 * verifies SM2 with an empty ID unless `-sigopt` / `-vfyopt distid:…` says otherwise; `openssl
 * verify` applies `-vfyopt` to certificate signatures but not to CRL signatures.
 */
const OPENSSL: Record<SuiteId, { keygen: string; digest: string; sigopt: string; verifyOptions: string }> = {
  gm: {
    keygen: '-algorithm SM2',
    digest: 'sm3',
    sigopt: `-sigopt ${SM2_ID}`,
    verifyOptions: `-vfyopt ${SM2_ID}`,
  },
  intl: {
    keygen: '-algorithm EC -pkeyopt ec_paramgen_curve:P-256',
    digest: 'sha256',
    sigopt: '',
    verifyOptions: '',
  },
};

const work = mkdtempSync(join(tmpdir(), 'zhaocai-x509-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs openssl in `cwd`: `command` is split on spaces, `lastArguments` (which may hold spaces) follow as they are. */
function openssl(cwd: string, command: string, ...lastArguments: string[]): string {
  const args = [...command.split(' ').filter(Boolean), ...lastArguments];
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe.each(['gm', 'intl'] as const)('OpenSSL interoperability (%s)', (suite) => {
  const tool = OPENSSL[suite];

  it('OpenSSL reads our certificate and verifies its chain', async () => {
    const dir = mkdtempSync(join(work, `ours-${suite}-`));
    const ca = await aTestCa(suite);
    const { certificatePem } = await ca.issue();
    writeFileSync(join(dir, 'ca.pem'), ca.certificatePem);
    writeFileSync(join(dir, 'leaf.pem'), certificatePem);

    const text = openssl(dir, 'x509 -in leaf.pem -noout -text -nameopt oneline,-esc_msb');
    expect(text).toContain(suite === 'gm' ? 'SM2-with-SM3' : 'ecdsa-with-SHA256');
    expect(text).toContain(`serialNumber = ${A_USER.creditCode}`);
    expect(text).toContain(`CN = ${A_USER.commonName}`);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);

    const attime = Math.floor(NOW.getTime() / 1000);
    const verified = openssl(dir, `verify ${tool.verifyOptions} -attime ${attime} -CAfile ca.pem leaf.pem`);
    expect(verified.trim()).toBe('leaf.pem: OK');
  });

  it('OpenSSL reads our CRL and verifies its signature', async () => {
    const dir = mkdtempSync(join(work, `crl-${suite}-`));
    const ca = await aTestCa(suite);
    const { certificatePem } = await ca.issue();
    const { serial } = readCertificate(certificatePem);
    const crlPem = await ca.crl([{ serial, revokedAt: NOW, reason: 'keyCompromise' }], { thisUpdate: NOW });
    writeFileSync(join(dir, 'crl.pem'), crlPem);
    writeFileSync(join(dir, 'ca.pub.pem'), certificatePublicKeyPem(ca.certificatePem));

    const text = openssl(dir, 'crl -in crl.pem -noout -text');
    expect(text).toContain(`Serial Number: ${serial}`);
    expect(text).toContain('Key Compromise');
    expect(text).toMatch(/CRL Number: \s+1/);

    // `openssl verify -crl_check` cannot check SM2 CRL signatures (it has no ID option for CRLs), so
    // the signature is checked over the raw TBSCertList, which is what a CRL signature covers.
    const crl = parseCrlPem(crlPem);
    writeFileSync(join(dir, 'tbs.der'), crl.tbsDer);
    writeFileSync(join(dir, 'signature.der'), new Uint8Array(crl.crl.signature));
    const sm2Id = suite === 'gm' ? `-pkeyopt ${SM2_ID}` : '';
    const verified = openssl(
      dir,
      `pkeyutl -verify -pubin -inkey ca.pub.pem -rawin -digest ${tool.digest} ${sm2Id} -in tbs.der -sigfile signature.der`,
    );
    expect(verified).toContain('Signature Verified Successfully');

    if (suite === 'intl') {
      // For ECDSA the whole check runs in `openssl verify`: chain, then revocation.
      writeFileSync(join(dir, 'ca.pem'), ca.certificatePem);
      writeFileSync(join(dir, 'leaf.pem'), certificatePem);
      const attime = String(Math.floor(NOW.getTime() / 1000) + 60);
      const check = ['-crl_check', '-attime', attime, '-CAfile', 'ca.pem', '-CRLfile', 'crl.pem', 'leaf.pem'];
      const verify = spawnSync('openssl', ['verify', ...check], { cwd: dir, encoding: 'utf8' });
      expect(verify.status).not.toBe(0);
      expect(verify.stdout + verify.stderr).toContain('certificate revoked');
    }
  });

  it('an OpenSSL-made CA, certificate and CRL validate in ours', async () => {
    const dir = mkdtempSync(join(work, `theirs-${suite}-`));
    const creditCode = aCreditCode(77);
    writeFileSync(join(dir, 'ca.cnf'), opensslCaConfig(tool.digest));
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'crlnumber'), '01\n');
    const sign = `-${tool.digest} ${tool.sigopt}`;
    openssl(dir, `genpkey ${tool.keygen} -out ca.key`);
    openssl(
      dir,
      `req -x509 -new -key ca.key ${sign} -utf8 -days 30 -config ca.cnf -extensions ca_ext -out ca.pem -subj`,
      '/C=CN/O=OpenSSL 测试/CN=OpenSSL CA',
    );
    openssl(dir, `genpkey ${tool.keygen} -out leaf.key`);
    openssl(
      dir,
      `req -new -key leaf.key ${sign} -utf8 -out leaf.csr -subj`,
      `/C=CN/O=某公司/serialNumber=${creditCode}/CN=李四`,
    );
    openssl(
      dir,
      `x509 -req -in leaf.csr ${tool.verifyOptions} -CA ca.pem -CAkey ca.key ${sign} -days 10 -extfile ca.cnf -extensions encryption_ext -out leaf.pem`,
    );
    const ca = `ca -config ca.cnf -keyfile ca.key -cert ca.pem -md ${tool.digest} ${tool.sigopt}`;
    openssl(dir, `${ca} -gencrl -out crl-before.pem`);
    openssl(dir, `${ca} -revoke leaf.pem -crl_reason superseded`);
    openssl(dir, `${ca} -gencrl -out crl-after.pem`);

    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    // OpenSSL stamps its own times from the system clock, so this test judges at the real now.
    const options = {
      trustAnchors: [read('ca.pem')],
      at: new Date(),
      usage: 'encryption' as const,
      suites: nodeSuite,
    };
    const leaf = read('leaf.pem');
    expect(await validateCertificate(leaf, { ...options, crls: [read('crl-before.pem')] })).toMatchObject({
      ok: true,
      subject: { commonName: '李四', organisation: '某公司', creditCode },
      issuer: { commonName: 'OpenSSL CA', organisation: 'OpenSSL 测试' },
    });
    expect(
      await validateCertificate(leaf, { ...options, usage: 'signing', crls: [read('crl-before.pem')] }),
    ).toMatchObject({ ok: false, reason: 'wrong-usage' });
    const after = await validateCertificate(leaf, { ...options, crls: [read('crl-after.pem')] });
    expect(after).toMatchObject({ ok: false, reason: 'revoked' });
    if (!after.ok) expect(after.detail).toContain('superseded');
    expect(certificatePublicKeyPem(leaf)).toBe(openssl(dir, 'pkey -in leaf.key -pubout'));
  });
});

describe('Ed25519 (intl, optional)', () => {
  it('an Ed25519 CA issues a certificate that OpenSSL and ours both accept', async () => {
    const dir = mkdtempSync(join(work, 'ed25519-'));
    const suite = nodeSuite('intl');
    const caKeys = await suite.generateSigningKeyPair('ed25519');
    const validity = {
      notBefore: new Date(NOW.getTime() - 1000),
      notAfter: new Date(NOW.getTime() + 86_400_000),
    };
    const root = await createRootCertificate({
      suites: nodeSuite,
      keyPair: caKeys,
      subject: { commonName: 'Ed25519 CA' },
      ...validity,
    });
    const userKeys = await suite.generateSigningKeyPair('ed25519');
    const leaf = await issueCertificate({
      suites: nodeSuite,
      issuer: { certificatePem: root, privateKeyPem: caKeys.privateKeyPem },
      subject: A_USER,
      subjectPublicKeyPem: userKeys.publicKeyPem,
      profile: 'signing',
      ...validity,
    });
    const crl = await issueCrl({
      suites: nodeSuite,
      issuer: { certificatePem: root, privateKeyPem: caKeys.privateKeyPem },
      revocations: [],
      thisUpdate: NOW,
      nextUpdate: validity.notAfter,
      crlNumber: 1,
    });
    const options = {
      trustAnchors: [root],
      crls: [crl],
      at: NOW,
      usage: 'signing' as const,
      suites: nodeSuite,
    };
    expect(await validateCertificate(leaf, options)).toMatchObject({ ok: true, subject: A_USER });

    writeFileSync(join(dir, 'ca.pem'), root);
    writeFileSync(join(dir, 'leaf.pem'), leaf);
    writeFileSync(join(dir, 'crl.pem'), crl);
    const attime = Math.floor(NOW.getTime() / 1000);
    expect(
      openssl(dir, `verify -crl_check -attime ${attime} -CAfile ca.pem -CRLfile crl.pem leaf.pem`).trim(),
    ).toBe('leaf.pem: OK');
  });
});

describe('SM2 distinguishing ID', () => {
  it("refuses an SM2 certificate that OpenSSL signed with its empty default ID instead of GM/T 0009's", async () => {
    const dir = mkdtempSync(join(work, 'empty-id-'));
    openssl(dir, 'genpkey -algorithm SM2 -out ca.key');
    openssl(
      dir,
      'req -x509 -new -key ca.key -sm3 -days 3 -addext keyUsage=critical,keyCertSign,cRLSign -out ca.pem -subj',
      '/CN=Empty ID CA',
    );
    openssl(dir, 'genpkey -algorithm SM2 -out leaf.key');
    openssl(dir, 'req -new -key leaf.key -sm3 -out leaf.csr -subj', '/CN=leaf');
    openssl(dir, 'x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -sm3 -days 2 -out leaf.pem');
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    const result = await validateCertificate(read('leaf.pem'), {
      trustAnchors: [read('ca.pem')],
      crls: [],
      at: new Date(),
      usage: 'signing',
      suites: nodeSuite,
    });
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
    // …and OpenSSL, told to use the GM/T 0009 ID, refuses it just the same.
    const verify = spawnSync('openssl', ['verify', '-vfyopt', SM2_ID, '-CAfile', 'ca.pem', 'leaf.pem'], {
      cwd: dir,
    });
    expect(verify.status).not.toBe(0);
  });
});

/** A minimal `openssl ca` configuration: a database for revocations and the extensions of each profile. */
function opensslCaConfig(digest: string): string {
  return `[ca]
default_ca = dev
[dev]
database = index.txt
crlnumber = crlnumber
default_md = ${digest}
default_crl_days = 7
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[encryption_ext]
basicConstraints = CA:FALSE
keyUsage = critical,keyEncipherment,keyAgreement
authorityKeyIdentifier = keyid
`;
}
