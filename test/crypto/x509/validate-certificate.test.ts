import { describe, expect, it } from 'vitest';
import { nodeSuite } from '../../../src/crypto/node/node-suites.ts';
import { SUITE_IDS } from '../../../src/crypto/portable/suite.ts';
import { webSuite } from '../../../src/crypto/portable/web-suites.ts';
import { issueCertificate } from '../../../src/crypto/x509/issue-certificate.ts';
import { readCertificate } from '../../../src/crypto/x509/read-certificate.ts';
import {
  validateCertificate,
  type ValidateCertificateOptions,
} from '../../../src/crypto/x509/validate-certificate.ts';
import { A_USER, NOW, aTestCa, daysFromNow, type TestCa } from './support/test-ca.ts';

describe.each(SUITE_IDS)('validateCertificate (%s)', (suite) => {
  async function setUp() {
    const ca = await aTestCa(suite);
    const crl = await ca.crl();
    const options: ValidateCertificateOptions = {
      trustAnchors: [ca.certificatePem],
      crls: [crl],
      at: NOW,
      usage: 'signing',
      suites: nodeSuite,
    };
    return { ca, options };
  }

  it('accepts a certificate issued by a trusted CA and reports who it names', async () => {
    const { ca, options } = await setUp();
    const { certificatePem, keys } = await ca.issue();
    const result = await validateCertificate(certificatePem, options);
    expect(result).toMatchObject({ ok: true, subject: A_USER, issuer: { commonName: `测试 CA ${suite}` } });
    if (!result.ok) return;
    expect(result.serial).toBe(readCertificate(certificatePem).serial);
    expect(result.publicKeyPem).toBe(keys.publicKeyPem);
  });

  it('gives the same answers with the browser suites (WebCrypto and sm-crypto-v2)', async () => {
    const { ca, options } = await setUp();
    const { certificatePem } = await ca.issue();
    const other = await aTestCa(suite, `测试 CA ${suite}`);
    const forged = (await other.issue()).certificatePem;
    const inBrowser = { ...options, suites: webSuite };
    expect(await validateCertificate(certificatePem, inBrowser)).toMatchObject({ ok: true, subject: A_USER });
    expect(await validateCertificate(forged, inBrowser)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('accepts an encryption certificate for encryption and refuses it for signing, and the reverse', async () => {
    const { ca, options } = await setUp();
    const encryption = (await ca.issue({ profile: 'encryption' })).certificatePem;
    const signing = (await ca.issue({ profile: 'signing' })).certificatePem;
    expect(await validateCertificate(encryption, { ...options, usage: 'encryption' })).toMatchObject({
      ok: true,
    });
    expect(await validateCertificate(encryption, options)).toMatchObject({
      ok: false,
      reason: 'wrong-usage',
    });
    expect(await validateCertificate(signing, { ...options, usage: 'encryption' })).toMatchObject({
      ok: false,
      reason: 'wrong-usage',
    });
  });

  it('refuses a CA certificate as an end-entity certificate', async () => {
    const { ca, options } = await setUp();
    expect(await validateCertificate(ca.certificatePem, options)).toMatchObject({
      ok: false,
      reason: 'wrong-usage',
    });
  });

  it("refuses a certificate outside its validity period, judged at the caller's time", async () => {
    const { ca, options } = await setUp();
    const { certificatePem } = await ca.issue({ notBefore: daysFromNow(-10), notAfter: daysFromNow(10) });
    const at = (days: number) => ({ ...options, at: daysFromNow(days) });
    expect(await validateCertificate(certificatePem, at(0))).toMatchObject({ ok: true });
    expect(await validateCertificate(certificatePem, at(-11))).toMatchObject({
      ok: false,
      reason: 'not-yet-valid',
    });
    const expired = await validateCertificate(certificatePem, {
      ...at(11),
      crls: [await ca.crl([], { thisUpdate: daysFromNow(11), nextUpdate: daysFromNow(12) })],
    });
    expect(expired).toMatchObject({ ok: false, reason: 'expired' });
    if (!expired.ok) expect(expired.detail).toContain(daysFromNow(10).toISOString());
  });

  it('refuses a revoked certificate from the moment of revocation, with the reason', async () => {
    const { ca, options } = await setUp();
    const { certificatePem } = await ca.issue();
    const { serial } = readCertificate(certificatePem);
    const crl = await ca.crl([{ serial, revokedAt: NOW, reason: 'keyCompromise' }], { thisUpdate: NOW });
    const revoked = await validateCertificate(certificatePem, { ...options, crls: [crl] });
    expect(revoked).toMatchObject({ ok: false, reason: 'revoked' });
    if (!revoked.ok) expect(revoked.detail).toContain('keyCompromise');
    // A signature made before the revocation is judged at its own time.
    expect(
      await validateCertificate(certificatePem, { ...options, crls: [crl], at: daysFromNow(-0.5) }),
    ).toMatchObject({ ok: true });
  });

  it('uses the newest CRL when several are given', async () => {
    const { ca, options } = await setUp();
    const { certificatePem } = await ca.issue();
    const { serial } = readCertificate(certificatePem);
    const older = await ca.crl([], { thisUpdate: daysFromNow(-2) });
    const newer = await ca.crl([{ serial, revokedAt: daysFromNow(-1), reason: 'superseded' }]);
    expect(await validateCertificate(certificatePem, { ...options, crls: [newer, older] })).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
  });

  it('refuses when the CRL is missing or past its nextUpdate', async () => {
    const { ca, options } = await setUp();
    const { certificatePem } = await ca.issue();
    expect(await validateCertificate(certificatePem, { ...options, crls: [] })).toMatchObject({
      ok: false,
      reason: 'crl-stale',
    });
    const stale = await ca.crl([], { thisUpdate: daysFromNow(-10), nextUpdate: daysFromNow(-3) });
    expect(await validateCertificate(certificatePem, { ...options, crls: [stale] })).toMatchObject({
      ok: false,
      reason: 'crl-stale',
    });
  });

  it('refuses a CRL that another key signed', async () => {
    const { ca, options } = await setUp();
    const { certificatePem } = await ca.issue();
    const impostor = await aTestCa(suite, `测试 CA ${suite}`);
    expect(
      await validateCertificate(certificatePem, { ...options, crls: [await impostor.crl()] }),
    ).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a certificate from a CA that is not trusted', async () => {
    const { options } = await setUp();
    const other = await aTestCa(suite, '另一个 CA');
    const { certificatePem } = await other.issue();
    expect(await validateCertificate(certificatePem, options)).toMatchObject({
      ok: false,
      reason: 'untrusted',
    });
  });

  it("refuses a certificate signed by another CA using the trusted CA's name", async () => {
    const { options } = await setUp();
    const impostor = await aTestCa(suite, `测试 CA ${suite}`);
    const { certificatePem } = await impostor.issue();
    expect(await validateCertificate(certificatePem, options)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a certificate that an end-entity key signed', async () => {
    const { ca, options } = await setUp();
    const user = await ca.issue();
    const { publicKeyPem } = await nodeSuite(suite).generateSigningKeyPair();
    const certificatePem = await issueCertificate({
      suites: nodeSuite,
      issuer: { certificatePem: user.certificatePem, privateKeyPem: user.keys.privateKeyPem },
      subject: A_USER,
      subjectPublicKeyPem: publicKeyPem,
      profile: 'signing',
      notBefore: daysFromNow(-1),
      notAfter: daysFromNow(1),
    });
    const result = await validateCertificate(certificatePem, {
      ...options,
      intermediates: [user.certificatePem],
    });
    expect(result).toMatchObject({ ok: false, reason: 'untrusted' });
    if (!result.ok) expect(result.detail).toContain('is not a CA certificate');
  });

  it('refuses a tampered certificate', async () => {
    const { ca, options } = await setUp();
    const { certificatePem } = await ca.issue({ subject: { ...A_USER, commonName: '张三丰' } });
    // Same length, so the DER still parses: only the signature can tell.
    const tampered = reencode(certificatePem, (der) => replaceBytes(der, utf8('张三丰'), utf8('李四光')));
    const result = await validateCertificate(tampered, options);
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses what is not a certificate', async () => {
    const { options } = await setUp();
    expect(await validateCertificate('hello', options)).toMatchObject({ ok: false, reason: 'malformed' });
    const garbage = '-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n';
    expect(await validateCertificate(garbage, options)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('follows a chain through an intermediate CA, checking its revocation too', async () => {
    const root = await aTestCa(suite, '根 CA');
    const intermediate = await aTestCa(suite, '中间 CA', root);
    const { certificatePem } = await intermediate.issue();
    const options: ValidateCertificateOptions = {
      trustAnchors: [root.certificatePem],
      intermediates: [intermediate.certificatePem],
      crls: [await root.crl(), await intermediate.crl()],
      at: NOW,
      usage: 'signing',
      suites: nodeSuite,
    };
    expect(await validateCertificate(certificatePem, options)).toMatchObject({ ok: true });
    expect(await validateCertificate(certificatePem, { ...options, intermediates: [] })).toMatchObject({
      ok: false,
      reason: 'untrusted',
    });
    const { serial } = readCertificate(intermediate.certificatePem);
    const rootCrl = await root.crl([{ serial, revokedAt: daysFromNow(-1), reason: 'cACompromise' }]);
    expect(
      await validateCertificate(certificatePem, { ...options, crls: [rootCrl, await intermediate.crl()] }),
    ).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it("refuses a certificate whose key is of the other suite's CA", async () => {
    const { options } = await setUp();
    const otherSuite: TestCa = await aTestCa(suite === 'gm' ? 'intl' : 'gm', `测试 CA ${suite}`);
    const { certificatePem } = await otherSuite.issue();
    expect(await validateCertificate(certificatePem, options)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });
});

function reencode(pem: string, change: (der: Uint8Array) => Uint8Array): string {
  const base64 = pem.replace(/-----[A-Z ]+-----|\s/g, '');
  const der = change(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  const lines = btoa(String.fromCharCode(...der)).match(/.{1,64}/g)!;
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function replaceBytes(haystack: Uint8Array, needle: Uint8Array, replacement: Uint8Array): Uint8Array {
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((byte, j) => haystack[i + j] === byte)) {
      const out = haystack.slice();
      out.set(replacement, i);
      return out;
    }
  }
  throw new Error('bytes to replace not found');
}

const utf8 = (text: string) => new TextEncoder().encode(text);
