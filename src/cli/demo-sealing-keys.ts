import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeSuite } from '../crypto/node/node-suites.ts';
import type { PemKeyPair, SuiteId } from '../crypto/portable/suite.ts';
import type { CertificateUsage } from '../crypto/x509/certificate-extensions.ts';
import { type DevCa, devCaCrl, initDevCa, issueFromDevCa, openDevCa } from '../crypto/x509/dev-ca-node.ts';
import { DEMO_USERS, demoCreditCode } from './demo-seed.ts';

/** Demo bids are sealed with the national suite, as most tenders in China will be. */
export const DEMO_SUITE = 'gm' as const;
// The sandbox clock runs ×1440 (four virtual years per real day): keys must outlive long demos.
const VALIDITY_DAYS = 50 * 365;
const BACKDATE_MS = 90 * 86_400_000;

export type CertifiedKeyPair = PemKeyPair & { readonly certificatePem: string };

export interface DemoBidderKeys {
  readonly signing: CertifiedKeyPair;
  readonly encryption: CertifiedKeyPair;
}

/** The demo's key material, as files under the data directory that a user can pick in the browser. */
export interface DemoSealingKeys {
  /** By demo username. */
  readonly bidders: ReadonlyMap<string, DemoBidderKeys>;
  /** The opening-key holders besides the transaction platform itself. */
  readonly holders: { readonly tenderer: PemKeyPair; readonly supervision: PemKeyPair };
}

/**
 * Two independent development CAs (`<dataDir>/demo-ca/gm` and `…/intl`), both trusted by the
 * transaction platform, so that mutual recognition has two issuers to tell apart; a signing and an
 * encryption certificate for every demo bidder in `<dataDir>/demo-keys/<username>/`; and the
 * encryption keys of the tenderer's and the supervision platform's opening-key shares. What exists
 * already is reused, so a restarted demo keeps its keys.
 */
export async function prepareDemoSealingKeys(dataDir: string, now: Date): Promise<DemoSealingKeys> {
  const since = new Date(now.getTime() - BACKDATE_MS);
  const cas = {
    gm: await openOrInitCa(join(dataDir, 'demo-ca', 'gm'), 'gm', '招采演示 CA（国密）', since),
    intl: await openOrInitCa(join(dataDir, 'demo-ca', 'intl'), 'intl', 'Zhaocai demo CA (intl)', since),
  };
  const trustDir = join(dataDir, 'trading-trust');
  await mkdir(trustDir, { recursive: true });
  for (const [suite, ca] of Object.entries(cas)) {
    await writeFile(join(trustDir, `demo-${suite}.cert.pem`), ca.certificatePem);
    const crl = await devCaCrl(ca, { now: since, days: VALIDITY_DAYS, persist: true });
    await writeFile(join(trustDir, `demo-${suite}.crl.pem`), crl);
  }

  const keysDir = join(dataDir, 'demo-keys');
  const bidders = new Map<string, DemoBidderKeys>();
  for (const user of DEMO_USERS.filter((u) => u.roles.includes('bidder'))) {
    const organisation = user.organisation!;
    const subject = {
      commonName: organisation.name,
      organisation: organisation.name,
      creditCode: demoCreditCode(organisation),
    };
    const certified = (usage: CertificateUsage) =>
      loadOrCreate(join(keysDir, user.username), usage, async () => {
        const suite = nodeSuite(DEMO_SUITE);
        const keys =
          usage === 'signing'
            ? await suite.generateSigningKeyPair()
            : await suite.generateEncryptionKeyPair();
        const { certificatePem } = await issueFromDevCa(cas[DEMO_SUITE], {
          subject,
          usage,
          subjectPublicKeyPem: keys.publicKeyPem,
          now: since,
          days: VALIDITY_DAYS,
        });
        return { ...keys, certificatePem };
      });
    bidders.set(user.username, {
      signing: await certified('signing'),
      encryption: await certified('encryption'),
    });
  }
  const holder = (owner: string) =>
    loadOrCreate(join(keysDir, owner), 'opening-holder', () =>
      nodeSuite(DEMO_SUITE).generateEncryptionKeyPair(),
    );
  const tenderer = DEMO_USERS.find((u) => u.roles.includes('tenderer'))!.username;
  return { bidders, holders: { tenderer: await holder(tenderer), supervision: await holder('supervision') } };
}

async function openOrInitCa(dir: string, suite: SuiteId, name: string, since: Date): Promise<DevCa> {
  if (await exists(join(dir, 'index.json'))) return openDevCa(dir);
  return initDevCa({ dir, suite, name, now: since, days: VALIDITY_DAYS });
}

/** `<name>.key.pem` and `<name>.pub.pem` (and `<name>.cert.pem` when certified) in `dir`. */
async function loadOrCreate<T extends PemKeyPair>(
  dir: string,
  name: string,
  create: () => Promise<T>,
): Promise<T> {
  const path = (kind: string) => join(dir, `${name}.${kind}.pem`);
  if (await exists(path('key'))) {
    const privateKeyPem = await readFile(path('key'), 'utf8');
    const publicKeyPem = await readFile(path('pub'), 'utf8');
    const certificatePem = await readFile(path('cert'), 'utf8').catch(() => undefined);
    return { privateKeyPem, publicKeyPem, ...(certificatePem ? { certificatePem } : {}) } as T;
  }
  const created = await create();
  await mkdir(dir, { recursive: true });
  await writeFile(path('key'), created.privateKeyPem, { mode: 0o600 });
  await writeFile(path('pub'), created.publicKeyPem);
  if ('certificatePem' in created) await writeFile(path('cert'), created.certificatePem as string);
  return created;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
