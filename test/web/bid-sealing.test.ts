import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { EnvelopeError } from '../../src/crypto/portable/envelope/envelope-error.ts';
import type { EnvelopeHeader } from '../../src/crypto/portable/envelope/envelope-header.ts';
import { fromBase64 } from '../../src/crypto/portable/envelope/binary.ts';
import { openEnvelope } from '../../src/crypto/portable/envelope/open-envelope.ts';
import { readEnvelope } from '../../src/crypto/portable/envelope/read-envelope.ts';
import { SUITE_IDS } from '../../src/crypto/portable/suite.ts';
import { bidderContentKey } from '../../web/src/sealing/bidder-content-key.ts';
import { browserMachineIdentifiers } from '../../web/src/sealing/machine-identifiers.ts';
import { findPemProblem } from '../../web/src/sealing/pem-files.ts';
import { type EnvelopeWriter, sealBidFile, signingKeyMatches } from '../../web/src/sealing/seal-bid-file.ts';
import { aTender, collect, type Tender } from '../crypto/envelope/envelope-fixtures.ts';

/** The envelope in memory, as the browser keeps it without a private file system. */
function memoryWriter(name: string): EnvelopeWriter & { aborted: boolean } {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  return {
    aborted: false,
    write: async (part) => {
      parts.push(new Uint8Array(part));
    },
    close: async () => new File(parts, name),
    async abort() {
      this.aborted = true;
    },
  };
}

async function* bytesOf(blob: Blob): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(await blob.arrayBuffer());
}

async function headerOf(envelope: Blob): Promise<EnvelopeHeader> {
  for await (const part of readEnvelope(bytesOf(envelope))) if (part.kind === 'header') return part.header;
  throw new Error('no header');
}

describe.each(SUITE_IDS)('sealing a bid in the browser (%s)', (suiteId) => {
  let tender: Tender;
  beforeAll(async () => {
    tender = await aTender(suiteId);
  }, 30_000);

  const keysOf = (bidder: Tender['bidder']) => ({
    signingKeyPem: bidder.signingKeyPem,
    signingCertificatePem: bidder.signingCertificatePem,
    encryptionCertificatePem: bidder.encryptionCertificatePem,
  });

  async function seal(plaintext: Uint8Array, progress: number[] = []): Promise<File> {
    return sealBidFile({
      suite: suiteId,
      file: new Blob([plaintext]),
      tender: { projectId: 'project-1', dealCode: 'E3501000001000001001' },
      section: { id: 'section-1', code: 'E3501000001000001001001' },
      bidder: { organisationId: 'org-1', creditCode: '91350100M000100Y43', name: 'Bidder Ltd' },
      machine: browserMachineIdentifiers('tender-file-digest', { hardwareConcurrency: 8, userAgent: 'Test' }),
      toolVersion: 'test',
      createdAt: '2026-11-26T08:00:00.000Z',
      keys: keysOf(tender.bidder),
      openingPublicKeyPem: tender.openingPublicKeyPem,
      writer: memoryWriter('bid.pdf.zcbe'),
      onProgress: (sealed) => progress.push(sealed),
    });
  }

  it('seals segment by segment into an envelope the platform opens with the bidder key', async () => {
    const plaintext = randomBytes(2 * 1024 * 1024 + 4321);
    const progress: number[] = [];
    const envelope = await seal(plaintext, progress);

    expect(envelope.name).toBe('bid.pdf.zcbe');
    expect(progress).toEqual([1024 * 1024, 2 * 1024 * 1024, plaintext.length]);
    const header = await headerOf(envelope);
    expect(header.machine).toEqual({
      cpu: '8 cores; Test',
      macs: [],
      diskSerial: '',
      tenderFileId: 'tender-file-digest',
    });
    expect(header.tool).toEqual({ name: 'zhaocai-web', version: 'test' });
    const opened = await collect(
      openEnvelope(nodeSuite(suiteId), bytesOf(envelope), {
        recipientPrivateKeyPem: tender.bidder.encryptionKeyPem,
        role: 'bidder',
      }),
    );
    expect(Buffer.from(opened).equals(plaintext)).toBe(true);
  }, 60_000);

  it('unwraps the content key with the bidder key only; that key opens the envelope', async () => {
    const plaintext = randomBytes(10_000);
    const envelope = await seal(plaintext);
    const header = await headerOf(envelope);

    const contentKey = fromBase64(await bidderContentKey(header, tender.bidder.encryptionKeyPem));
    const opened = await collect(openEnvelope(nodeSuite(suiteId), bytesOf(envelope), { contentKey }));
    expect(Buffer.from(opened).equals(plaintext)).toBe(true);

    const wrong = await bidderContentKey(header, tender.otherBidder.encryptionKeyPem).catch(
      (e: unknown) => e,
    );
    expect(wrong).toBeInstanceOf(EnvelopeError);
    expect((wrong as EnvelopeError).problem).toBe('wrong-key');
  }, 60_000);

  it('drops the half-written envelope when sealing fails', async () => {
    const writer = memoryWriter('bid.pdf.zcbe');
    const sealing = sealBidFile({
      suite: suiteId,
      file: new Blob([randomBytes(5000)]),
      tender: { projectId: 'project-1', dealCode: 'E3501000001000001001' },
      section: { id: 'section-1', code: 'E3501000001000001001001' },
      bidder: { organisationId: 'org-1', creditCode: '91350100M000100Y43', name: 'Bidder Ltd' },
      machine: browserMachineIdentifiers('', { userAgent: 'Test' }),
      toolVersion: 'test',
      createdAt: '2026-11-26T08:00:00.000Z',
      keys: { ...keysOf(tender.bidder), signingKeyPem: tender.otherBidder.signingKeyPem },
      openingPublicKeyPem: tender.openingPublicKeyPem,
      writer,
    });
    await expect(sealing).rejects.toThrow('the signing key does not belong to the signing certificate');
    expect(writer.aborted).toBe(true);
  });

  it('tells a signing key that does not belong to the signing certificate before sealing', async () => {
    expect(await signingKeyMatches(suiteId, keysOf(tender.bidder))).toBe(true);
    expect(
      await signingKeyMatches(suiteId, {
        ...keysOf(tender.bidder),
        signingKeyPem: tender.otherBidder.signingKeyPem,
      }),
    ).toBe(false);
  });
});

describe('chosen key files', () => {
  const certificate = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  it('wants PKCS#8 private keys and parseable certificates in their places', async () => {
    const { bidder } = await aTender('gm');
    expect(findPemProblem(bidder.signingKeyPem, 'signingKey')).toBeNull();
    expect(findPemProblem(bidder.signingCertificatePem, 'signingCertificate')).toBeNull();
    expect(findPemProblem(bidder.encryptionCertificatePem, 'encryptionCertificate')).toBeNull();
    expect(findPemProblem('just text', 'encryptionKey')).toBe('notPem');
    expect(findPemProblem(bidder.signingCertificatePem, 'signingKey')).toBe('notPrivateKey');
    expect(findPemProblem('-----BEGIN EC PRIVATE KEY-----\n', 'encryptionKey')).toBe('notPrivateKey');
    expect(findPemProblem(bidder.signingKeyPem, 'encryptionCertificate')).toBe('notCertificate');
    expect(findPemProblem(certificate, 'signingCertificate')).toBe('badCertificate');
  }, 30_000);
});
