import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeSuite } from '../../../src/crypto/node/node-suites.ts';
import type { SealEnvelopeOptions } from '../../../src/crypto/portable/envelope/seal-envelope.ts';
import type { SuiteId } from '../../../src/crypto/portable/suite.ts';

export interface Bidder {
  readonly signingKeyPem: string;
  readonly signingCertificatePem: string;
  readonly encryptionCertificatePem: string;
  readonly encryptionKeyPem: string;
}

export interface Tender {
  readonly suite: SuiteId;
  readonly openingPublicKeyPem: string;
  readonly openingPrivateKeyPem: string;
  readonly bidder: Bidder;
  readonly otherBidder: Bidder;
}

/**
 * Self-signed certificates made by the openssl command line, so these tests depend only on
 * certificate parsing, and prove our keys work in OpenSSL's certificates.
 */
function selfSignedCertificate(suiteId: SuiteId, privateKeyPem: string, creditCode: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhaocai-envelope-'));
  try {
    writeFileSync(join(dir, 'key.pem'), privateKeyPem);
    const digest = suiteId === 'gm' ? ['-sm3', '-sigopt', 'distid:1234567812345678'] : ['-sha256'];
    const subject = `/C=CN/O=Bidder Ltd/serialNumber=${creditCode}/CN=Bidder`;
    execFileSync('openssl', [
      'req',
      '-x509',
      '-new',
      '-key',
      join(dir, 'key.pem'),
      ...digest,
      '-subj',
      subject,
      '-days',
      '30',
      '-out',
      join(dir, 'cert.pem'),
    ]);
    return readFileSync(join(dir, 'cert.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Two bidders with signing and encryption certificates, and a tender's opening key pair. */
export async function aTender(suiteId: SuiteId): Promise<Tender> {
  const suite = nodeSuite(suiteId);
  const aBidder = async (creditCode: string): Promise<Bidder> => {
    const signing = await suite.generateSigningKeyPair();
    const encryption = await suite.generateEncryptionKeyPair();
    return {
      signingKeyPem: signing.privateKeyPem,
      signingCertificatePem: selfSignedCertificate(suiteId, signing.privateKeyPem, creditCode),
      encryptionCertificatePem: selfSignedCertificate(suiteId, encryption.privateKeyPem, creditCode),
      encryptionKeyPem: encryption.privateKeyPem,
    };
  };
  const opening = await suite.generateEncryptionKeyPair();
  return {
    suite: suiteId,
    openingPublicKeyPem: opening.publicKeyPem,
    openingPrivateKeyPem: opening.privateKeyPem,
    bidder: await aBidder('91350100M000100Y43'),
    otherBidder: await aBidder('91110000600037341L'),
  };
}

export function sealOptions(
  tender: Tender,
  plaintext: Uint8Array,
  overrides: Partial<SealEnvelopeOptions> = {},
): SealEnvelopeOptions {
  return {
    tender: { projectId: 'project-1', dealCode: 'E3501000001000001001' },
    section: { id: 'section-1', code: 'E3501000001000001001001' },
    bidder: { organisationId: 'org-1', creditCode: '91350100M000100Y43', name: 'Bidder Ltd' },
    createdAt: '2026-11-26T08:00:00.000Z',
    tool: { name: 'zhaocai', version: 'test' },
    machine: { cpu: 'Test CPU', macs: ['02:00:00:00:00:01'], diskSerial: 'DISK1', tenderFileId: 'file-1' },
    segmentSize: 4096,
    plaintextLength: plaintext.length,
    plaintext: chunked(plaintext, 1000),
    signingKeyPem: tender.bidder.signingKeyPem,
    signingCertificatePem: tender.bidder.signingCertificatePem,
    encryptionCertificatePem: tender.bidder.encryptionCertificatePem,
    openingPublicKeyPem: tender.openingPublicKeyPem,
    ...overrides,
  };
}

/** Odd-sized chunks, so segment boundaries never line up with chunk boundaries. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.slice(offset, offset + size);
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part.slice());
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
