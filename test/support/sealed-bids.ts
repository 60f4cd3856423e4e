import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { sealEnvelope } from '../../src/crypto/portable/envelope/seal-envelope.ts';
import { createOpeningKey, type OpeningKeyPackage } from '../../src/crypto/portable/opening-key.ts';
import type { PemKeyPair, SuiteId } from '../../src/crypto/portable/suite.ts';
import { createRootCertificate, issueCertificate } from '../../src/crypto/x509/issue-certificate.ts';
import { issueCrl } from '../../src/crypto/x509/issue-crl.ts';
import type { Config } from '../../src/server/config.ts';
import { platformKeysDir } from '../../src/trading/sealing/platform-keys.ts';
import type { OpeningKeyInput, platformKeysView } from '../../src/domain/schemas/sealing-schemas.ts';
import type { TestService } from './services.ts';

type PlatformKeysView = z.infer<typeof platformKeysView>;

/**
 * Sealed bids for tests: a development CA per suite (trusted by a test service once
 * `trustTestCas` has put it in the service's trust directory), bidder credentials issued by it,
 * tender opening keys, and envelopes sealed exactly as a bidder's tool would.
 */
const YEAR = 365 * 86_400_000;
const EPOCH = new Date('2025-01-01T00:00:00Z');

interface TestCa {
  readonly certificatePem: string;
  readonly keys: PemKeyPair;
  readonly crlPem: string;
}

const cas = new Map<string, Promise<TestCa>>();

/** The trusted test CA of a suite, or (`name` other than 'trusted') a CA no test service trusts. */
export function testCa(suite: SuiteId, name = 'trusted'): Promise<TestCa> {
  let ca = cas.get(`${suite}/${name}`);
  if (!ca) {
    ca = (async () => {
      const keys = await nodeSuite(suite).generateSigningKeyPair();
      const validity = { notBefore: EPOCH, notAfter: new Date(EPOCH.getTime() + 20 * YEAR) };
      const certificatePem = await createRootCertificate({
        suites: nodeSuite,
        keyPair: keys,
        subject: {
          commonName: name === 'trusted' ? `招采测试 CA (${suite})` : `${name} CA (${suite})`,
          organisation: '招采测试',
        },
        ...validity,
      });
      const crlPem = await issueCrl({
        suites: nodeSuite,
        issuer: { certificatePem, privateKeyPem: keys.privateKeyPem },
        revocations: [],
        thisUpdate: EPOCH,
        nextUpdate: validity.notAfter,
        crlNumber: 1,
      });
      return { certificatePem, keys, crlPem };
    })();
    cas.set(`${suite}/${name}`, ca);
  }
  return ca;
}

/** Puts both test CAs and their CRLs in the trading service's trust directory. */
export async function trustTestCas(config: Config): Promise<void> {
  const dir = join(config.dataDir, 'trading-trust');
  mkdirSync(dir, { recursive: true });
  for (const suite of ['gm', 'intl'] as const) {
    const ca = await testCa(suite);
    writeFileSync(join(dir, `test-${suite}.cert.pem`), ca.certificatePem);
    writeFileSync(join(dir, `test-${suite}.crl.pem`), ca.crlPem);
  }
}

export interface BidderCredentials {
  readonly organisationId: string;
  readonly creditCode: string;
  readonly name: string;
  readonly signing: PemKeyPair & { certificatePem: string };
  readonly encryption: PemKeyPair & { certificatePem: string };
}

const credentials = new Map<string, Promise<BidderCredentials>>();

/** A bidder's signing and encryption certificates from the test CA (one per organisation and suite). */
export function bidderCredentials(
  suite: SuiteId,
  bidder: { organisationId: string; creditCode: string; name: string },
  validity: { notBefore?: Date; notAfter?: Date; ca?: string } = {},
): Promise<BidderCredentials> {
  const key = `${suite}/${validity.ca}/${bidder.organisationId}/${validity.notBefore?.toISOString()}/${validity.notAfter?.toISOString()}`;
  let found = credentials.get(key);
  if (!found) {
    found = (async () => {
      const ca = await testCa(suite, validity.ca);
      const issue = async (profile: 'signing' | 'encryption') => {
        const keys =
          profile === 'signing'
            ? await nodeSuite(suite).generateSigningKeyPair()
            : await nodeSuite(suite).generateEncryptionKeyPair();
        const certificatePem = await issueCertificate({
          suites: nodeSuite,
          issuer: { certificatePem: ca.certificatePem, privateKeyPem: ca.keys.privateKeyPem },
          subject: { commonName: bidder.name, organisation: bidder.name, creditCode: bidder.creditCode },
          subjectPublicKeyPem: keys.publicKeyPem,
          profile,
          notBefore: validity.notBefore ?? EPOCH,
          notAfter: validity.notAfter ?? new Date(EPOCH.getTime() + 10 * YEAR),
        });
        return { ...keys, certificatePem };
      };
      return { ...bidder, signing: await issue('signing'), encryption: await issue('encryption') };
    })();
    credentials.set(key, found);
  }
  return found;
}

