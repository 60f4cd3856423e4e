import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeSuite } from '../../crypto/node/node-suites.ts';
import type { CertificateUsage } from '../../crypto/x509/certificate-extensions.ts';
import { type CertificateValidation, validateCertificate } from '../../crypto/x509/validate-certificate.ts';
import type { Config } from '../../server/config.ts';

/**
 * The CAs whose certificates the platform accepts (E1), and their CRLs: the PEM files in
 * `<dataDir>/trading-trust` — `*.cert.pem` for CA certificates, `*.crl.pem` for revocation lists.
 * Read at each check, so a new CRL takes effect without a restart.
 */
export class TrustStore {
  constructor(readonly dir: string) {}

  static forConfig(config: Config): TrustStore {
    return new TrustStore(join(config.dataDir, 'trading-trust'));
  }

  async contents(): Promise<{ trustAnchors: string[]; crls: string[] }> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { trustAnchors: [], crls: [] };
      throw error;
    }
    const read = (suffix: string) =>
      Promise.all(names.filter((n) => n.endsWith(suffix)).map((n) => readFile(join(this.dir, n), 'utf8')));
    return { trustAnchors: await read('.cert.pem'), crls: await read('.crl.pem') };
  }

  async validate(certificatePem: string, usage: CertificateUsage, at: Date): Promise<CertificateValidation> {
    return validateCertificate(certificatePem, { ...(await this.contents()), at, usage, suites: nodeSuite });
  }
}
