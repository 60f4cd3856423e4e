import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeSuite } from '../src/crypto/node/node-suites.ts';
import { createOpeningKey, decryptShare } from '../src/crypto/portable/opening-key.ts';
import { shareCommitment } from '../src/crypto/portable/share-commitment.ts';
import { SUITE_IDS, type PemKeyPair, type SuiteId } from '../src/crypto/portable/suite.ts';
import { createRootCertificate, issueCertificate } from '../src/crypto/x509/issue-certificate.ts';
import { issueCrl } from '../src/crypto/x509/issue-crl.ts';
import type { OpeningKeyInput } from '../src/domain/schemas/sealing-schemas.ts';
import type { Config } from '../src/server/config.ts';
import type { PlatformKeys } from '../src/trading/sealing/platform-keys.ts';

/** The bench seals with intl by default (AES-256-GCM is what a bidder's machine seals fastest). */
export function benchSuite(): SuiteId {
  const suite = process.env.ZHAOCAI_BENCH_SUITE ?? 'intl';
  if (!(SUITE_IDS as readonly string[]).includes(suite)) {
    throw new Error(`ZHAOCAI_BENCH_SUITE must be one of ${SUITE_IDS.join(', ')}, not ${suite}`);
  }
  return suite as SuiteId;
}

const YEAR = 365 * 86_400_000;
const EPOCH = new Date('2025-01-01T00:00:00Z');

export interface BenchBidder {
  readonly organisationId: string;
  readonly creditCode: string;
  readonly name: string;
}

/** What a bidder's tool holds: its signing and encryption keys with their certificates. */
export interface BenchCredentials {
  readonly signing: PemKeyPair & { readonly certificatePem: string };
  readonly encryption: PemKeyPair & { readonly certificatePem: string };
}

/**
 * A development CA of the bench's own, put in the trading service's trust directory with its CRL,
 * and a signing and an encryption certificate from it for every bidder (each its own key pair).
 */
export async function benchCredentials(
  suiteId: SuiteId,
  config: Config,
  bidders: readonly BenchBidder[],
): Promise<BenchCredentials[]> {
  const suite = nodeSuite(suiteId);
  const caKeys = await suite.generateSigningKeyPair();
  const validity = { notBefore: EPOCH, notAfter: new Date(EPOCH.getTime() + 20 * YEAR) };
  const caCertificatePem = await createRootCertificate({
    suites: nodeSuite,
    keyPair: caKeys,
    subject: { commonName: `招采压测 CA (${suiteId})`, organisation: '招采压测' },
    ...validity,
  });
  const issuer = { certificatePem: caCertificatePem, privateKeyPem: caKeys.privateKeyPem };
  const crlPem = await issueCrl({
    suites: nodeSuite,
    issuer,
    revocations: [],
    thisUpdate: validity.notBefore,
    nextUpdate: validity.notAfter,
    crlNumber: 1,
  });
  const trustDir = join(config.dataDir, 'trading-trust');
  mkdirSync(trustDir, { recursive: true });
  writeFileSync(join(trustDir, `bench-${suiteId}.cert.pem`), caCertificatePem);
  writeFileSync(join(trustDir, `bench-${suiteId}.crl.pem`), crlPem);

  return Promise.all(
    bidders.map(async (bidder) => {
      const certified = async (profile: 'signing' | 'encryption') => {
        const keys =
          profile === 'signing'
            ? await suite.generateSigningKeyPair()
            : await suite.generateEncryptionKeyPair();
        const certificatePem = await issueCertificate({
          suites: nodeSuite,
          issuer,
          subject: { commonName: bidder.name, organisation: bidder.name, creditCode: bidder.creditCode },
          subjectPublicKeyPem: keys.publicKeyPem,
          profile,
          ...validity,
        });
        return { ...keys, certificatePem };
      };
      return { signing: await certified('signing'), encryption: await certified('encryption') };
    }),
  );
}

/**
 * The tender's opening key, 2-of-3 among the platform's keyholder key and two other holders, with
 * each share's commitment, as the tenderer's tool would send it.
 */
export async function benchOpeningKey(
  suiteId: SuiteId,
  platformKeys: PlatformKeys,
): Promise<OpeningKeyInput> {
  const suite = nodeSuite(suiteId);
  const holders = [
    { holderId: 'trading', ...platformKeys.keyholderEncryption[suiteId] },
    { holderId: 'tenderer', ...(await suite.generateEncryptionKeyPair()) },
    { holderId: 'supervision', ...(await suite.generateEncryptionKeyPair()) },
  ];
  const pkg = await createOpeningKey(suite, {
    threshold: 2,
    holders: holders.map((h) => ({ holderId: h.holderId, encryptionPublicKeyPem: h.publicKeyPem })),
  });
  const shares = await Promise.all(
    pkg.shares.map(async (share, i) => ({
      ...share,
      holderName: share.holderId,
      commitment: await shareCommitment(suite, await decryptShare(suite, share, holders[i]!.privateKeyPem)),
    })),
  );
  return { ...pkg, shares };
}