export interface TestOpeningKey {
  readonly input: OpeningKeyInput;
  readonly package: OpeningKeyPackage;
  /** The holders' encryption key pairs, by holder id. */
  readonly holderKeys: ReadonlyMap<string, PemKeyPair>;
}

/**
 * An opening key split 2-of-3 (or as asked) among test holders, optionally with the platform's
 * own keyholder key as one of them. Includes each share's commitment, as the tenderer's tool sends it.
 */
export async function anOpeningKey(
  suite: SuiteId,
  options: {
    threshold?: number;
    holders?: number;
    /** The platform's keyholder key; with its private key the share's commitment can be made. */
    platformKey?: { holderId: string; publicKeyPem: string; privateKeyPem?: string };
  } = {},
): Promise<TestOpeningKey> {
  const s = nodeSuite(suite);
  const holderKeys = new Map<string, PemKeyPair>();
  const holders: { holderId: string; encryptionPublicKeyPem: string }[] = [];
  const count = options.holders ?? 3;
  for (let i = 1; i <= count - (options.platformKey ? 1 : 0); i++) {
    const keys = await s.generateEncryptionKeyPair();
    holderKeys.set(`holder-${i}`, keys);
    holders.push({ holderId: `holder-${i}`, encryptionPublicKeyPem: keys.publicKeyPem });
  }
  if (options.platformKey) {
    holders.push({
      holderId: options.platformKey.holderId,
      encryptionPublicKeyPem: options.platformKey.publicKeyPem,
    });
  }
  const pkg = await createOpeningKey(s, { threshold: options.threshold ?? 2, holders });
  return { input: { ...pkg, shares: [...pkg.shares] }, package: pkg, holderKeys };
}

/** Seals `plaintext` as `bidder`'s envelope for a section of a tender. */
export async function sealBid(options: {
  suite: SuiteId;
  projectId: string;
  dealCode: string;
  sectionId: string;
  sectionCode: string;
  bidder: BidderCredentials;
  openingPublicKeyPem: string;
  plaintext: Uint8Array;
  createdAt: string;
  segmentSize?: number;
}): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of sealEnvelope(nodeSuite(options.suite), {
    tender: { projectId: options.projectId, dealCode: options.dealCode },
    section: { id: options.sectionId, code: options.sectionCode },
    bidder: {
      organisationId: options.bidder.organisationId,
      creditCode: options.bidder.creditCode,
      name: options.bidder.name,
    },
    createdAt: options.createdAt,
    tool: { name: 'zhaocai-test', version: '1' },
    machine: { cpu: 'test', macs: [], diskSerial: '', tenderFileId: '' },
    plaintextLength: options.plaintext.byteLength,
    plaintext: (async function* () {
      yield options.plaintext;
    })(),
    signingKeyPem: options.bidder.signing.privateKeyPem,
    signingCertificatePem: options.bidder.signing.certificatePem,
    encryptionCertificatePem: options.bidder.encryption.certificatePem,
    openingPublicKeyPem: options.openingPublicKeyPem,
    ...(options.segmentSize ? { segmentSize: options.segmentSize } : {}),
  })) {
    parts.push(part);
  }
  return Buffer.concat(parts);
}

const platformOpeningKeys = new Map<string, Promise<TestOpeningKey>>();

/**
 * An opening key of which the platform's keyholder key (GET /api/platform/keys) holds one share,
 * as publication requires. One per platform key and suite: SM2 key generation is not free.
 */
export async function aPlatformOpeningKey(svc: TestService, suite: SuiteId = 'gm'): Promise<TestOpeningKey> {
  const keys = await svc.app.inject({ method: 'GET', url: '/api/platform/keys' });
  const platform = (keys.json() as PlatformKeysView).keyholderEncryption[suite];
  if (!platform) throw new Error(`the platform has no ${suite} keyholder key: ${keys.body}`);
  let key = platformOpeningKeys.get(platform.publicKeyPem);
  if (!key) {
    // The tenderer's tool knows every share when it splits the key; a test reads the platform's
    // private key from its data directory to make the platform share's commitment.
    const privateKeyPem = readFileSync(
      join(platformKeysDir(svc.deps.config), `keyholder-encryption-${suite}.key.pem`),
      'utf8',
    );
    key = anOpeningKey(suite, {
      platformKey: { holderId: 'platform', publicKeyPem: platform.publicKeyPem, privateKeyPem },
    });
    platformOpeningKeys.set(platform.publicKeyPem, key);
  }
  return key;
}

/** Records an opening key for a draft project (PUT .../opening-key), as the tenderer's tool does before publishing. */
export async function recordTestOpeningKey(
  svc: TestService,
  token: string,
  projectId: string,
  suite: SuiteId = 'gm',
): Promise<TestOpeningKey> {
  const key = await aPlatformOpeningKey(svc, suite);
  const res = await svc.app.inject({
    method: 'PUT',
    url: `/api/projects/${projectId}/opening-key`,
    headers: { authorization: `Bearer ${token}` },
    payload: key.input,
  });
  if (res.statusCode !== 200) throw new Error(`recording the opening key failed: ${res.body}`);
  return key;
}
