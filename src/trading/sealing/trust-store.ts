import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../server/config.ts';

/**
 * The CAs whose certificates the platform accepts (E1), and their CRLs: the PEM files in
 * `<dataDir>/trading-trust` — `*.cert.pem` for CA certificates, `*.crl.pem` for revocation lists.
 * Read at each check, so a new CRL takes effect without a restart.
 */
export interface TrustMaterial {
  readonly trustAnchors: readonly string[];
  readonly crls: readonly string[];
}

export class TrustStore {
  constructor(readonly dir: string) {}

  static forConfig(config: Config): TrustStore {
    return new TrustStore(join(config.dataDir, 'trading-trust'));
  }

  /** The CA certificates and CRLs as they are now on disk. */
  async contents(): Promise<TrustMaterial> {
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
}
