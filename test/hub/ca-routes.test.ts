import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  Certificate,
  CertificateList,
  CRLNumber,
  Extensions,
  RevokedCertificate,
  SubjectPublicKeyInfo,
  TBSCertList,
  TBSCertificate,
  Time,
  Validity,
  Version,
  id_ce_cRLNumber,
} from '@peculiar/asn1-x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import type { SuiteId } from '../../src/crypto/portable/suite.ts';
import {
  extension,
  profileExtensions,
  type CertificateProfile,
} from '../../src/crypto/x509/certificate-extensions.ts';
import { buildName, type CertificateName } from '../../src/crypto/x509/certificate-name.ts';
import { createRootCertificate, issueCertificate } from '../../src/crypto/x509/issue-certificate.ts';
import { issueCrl, type Revocation } from '../../src/crypto/x509/issue-crl.ts';
import { parseCertificatePem } from '../../src/crypto/x509/parse-certificate.ts';
import { derToPem, pemToDer } from '../../src/crypto/x509/pem.ts';
import { serialBytes } from '../../src/crypto/x509/serial-number.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';

const YEAR = 365 * 86_400_000;
const EPOCH = new Date('2025-01-01T00:00:00Z');
const LATER = new Date(EPOCH.getTime() + 20 * YEAR);

/** A test CA: issues certificates and CRLs, and signs data with the keys it certified. */
interface TestAuthority {
  readonly certificatePem: string;
  issue(subject: CertificateName, profile?: CertificateProfile): Promise<Holder>;
  crl(revocations: Revocation[], crlNumber: number, thisUpdate?: Date): Promise<string>;
}

interface Holder {
  readonly certificatePem: string;
  signData(data: Uint8Array): Promise<Uint8Array>;
}

/** SM2 or ECDSA P-256, through the platform's own issuing code. */
async function suiteAuthority(
  suite: SuiteId,
  commonName: string,
  validity = { notBefore: EPOCH, notAfter: LATER },
): Promise<TestAuthority> {
  const keys = await nodeSuite(suite).generateSigningKeyPair();
  const certificatePem = await createRootCertificate({
    suites: nodeSuite,
    keyPair: keys,
    subject: { commonName },
    ...validity,
  });
  const issuer = { certificatePem, privateKeyPem: keys.privateKeyPem };
  return {
    certificatePem,
    async issue(subject, profile = 'signing') {
      const holder = await nodeSuite(suite).generateSigningKeyPair();
      const pem = await issueCertificate({
        suites: nodeSuite,
        issuer,
        subject,
        subjectPublicKeyPem: holder.publicKeyPem,
        profile,
        notBefore: EPOCH,
        notAfter: new Date(EPOCH.getTime() + 5 * YEAR),
      });
      return { certificatePem: pem, signData: (data) => nodeSuite(suite).sign(holder.privateKeyPem, data) };
    },
    crl: (revocations, crlNumber, thisUpdate = EPOCH) =>
      issueCrl({ suites: nodeSuite, issuer, revocations, thisUpdate, nextUpdate: LATER, crlNumber }),
  };
}

