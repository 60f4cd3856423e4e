import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../server/config.ts';
import { mergeTrustMaterial, RecognisedCas } from './recognised-cas.ts';

/**
 * The CAs whose certificates the platform accepts (E1), and their CRLs: the PEM files in
 * `<dataDir>/trading-trust` — `*.cert.pem` for CA certificates, `*.crl.pem` for revocation lists.
 * Read at each check, so a new CRL takes effect without a restart. When the platform has a hub
 * (`services.trading.exchange.upstream`), the CAs the hub recognises are added (./recognised-cas.ts).
 */
export interface TrustMaterial {
  readonly trustAnchors: readonly string[];
  readonly crls: readonly string[];
}

export class TrustStore {
  constructor(
    readonly dir: string,
    private readonly recognised?: RecognisedCas,
  ) {}

  static forConfig(config: Config): TrustStore {
    const dir = join(config.dataDir, 'trading-trust');
    const hubUrl = config.services.trading.exchange?.upstream?.url;
    return new TrustStore(dir, hubUrl ? new RecognisedCas({ hubUrl, dir }) : undefined);
  }

  /** The CA certificates and CRLs as they are now on disk, and those the hub recognises. */
  async contents(): Promise<TrustMaterial> {
    const local = await this.localContents();
    return this.recognised ? mergeTrustMaterial(local, await this.recognised.contents()) : local;
  }

  private async localContents(): Promise<TrustMaterial> {
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
