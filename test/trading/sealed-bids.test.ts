import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { unwrapContentKey } from '../../src/crypto/portable/envelope/content-key.ts';
import { inspectEnvelopeFile } from '../../src/crypto/node/envelope-files.ts';
import { signedMessage } from '../../src/crypto/portable/envelope/envelope-format.ts';
import { decryptShare } from '../../src/crypto/portable/opening-key.ts';
import type { EnvelopeHeader } from '../../src/crypto/portable/envelope/envelope-header.ts';
import { issueCrl } from '../../src/crypto/x509/issue-crl.ts';
import { parseCertificatePem } from '../../src/crypto/x509/parse-certificate.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { verifyReceipt } from '../../src/trading/sealing/receipt-signature.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import {
  anOpeningKey,
  aPlatformOpeningKey,
  type BidderCredentials,
  bidderCredentials,
  sealBid,
  testCa,
  type TestOpeningKey,
} from '../support/sealed-bids.ts';
import { toBase64 } from '../../src/crypto/portable/envelope/binary.ts';
import { DIALECTS } from '../support/stores.ts';
import {
  aPublishedSection,
  aSealedBid,
  auth,
  type BidSection,
  complete,
  sha256,
  uploadAllChunks,
} from './support/bid-factory.ts';

describe.each(DIALECTS)('sealed bids (%s)', (dialect) => {
  let svc: TestService;
  let section: BidSection;
  let bidder: { token: string; organisationId: string };

  beforeEach(async () => {
    svc = await startTestService('trading', dialect);
    section = await aPublishedSection(svc);
    bidder = await svc.userWithRoles(['bidder']);
  });
  afterEach(async () => svc.close());

  async function submit(file: Uint8Array, who = bidder) {
    const uploadId = await uploadAllChunks(svc, who.token, section.sectionId, file, 4096);
    return complete(svc, who.token, section.sectionId, uploadId);
  }

  it('accepts an envelope sealed for the section and returns a receipt signed by the platform', async () => {
    const envelope = await aSealedBid(svc, section, bidder, Buffer.from('投标报价 1,000,000.00 元'));
    const res = await submit(envelope);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.receipt.fileSha256).toBe(sha256(envelope));
    expect(body.receipt.envelope).toMatchObject({ suite: 'gm' });
    expect(await verifyReceipt(body)).toEqual({ ok: true });
    const keys = await svc.app.inject({ method: 'GET', url: '/api/platform/keys' });
    expect(await verifyReceipt(body, keys.json().receiptSigning.publicKeyPem)).toEqual({ ok: true });
    const forged = { ...body, canonical: body.canonical.replace('"gm"', '"intl"') };
    expect((await verifyReceipt(forged)).ok).toBe(false);
  });

  it('shows the recorded opening key to the tenderer, without secrets, and to nobody else', async () => {
    const res = await svc.app.inject({
      method: 'GET',
      url: `/api/projects/${section.projectId}/opening-key`,
      headers: auth(section.tenderer.token),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ suite: 'gm', keyId: section.openingKey.input.keyId, threshold: 2 });
    expect(res.json().holders).toHaveLength(3);
    expect(res.body).not.toContain('encryptedShare');
    expect(res.body).not.toContain('commitment');
    const other = await svc.app.inject({
      method: 'GET',
      url: `/api/projects/${section.projectId}/opening-key`,
      headers: auth(bidder.token),
    });
    expect(other.statusCode).toBe(403);
    const share = await svc.app.inject({
      method: 'GET',
      url: `/api/projects/${section.projectId}/opening-key/shares/holder-1`,
      headers: auth(bidder.token),
    });
    expect(share.statusCode).toBe(200);
    expect(share.json()).toEqual(section.openingKey.input.shares.find((s) => s.holderId === 'holder-1'));
  });

  it('refuses a plaintext bid citing E1, and records nothing', async () => {
    const res = await submit(randomBytes(5000));
    expect(res.statusCode).toBe(422);
    expect(errorOf(res)).toMatchObject({ code: 'RULE_VIOLATION' });
    expect(errorOf(res).message).toContain('E1');
  });

  it('refuses an envelope for another section, another bidder or another opening key, saying which', async () => {
    const other = await aPublishedSection(svc);
    const wrongSection = await aSealedBid(svc, other, bidder);
    expect(errorOf(await submit(wrongSection)).message).toContain('其他招标项目');
    const someoneElse = await svc.userWithRoles(['bidder']);
    const forSomeoneElse = await aSealedBid(svc, section, someoneElse);
    expect(errorOf(await submit(forSomeoneElse)).message).toContain('投标人与上传单位不符');
    const otherKey = await aSealedBid(svc, section, bidder, undefined, {
      openingPublicKeyPem:
        other.openingKey.input.publicKeyPem === section.openingKey.input.publicKeyPem
          ? (await nodeSuite('gm').generateEncryptionKeyPair()).publicKeyPem
          : other.openingKey.input.publicKeyPem,
    });
    expect(errorOf(await submit(otherKey)).message).toContain('开标公钥');
  });

  it('refuses an envelope in the wrong suite', async () => {
    const intl = await aSealedBid(svc, section, bidder, undefined, {
      suite: 'intl',
      openingPublicKeyPem: (await nodeSuite('intl').generateEncryptionKeyPair()).publicKeyPem,
    });
    const res = await submit(intl);
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).message).toContain('密码套件');
  });

  it('lets the bidder decrypt its own bid only in the decryption window', async () => {
    const plaintext = Buffer.from('投标文件正文');
    const res = await submit(await aSealedBid(svc, section, bidder, plaintext));
    const bidId = res.json().receipt.bidId as string;
    const headerRes = await svc.app.inject({
      method: 'GET',
      url: `/api/bids/${bidId}/envelope-header`,
      headers: auth(bidder.token),
    });
    const header = headerRes.json().header as EnvelopeHeader;
    const org = await svc.store.db
      .selectFrom('organisation')
      .select(['creditCode', 'name'])
      .where('id', '=', bidder.organisationId)
      .executeTakeFirstOrThrow();
    const creds = await bidderCredentials('gm', { organisationId: bidder.organisationId, ...org });
    const contentKey = toBase64(
      await unwrapContentKey(nodeSuite('gm'), header, 'bidder', creds.encryption.privateKeyPem),
    );

    const decrypt = () =>
      svc.app.inject({
        method: 'POST',
        url: `/api/bids/${bidId}/decryption`,
        headers: auth(bidder.token),
        payload: { contentKey },
      });
    const early = await decrypt();
    expect(early.statusCode).toBe(409);

    svc.clock.set(new Date(Date.parse(section.deadline) + 60_000));
    const wrong = await svc.app.inject({
      method: 'POST',
      url: `/api/bids/${bidId}/decryption`,
      headers: auth(bidder.token),
      payload: { contentKey: toBase64(randomBytes(32)) },
    });
    expect(wrong.statusCode).toBe(422);
    const ok = await decrypt();
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'decrypted', decryptedBy: 'bidder' });
    const stored = await svc.store.db
      .selectFrom('bid' as never)
      .select('decryptedSha256' as never)
      .where('id' as never, '=', bidId as never)
      .executeTakeFirstOrThrow();
    expect(
      await readFile(svc.deps.blobs.pathOf((stored as { decryptedSha256: string }).decryptedSha256)),
    ).toEqual(plaintext);
  });

  /** The bidder's organisation, as its certificates name it. */
  async function organisationOf(who: { organisationId: string }) {
    return svc.store.db
      .selectFrom('organisation')
      .select(['id as organisationId', 'creditCode', 'name'])
      .where('id', '=', who.organisationId)
      .executeTakeFirstOrThrow();
  }

  /** Seals for the section with the given credentials, as a bidder's tool holding them would. */
  async function sealWith(credentials: BidderCredentials, plaintext: Uint8Array = randomBytes(2000)) {
    return sealBid({
      suite: 'gm',
      projectId: section.projectId,
      dealCode: section.dealCode,
      sectionId: section.sectionId,
      sectionCode: section.sectionCode,
      bidder: credentials,
      openingPublicKeyPem: section.openingKey.input.publicKeyPem,
      plaintext,
      createdAt: svc.clock.now().toISOString(),
    });
  }

  async function expectRefused(file: Uint8Array, code: string, says: string) {
    const audits = await tradingDb(svc.store.db)
      .selectFrom('bid')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await submit(file);
    expect(res.statusCode, res.body).toBe(422);
    expect(errorOf(res).code).toBe(code);
    expect(errorOf(res).message).toContain(says);
    const after = await tradingDb(svc.store.db)
      .selectFrom('bid')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(audits.n));
  }

  describe('certificate problems, each refused with CERTIFICATE_INVALID saying which', () => {
    it('an expired signing certificate', async () => {
      const expired = await bidderCredentials('gm', await organisationOf(bidder), {
        notAfter: new Date(svc.clock.now().getTime() - 86_400_000),
      });
      await expectRefused(await sealWith(expired), 'CERTIFICATE_INVALID', '签名证书不可用：证书已过期');
    });

    it('a certificate from a CA the platform does not trust', async () => {
      const foreign = await bidderCredentials('gm', await organisationOf(bidder), { ca: 'untrusted' });
      await expectRefused(
        await sealWith(foreign),
        'CERTIFICATE_INVALID',
        '签名证书不可用：不是本平台认可的CA签发的',
      );
    });

    it('a revoked certificate, once the CA publishes a CRL naming it', async () => {
      const credentials = await bidderCredentials('gm', await organisationOf(bidder));
      const envelope = await sealWith(credentials);
      const ca = await testCa('gm');
      const crl = await issueCrl({
        suites: nodeSuite,
        issuer: { certificatePem: ca.certificatePem, privateKeyPem: ca.keys.privateKeyPem },
        revocations: [
          {
            serial: parseCertificatePem(credentials.signing.certificatePem).serial,
            revokedAt: new Date(svc.clock.now().getTime() - 60_000),
            reason: 'keyCompromise',
          },
        ],
        thisUpdate: new Date(svc.clock.now().getTime() - 60_000),
        nextUpdate: new Date(svc.clock.now().getTime() + 30 * 86_400_000),
        crlNumber: 2,
      });
      writeFileSync(join(svc.deps.config.dataDir, 'trading-trust', 'test-gm.crl.pem'), crl);
      await expectRefused(envelope, 'CERTIFICATE_INVALID', '签名证书不可用：证书已被吊销');
    });
  });

  describe('tampering on upload, each refused with ENVELOPE_INVALID saying which', () => {
    it('a flipped byte inside a ciphertext segment', async () => {
      const plaintext = randomBytes(40_000);
      const envelope = await aSealedBid(svc, section, bidder, plaintext, { segmentSize: 4096 });
      // The middle of the plaintext's length back from the end lies inside the segments.
      const at = envelope.byteLength - plaintext.byteLength / 2;
      envelope.writeUInt8(envelope.readUInt8(at) ^ 0x01, at);
      await expectRefused(envelope, 'ENVELOPE_INVALID', '密文分段被篡改');
    });

    it('a truncated envelope', async () => {
      const envelope = await aSealedBid(svc, section, bidder, randomBytes(20_000), { segmentSize: 4096 });
      await expectRefused(envelope.subarray(0, envelope.byteLength - 5000), 'ENVELOPE_INVALID', '被截断');
    });

    it("an envelope signed with another bidder's key", async () => {
      const envelope = await aSealedBid(svc, section, bidder);
      const someoneElse = await svc.userWithRoles(['bidder']);
      const theirs = await bidderCredentials('gm', await organisationOf(someoneElse));
      await expectRefused(
        await resignedWith(envelope, theirs.signing.privateKeyPem),
        'ENVELOPE_INVALID',
        '投标人签名无效',
      );
    });
  });

  describe('the reassembly ceremony after the decryption window', () => {
    const shareOf = async (key: TestOpeningKey, holderId: string) => {
      const share = key.input.shares.find((s) => s.holderId === holderId)!;
      const { y } = await decryptShare(
        nodeSuite(key.input.suite),
        share,
        key.holderKeys.get(holderId)!.privateKeyPem,
      );
      return toBase64(y);
    };
    const handIn = (target: BidSection, token: string, holderId: string, share: string) =>
      svc.app.inject({
        method: 'POST',
        url: `/api/projects/${target.projectId}/opening-key/shares`,
        headers: auth(token),
        payload: { holderId, share },
      });
    const overview = (target: BidSection, token = target.tenderer.token) =>
      svc.app.inject({
        method: 'GET',
        url: `/api/projects/${target.projectId}/decryption`,
        headers: auth(token),
      });
    const afterTheWindow = (target: BidSection) =>
      svc.clock.set(new Date(Date.parse(target.deadline) + 61 * 60_000));

    it('k−1 shares do not reassemble; k do, and the remedy opens the bid its bidder failed to decrypt', async () => {
      const key = await anOpeningKey('gm', { threshold: 3, holders: 4 });
      const remedied = await aPublishedSection(svc, { openingKey: key, openingKeyRemedy: true });
      const plaintext = Buffer.from(`投标文件 ${randomBytes(8).toString('hex')}`);
      const submitted = await submitTo(remedied, await aSealedBid(svc, remedied, bidder, plaintext));
      const bidId = submitted.json().receipt.bidId as string;
      afterTheWindow(remedied);
      expect((await overview(remedied)).json().bids).toMatchObject([{ bidId, status: 'failed_bidder' }]);

      for (const holderId of ['holder-1', 'holder-2']) {
        const res = await handIn(remedied, remedied.tenderer.token, holderId, await shareOf(key, holderId));
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().reassembledAt).toBeNull();
      }
      const short = (await overview(remedied)).json();
      expect(short.openingKey).toMatchObject({ threshold: 3, sharesSubmitted: 2, reassembledAt: null });
      expect(short.bids).toMatchObject([{ bidId, status: 'failed_bidder', decryptedBy: null }]);

      const last = await handIn(
        remedied,
        remedied.tenderer.token,
        'holder-3',
        await shareOf(key, 'holder-3'),
      );
      expect(last.statusCode, last.body).toBe(200);
      expect(last.json()).toMatchObject({ threshold: 3, sharesSubmitted: 3 });
      expect(last.json().reassembledAt).not.toBeNull();
      expect((await overview(remedied)).json().bids).toMatchObject([
        { bidId, status: 'decrypted', decryptedBy: 'opening_key' },
      ]);
      expect(await decryptedPlaintext(bidId)).toEqual(plaintext);
    });

    it('without the remedy in the tender documents the bid stays failed (E7)', async () => {
      const key = section.openingKey;
      const strict = await aPublishedSection(svc, { openingKeyRemedy: false });
      const submitted = await submitTo(strict, await aSealedBid(svc, strict, bidder));
      const bidId = submitted.json().receipt.bidId as string;
      afterTheWindow(strict);
      for (const holderId of ['holder-1', 'holder-2']) {
        const res = await handIn(strict, strict.tenderer.token, holderId, await shareOf(key, holderId));
        expect(res.statusCode, res.body).toBe(200);
      }
      const after = (await overview(strict)).json();
      expect(after.openingKey.reassembledAt).not.toBeNull();
      expect(after.bids).toMatchObject([{ bidId, status: 'failed_bidder', decryptedBy: null }]);
    });

    it('refuses a share that does not match its commitment, and one handed in during the window', async () => {
      await submit(await aSealedBid(svc, section, bidder));
      svc.clock.set(new Date(Date.parse(section.deadline) + 60_000));
      const early = await handIn(
        section,
        section.tenderer.token,
        'holder-1',
        await shareOf(section.openingKey, 'holder-1'),
      );
      expect(early.statusCode).toBe(409);
      afterTheWindow(section);
      const forged = await handIn(section, section.tenderer.token, 'holder-1', toBase64(randomBytes(200)));
      expect(forged.statusCode).toBe(422);
      expect(errorOf(forged).code).toBe('OPENING_KEY_INVALID');
      const swapped = await handIn(
        section,
        section.tenderer.token,
        'holder-2',
        await shareOf(section.openingKey, 'holder-1'),
      );
      expect(swapped.statusCode).toBe(422);
      expect((await overview(section)).json().openingKey.sharesSubmitted).toBe(0);
    });

    it('the platform hands in its own share when its keyholder key holds one', async () => {
      const key = await aPlatformOpeningKey(svc);
      const withPlatform = await aPublishedSection(svc, { openingKey: key });
      const plaintext = Buffer.from('由平台参与重组开标密钥');
      const bidId = (
        await submitTo(withPlatform, await aSealedBid(svc, withPlatform, bidder, plaintext))
      ).json().receipt.bidId as string;
      afterTheWindow(withPlatform);
      const operator = await svc.userWithRoles(['platform_operator']);
      const platformShare = (token: string) =>
        svc.app.inject({
          method: 'POST',
          url: `/api/projects/${withPlatform.projectId}/opening-key/platform-share`,
          headers: auth(token),
          payload: { holderId: 'platform' },
        });
      expect((await platformShare(withPlatform.tenderer.token)).statusCode).toBe(403);
      const res = await platformShare(operator.token);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ threshold: 2, sharesSubmitted: 1, reassembledAt: null });
      const notItsShare = await svc.app.inject({
        method: 'POST',
        url: `/api/projects/${withPlatform.projectId}/opening-key/platform-share`,
        headers: auth(operator.token),
        payload: { holderId: 'holder-1' },
      });
      expect(notItsShare.statusCode).toBe(422);
      const second = await handIn(
        withPlatform,
        withPlatform.tenderer.token,
        'holder-1',
        await shareOf(key, 'holder-1'),
      );
      expect(second.json().reassembledAt).not.toBeNull();
      expect(await decryptedPlaintext(bidId)).toEqual(plaintext);
    });
  });

  describe('GET /api/projects/:projectId/decryption', () => {
    it('is refused before the deadline for everyone (E4); after it the tenderer sees every bid, a bidder its own', async () => {
      const second = await svc.userWithRoles(['bidder']);
      const mine = (await submit(await aSealedBid(svc, section, bidder))).json().receipt.bidId as string;
      const theirs = (await submit(await aSealedBid(svc, section, second), second)).json().receipt
        .bidId as string;
      const view = (token: string) =>
        svc.app.inject({
          method: 'GET',
          url: `/api/projects/${section.projectId}/decryption`,
          headers: auth(token),
        });
      const refusals = await Promise.all([section.tenderer, bidder, second].map((who) => view(who.token)));
      for (const res of refusals) {
        expect(res.statusCode).toBe(422);
        expect(errorOf(res)).toMatchObject({ code: 'RULE_VIOLATION' });
        expect(errorOf(res).message).toContain('E4');
        expect(res.body).not.toContain(mine);
        expect(res.body).not.toContain(theirs);
      }
      expect(new Set(refusals.map((r) => errorOf(r).message)).size).toBe(1);

      svc.clock.set(new Date(Date.parse(section.deadline) + 60_000));
      const all = (await view(section.tenderer.token)).json();
      expect(all.bids.map((b: { bidId: string }) => b.bidId).sort()).toEqual([mine, theirs].sort());
      expect(all.bids.every((b: { status: string }) => b.status === 'pending')).toBe(true);
      expect((await view(bidder.token)).json().bids).toMatchObject([{ bidId: mine, status: 'pending' }]);
      expect((await view(bidder.token)).json().bids).toHaveLength(1);
      expect((await view(second.token)).json().bids).toMatchObject([{ bidId: theirs }]);
      expect((await view(second.token)).json().bids).toHaveLength(1);
    });
  });

  async function submitTo(target: BidSection, file: Uint8Array, who = bidder) {
    const uploadId = await uploadAllChunks(svc, who.token, target.sectionId, file, 4096);
    const res = await complete(svc, who.token, target.sectionId, uploadId);
    expect(res.statusCode, res.body).toBe(201);
    return res;
  }

  async function decryptedPlaintext(bidId: string): Promise<Buffer> {
    const stored = await svc.store.db
      .selectFrom('bid' as never)
      .select('decryptedSha256' as never)
      .where('id' as never, '=', bidId as never)
      .executeTakeFirstOrThrow();
    return readFile(svc.deps.blobs.pathOf((stored as { decryptedSha256: string }).decryptedSha256));
  }

  /**
   * The envelope with its trailer's signature replaced by one made with another key over the same
   * header and ciphertext digests (a sealing tool refuses to sign with a key not its certificate's).
   */
  async function resignedWith(envelope: Buffer, privateKeyPem: string): Promise<Buffer> {
    const path = join(svc.deps.config.dataDir, `resign-${randomBytes(4).toString('hex')}.zcbe`);
    writeFileSync(path, envelope);
    const inspection = await inspectEnvelopeFile(nodeSuite, path);
    const signature = await nodeSuite('gm').sign(
      privateKeyPem,
      signedMessage(
        Buffer.from(inspection.headerDigest!, 'hex'),
        Buffer.from(inspection.ciphertextDigest!, 'hex'),
      ),
    );
    // The trailer ends with u16 signatureLength ‖ signature.
    let length = 8;
    while (envelope.readUInt16BE(envelope.byteLength - length - 2) !== length) length++;
    const head = envelope.subarray(0, envelope.byteLength - length - 2);
    const size = Buffer.alloc(2);
    size.writeUInt16BE(signature.byteLength);
    return Buffer.concat([head, size, signature]);
  }
});
