import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { issueCrl } from '../../src/crypto/x509/issue-crl.ts';
import { parseCertificatePem } from '../../src/crypto/x509/parse-certificate.ts';
import { validateCertificate } from '../../src/crypto/x509/validate-certificate.ts';
import { DEFAULT_BUNDLE_TTL_MS, HUB_BUNDLE_FILE } from '../../src/trading/sealing/recognised-cas.ts';
import { TrustStore } from '../../src/trading/sealing/trust-store.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { type BidderCredentials, bidderCredentials, sealBid, testCa } from '../support/sealed-bids.ts';
import { aPublishedSection, type BidSection, complete, uploadAllChunks } from './support/bid-factory.ts';

/**
 * A transaction platform that trusts what its hub recognises (CA证书互认): a bidder certified by
 * CA "hub-B", registered only at the hub, bids; once B's CRL at the hub revokes the certificate,
 * the same bidder is refused. SQLite only: the trading database plays no part in this.
 */
describe('bids signed under a CA the hub recognises', () => {
  let hub: TestService;
  let svc: TestService;
  let section: BidSection;
  let bidder: { token: string; organisationId: string };
  let caId: string;

  beforeAll(async () => {
    hub = await startTestService('hub', 'sqlite');
    await hub.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
    const operator = (await hub.userWithRoles(['hub_operator'])).token;
    const b = await testCa('gm', 'hub-B');
    const registered = await hub.app.inject({
      method: 'POST',
      url: '/api/ca',
      headers: { authorization: `Bearer ${operator}` },
      payload: { name: 'CA B', certificatePem: b.certificatePem },
    });
    caId = registered.json().id;
    await uploadCrl(operator, b.crlPem);
    hubOperator = operator;

    svc = await startTestService('trading', 'sqlite', {
      config: {
        services: {
          trading: {
            exchange: {
              platformCode: '91350100TRADING00001',
              platformName: '测试交易平台',
              regionCode: '350100',
              upstream: { platformCode: '91350100HUB000000001', url },
              deliveryIntervalMs: 0,
            },
          },
        },
      },
    });
    section = await aPublishedSection(svc);
    bidder = await svc.userWithRoles(['bidder']);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await svc?.close();
    await hub?.close();
  });

  let hubOperator: string;
  async function uploadCrl(token: string, crlPem: string) {
    const res = await hub.app.inject({
      method: 'POST',
      url: `/api/ca/${caId}/crl`,
      headers: { authorization: `Bearer ${token}` },
      payload: { crlPem },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  async function credentialsFrom(ca: string) {
    const organisation = await svc.store.db
      .selectFrom('organisation')
      .select(['id as organisationId', 'creditCode', 'name'])
      .where('id', '=', bidder.organisationId)
      .executeTakeFirstOrThrow();
    return bidderCredentials('gm', organisation, { ca });
  }

  async function submit(credentials: BidderCredentials) {
    const envelope = await sealBid({
      suite: 'gm',
      projectId: section.projectId,
      dealCode: section.dealCode,
      sectionId: section.sectionId,
      sectionCode: section.sectionCode,
      bidder: credentials,
      openingPublicKeyPem: section.openingKey.input.publicKeyPem,
      plaintext: randomBytes(2000),
      createdAt: svc.clock.now().toISOString(),
    });
    const uploadId = await uploadAllChunks(svc, bidder.token, section.sectionId, envelope, 4096);
    return complete(svc, bidder.token, section.sectionId, uploadId);
  }

  it('accepts the bid, and keeps the hub bundle on disk', async () => {
    const res = await submit(await credentialsFrom('hub-B'));
    expect(res.statusCode, res.body).toBe(201);
    expect(existsSync(join(svc.deps.config.dataDir, 'trading-trust', HUB_BUNDLE_FILE))).toBe(true);
  });

  it('refuses a bidder certified by a CA neither the platform nor the hub recognises', async () => {
    const res = await submit(await credentialsFrom('nowhere'));
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe('CERTIFICATE_INVALID');
    expect(errorOf(res).message).toContain('不是本平台认可的CA签发的');
  });

  it("refuses the same bidder once B's CRL at the hub revokes the certificate", async () => {
    const credentials = await credentialsFrom('hub-B');
    const b = await testCa('gm', 'hub-B');
    const at = new Date(svc.clock.now().getTime() - 60_000);
    const crl = await issueCrl({
      suites: nodeSuite,
      issuer: { certificatePem: b.certificatePem, privateKeyPem: b.keys.privateKeyPem },
      revocations: [
        {
          serial: parseCertificatePem(credentials.signing.certificatePem).serial,
          revokedAt: at,
          reason: 'keyCompromise',
        },
      ],
      thisUpdate: at,
      nextUpdate: new Date(at.getTime() + 30 * 86_400_000),
      crlNumber: 2,
    });
    await uploadCrl(hubOperator, crl);
    // The platform asks the hub again once its copy is older than the TTL.
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + DEFAULT_BUNDLE_TTL_MS + 1000);
    const res = await submit(credentials);
    vi.restoreAllMocks();
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe('CERTIFICATE_INVALID');
    expect(errorOf(res).message).toContain('证书已被吊销');
  });

  it('keeps using the last good bundle from disk when the hub cannot be reached', async () => {
    await hub.app.close();
    const trust = await TrustStore.forConfig(svc.deps.config).contents();
    const b = await testCa('gm', 'hub-B');
    expect(trust.trustAnchors).toContain(b.certificatePem);
    const credentials = await credentialsFrom('hub-B');
    const check = (pem: string) =>
      validateCertificate(pem, { ...trust, at: svc.clock.now(), usage: 'signing', suites: nodeSuite });
    expect(await check(credentials.signing.certificatePem)).toMatchObject({ ok: false, reason: 'revoked' });
    const other = await bidderCredentials(
      'gm',
      { organisationId: 'other', creditCode: '91350100MA2XYZ1234', name: '其他公司' },
      { ca: 'hub-B' },
    );
    expect(await check(other.signing.certificatePem)).toMatchObject({ ok: true });
  });
});