/** RSA: no suite signs with RSA, so certificates and CRLs are built here and signed with node:crypto. */
function rsaAuthority(commonName: string): TestAuthority {
  const sha256WithRsa = () =>
    new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.11', parameters: null });
  const rsaKeys = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spkiOf = (key: KeyObject) =>
    AsnConvert.parse(key.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
  const ca = rsaKeys();
  const caName = buildName({ commonName });
  const keyId = (n: number) => Uint8Array.from({ length: 20 }, (_, i) => (i * 7 + n) & 0xff);
  let serial = 0x1000;
  const certificate = (
    subject: CertificateName,
    publicKey: KeyObject,
    profile: CertificateProfile,
    self: boolean,
  ) => {
    const tbs = new TBSCertificate({
      version: Version.v3,
      serialNumber: serialBytes((++serial).toString(16)).slice().buffer,
      signature: sha256WithRsa(),
      issuer: caName,
      validity: new Validity({
        notBefore: EPOCH,
        notAfter: self ? LATER : new Date(EPOCH.getTime() + 5 * YEAR),
      }),
      subject: self ? caName : buildName(subject),
      subjectPublicKeyInfo: spkiOf(publicKey),
      extensions: new Extensions(profileExtensions(profile, keyId(self ? 1 : serial), keyId(1))),
    });
    const tbsDer = AsnConvert.serialize(tbs);
    const signature = sign('sha256', new Uint8Array(tbsDer), ca.privateKey);
    const cert = new Certificate({
      tbsCertificate: tbs,
      signatureAlgorithm: sha256WithRsa(),
      signatureValue: new Uint8Array(signature).buffer,
    });
    return derToPem(AsnConvert.serialize(cert), 'CERTIFICATE');
  };
  const certificatePem = certificate({ commonName }, ca.publicKey, 'ca', true);
  return {
    certificatePem,
    async issue(subject, profile = 'signing') {
      const holder = rsaKeys();
      return {
        certificatePem: certificate(subject, holder.publicKey, profile, false),
        signData: async (data) => new Uint8Array(sign('sha256', data, holder.privateKey)),
      };
    },
    async crl(revocations, crlNumber, thisUpdate = EPOCH) {
      const tbs = new TBSCertList({
        version: Version.v2,
        signature: sha256WithRsa(),
        issuer: caName,
        thisUpdate: new Time(thisUpdate),
        nextUpdate: new Time(LATER),
        crlExtensions: [extension(id_ce_cRLNumber, false, new CRLNumber(crlNumber))],
      });
      if (revocations.length > 0) {
        tbs.revokedCertificates = revocations.map(
          (item) =>
            new RevokedCertificate({
              userCertificate: serialBytes(item.serial).slice().buffer,
              revocationDate: new Time(item.revokedAt),
            }),
        );
      }
      const signature = sign('sha256', new Uint8Array(AsnConvert.serialize(tbs)), ca.privateKey);
      const crl = new CertificateList({
        tbsCertList: tbs,
        signatureAlgorithm: sha256WithRsa(),
        signature: new Uint8Array(signature).buffer,
      });
      return derToPem(AsnConvert.serialize(crl), 'X509 CRL');
    },
  };
}

const BIDDER = {
  commonName: '某建设有限公司',
  organisation: '某建设有限公司',
  creditCode: '91350100MA2XYZ1234',
};
const DATA = Buffer.from('投标报价 1,000,000.00 元');

type Algorithm = 'sm2' | 'ecdsa' | 'rsa';
let shared:
  Promise<{ authorities: Record<Algorithm, TestAuthority>; holders: Record<Algorithm, Holder> }> | undefined;

/** The three CAs and a bidder certificate from each, made once for both databases (RSA keys are slow). */
function fixtures() {
  shared ??= (async () => {
    const authorities = {
      sm2: await suiteAuthority('gm', '国密测试 CA'),
      ecdsa: await suiteAuthority('intl', 'ECDSA Test CA'),
      rsa: rsaAuthority('RSA Test CA'),
    };
    const holders = {
      sm2: await authorities.sm2.issue(BIDDER),
      ecdsa: await authorities.ecdsa.issue(BIDDER),
      rsa: await authorities.rsa.issue(BIDDER),
    };
    return { authorities, holders };
  })();
  return shared;
}

describe.each(DIALECTS)('CA recognition at the hub (%s)', (dialect) => {
  let hub: TestService;
  let operator: string;
  let authorities: Record<'sm2' | 'ecdsa' | 'rsa', TestAuthority>;
  let holders: Record<'sm2' | 'ecdsa' | 'rsa', Holder>;
  const ids: Partial<Record<'sm2' | 'ecdsa' | 'rsa', string>> = {};

  beforeAll(async () => {
    hub = await startTestService('hub', dialect);
    operator = (await hub.userWithRoles(['hub_operator'])).token;
    ({ authorities, holders } = await fixtures());
  });
  afterAll(async () => hub.close());

  const post = (url: string, payload: object, token: string | null = operator) =>
    hub.app.inject({
      method: 'POST',
      url,
      payload,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const get = (url: string) => hub.app.inject({ method: 'GET', url });
  const verify = async (certificatePem: string, extra: object = {}) => {
    const res = await post('/api/public/ca/verify', { certificatePem, ...extra }, null);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('registers an SM2, an ECDSA and an RSA root; the hub operator only', async () => {
    expect(
      (await post('/api/ca', { name: 'x', certificatePem: authorities.sm2.certificatePem }, null)).statusCode,
    ).toBe(401);

    for (const [algorithm, name] of [
      ['sm2', '国密CA'],
      ['ecdsa', 'ECDSA CA'],
      ['rsa', 'RSA CA'],
    ] as const) {
      const res = await post('/api/ca', { name, certificatePem: authorities[algorithm].certificatePem });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ name, algorithm, status: 'active', crl: null });
      expect(res.json().fingerprint).toMatch(/^[0-9a-f]{64}$/);
      ids[algorithm] = res.json().id;
      hub.clock.advance(1000);
    }
    const list = await get('/api/public/ca?pageSize=2');
    expect(list.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(list.json().items.map((ca: { name: string }) => ca.name)).toEqual(['RSA CA', 'ECDSA CA']);
    const audits = await hub.store.db
      .selectFrom('auditEvent')
      .select('objectId')
      .where('action', '=', 'ca.registered')
      .execute();
    expect(audits.map((a) => a.objectId).sort()).toEqual(Object.values(ids).sort());
  });

  it('refuses a bad PEM, a non-CA certificate, a duplicate and an expired root', async () => {
    const bad = await post('/api/ca', {
      name: 'x',
      certificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
    });
    expect(bad.statusCode).toBe(422);
    expect(errorOf(bad)).toMatchObject({ code: 'CA_REJECTED' });
    expect(errorOf(bad).message).toContain('不是 PEM 格式的 X.509 证书');

    const leaf = await post('/api/ca', { name: 'x', certificatePem: holders.ecdsa.certificatePem });
    expect(errorOf(leaf).code).toBe('CA_REJECTED');
    expect(errorOf(leaf).message).toContain('不是CA证书');

    const duplicate = await post('/api/ca', {
      name: 'again',
      certificatePem: authorities.rsa.certificatePem,
    });
    expect(duplicate.statusCode).toBe(409);
    expect(errorOf(duplicate).code).toBe('CA_ALREADY_REGISTERED');

    const old = await suiteAuthority('intl', 'Old CA', {
      notBefore: new Date('2015-01-01Z'),
      notAfter: new Date('2025-01-01Z'),
    });
    const expired = await post('/api/ca', { name: 'old', certificatePem: old.certificatePem });
    expect(errorOf(expired).code).toBe('CA_REJECTED');
    expect(errorOf(expired).message).toContain('根证书已过期');
  });

  it('says which CA and why a certificate does not verify until the CA has a CRL', async () => {
    expect(await verify(holders.sm2.certificatePem)).toMatchObject({
      valid: false,
      reason: 'crl-stale',
      ca: { id: ids.sm2 },
    });
  });

  it("takes each CA's CRL, signed by that CA only, and publishes the trust bundle", async () => {
    const foreign = await post(`/api/ca/${ids.sm2}/crl`, { crlPem: await authorities.ecdsa.crl([], 1) });
    expect(foreign.statusCode).toBe(422);
    expect(errorOf(foreign)).toMatchObject({ code: 'CRL_REJECTED' });
    expect(errorOf(foreign).message).toContain('不是该CA签发的');

    for (const algorithm of ['sm2', 'ecdsa', 'rsa'] as const) {
      const res = await post(`/api/ca/${ids[algorithm]}/crl`, {
        crlPem: await authorities[algorithm].crl([], 1),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().crl).toMatchObject({
        crlNumber: '1',
        revokedCount: 0,
        thisUpdate: EPOCH.toISOString(),
      });
    }
    const bundle = (await get('/api/public/ca/trust-bundle')).json();
    expect(bundle.anchors).toHaveLength(3);
    expect(bundle.crls).toHaveLength(3);
    expect(bundle.updatedAt).toBe(hub.clock.now().toISOString());
    const detail = (await get(`/api/public/ca/${ids.rsa}`)).json();
    expect(pemToDer(detail.certificatePem, 'CERTIFICATE')).toEqual(
      pemToDer(authorities.rsa.certificatePem, 'CERTIFICATE'),
    );
  });

  it('verifies a certificate of each CA, and a signature made with it', async () => {
    for (const algorithm of ['sm2', 'ecdsa', 'rsa'] as const) {
      const signature = await holders[algorithm].signData(DATA);
      const result = await verify(holders[algorithm].certificatePem, {
        data: DATA.toString('base64'),
        signature: Buffer.from(signature).toString('base64'),
      });
      expect(result, algorithm).toMatchObject({
        valid: true,
        ca: { id: ids[algorithm] },
        subject: { creditCode: BIDDER.creditCode },
      });
      const forged = await verify(holders[algorithm].certificatePem, {
        data: Buffer.from('投标报价 9,000,000.00 元').toString('base64'),
        signature: Buffer.from(signature).toString('base64'),
      });
      expect(forged, algorithm).toMatchObject({ valid: false, reason: 'signature-mismatch' });
    }
    const halfPair = await post(
      '/api/public/ca/verify',
      { certificatePem: holders.sm2.certificatePem, data: 'AAAA' },
      null,
    );
    expect(halfPair.statusCode).toBe(400);
  });

  it('refuses a certificate of an unknown CA, a tampered one, and one for the wrong usage', async () => {
    const unknown = await (await suiteAuthority('gm', '未登记 CA')).issue(BIDDER);
    expect(await verify(unknown.certificatePem)).toMatchObject({
      valid: false,
      reason: 'untrusted',
      subject: BIDDER,
    });

    const der = pemToDer(holders.ecdsa.certificatePem, 'CERTIFICATE');
    der[der.length - 5]! ^= 0x01;
    expect(await verify(derToPem(der, 'CERTIFICATE'))).toMatchObject({
      valid: false,
      reason: 'bad-signature',
    });

    const encryption = await authorities.sm2.issue(BIDDER, 'encryption');
    expect(await verify(encryption.certificatePem)).toMatchObject({ valid: false, reason: 'wrong-usage' });
    expect(await verify(encryption.certificatePem, { usage: 'encryption' })).toMatchObject({ valid: true });
    expect(await verify('not a certificate')).toMatchObject({ valid: false, reason: 'malformed' });
  });

  it("refuses a certificate once its CA's CRL revokes it, and never goes back to an older CRL", async () => {
    const serial = parseCertificatePem(holders.ecdsa.certificatePem).serial;
    const revokedAt = new Date(hub.clock.now().getTime() - 3_600_000);
    const crl = await authorities.ecdsa.crl([{ serial, revokedAt, reason: 'keyCompromise' }], 2, revokedAt);
    expect((await post(`/api/ca/${ids.ecdsa}/crl`, { crlPem: crl })).statusCode).toBe(200);
    expect(await verify(holders.ecdsa.certificatePem)).toMatchObject({
      valid: false,
      reason: 'revoked',
      ca: { id: ids.ecdsa },
    });

    const replay = await post(`/api/ca/${ids.ecdsa}/crl`, { crlPem: await authorities.ecdsa.crl([], 1) });
    expect(replay.statusCode).toBe(422);
    expect(errorOf(replay).message).toContain('早于已登记的吊销列表');

    const rsaSerial = parseCertificatePem(holders.rsa.certificatePem).serial;
    const rsaCrl = await authorities.rsa.crl(
      [{ serial: rsaSerial, revokedAt, reason: 'unspecified' }],
      2,
      revokedAt,
    );
    expect((await post(`/api/ca/${ids.rsa}/crl`, { crlPem: rsaCrl })).json().crl.revokedCount).toBe(1);
    expect(await verify(holders.rsa.certificatePem)).toMatchObject({ valid: false, reason: 'revoked' });
  });

  it('stops recognising a withdrawn CA', async () => {
    const res = await post(`/api/ca/${ids.sm2}/withdraw`, { reason: '资质到期' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', withdrawalReason: '资质到期' });
    expect(await verify(holders.sm2.certificatePem)).toMatchObject({
      valid: false,
      reason: 'ca-withdrawn',
      ca: { id: ids.sm2 },
    });
    const bundle = (await get('/api/public/ca/trust-bundle')).json();
    expect(bundle.anchors).toHaveLength(2);
    expect(bundle.anchors).not.toContain(authorities.sm2.certificatePem);
    expect((await post(`/api/ca/${ids.sm2}/withdraw`, {})).statusCode).toBe(409);
    expect(
      (await post(`/api/ca/${ids.sm2}/crl`, { crlPem: await authorities.sm2.crl([], 5) })).statusCode,
    ).toBe(409);
    expect((await get('/api/public/ca?status=withdrawn')).json().total).toBe(1);
    expect((await post('/api/ca/00000000-0000-4000-8000-000000000000/withdraw', {})).statusCode).toBe(404);
  });
});
