import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { TrustMaterial } from './trust-store.ts';

/** The hub's answer to `GET /api/public/ca/trust-bundle` (src/hub/ca), as this platform reads it. */
const bundleSchema = z.object({
  anchors: z.array(z.string()),
  crls: z.array(z.string()),
  updatedAt: z.string().nullable(),
});
type HubBundle = z.infer<typeof bundleSchema>;

export const HUB_BUNDLE_FILE = 'hub-bundle.json';
/** How long a fetched bundle is used before asking the hub again (real milliseconds). */
export const DEFAULT_BUNDLE_TTL_MS = 30_000;
const FETCH_TIMEOUT_MS = 3_000;

export interface RecognisedCasOptions {
  /** The hub's base URL (`services.trading.exchange.upstream.url`). */
  readonly hubUrl: string;
  /** Where the last good bundle is kept: the trust directory. */
  readonly dir: string;
  readonly ttlMs?: number;
  /** Real time, for the cache only; business time never comes from here. */
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
}

/**
 * The CAs the hub recognises (CA证书互认), added to the platform's own trust store. The bundle is
 * fetched at most once per TTL and the last good copy is kept on disk, so a hub that cannot be
 * reached does not stop bidding: the platform keeps using what it last knew, in memory or, after a
 * restart, from `<dir>/hub-bundle.json`. Nothing is known (and nothing added) until one fetch works.
 */
export class RecognisedCas {
  private readonly url: string;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;
  private cached: { bundle: HubBundle; checkedAt: number } | undefined;
  private refreshing: Promise<HubBundle | undefined> | undefined;

  constructor(private readonly options: RecognisedCasOptions) {
    this.url = `${options.hubUrl.replace(/\/+$/, '')}/api/public/ca/trust-bundle`;
    this.ttlMs = options.ttlMs ?? DEFAULT_BUNDLE_TTL_MS;
    this.now = options.now ?? (() => Date.now());
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async contents(): Promise<TrustMaterial> {
    const cached = this.cached;
    const fresh = cached && this.now() - cached.checkedAt < this.ttlMs;
    const bundle = fresh ? cached.bundle : await this.refresh();
    return bundle ? { trustAnchors: bundle.anchors, crls: bundle.crls } : { trustAnchors: [], crls: [] };
  }

  /** One fetch at a time; concurrent checks wait for it. */
  private refresh(): Promise<HubBundle | undefined> {
    this.refreshing ??= this.fetchBundle().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async fetchBundle(): Promise<HubBundle | undefined> {
    const checkedAt = this.now();
    let bundle: HubBundle;
    try {
      const response = await this.fetch(this.url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`hub answered ${response.status}`);
      bundle = bundleSchema.parse(await response.json());
    } catch {
      // Keep the last good bundle, and ask again only after another TTL rather than at every check.
      const lastGood = this.cached?.bundle ?? (await this.readSaved());
      if (lastGood) this.cached = { bundle: lastGood, checkedAt };
      return lastGood;
    }
    const changed = !this.cached || JSON.stringify(this.cached.bundle) !== JSON.stringify(bundle);
    this.cached = { bundle, checkedAt };
    if (changed) await this.save(bundle);
    return bundle;
  }

  private async readSaved(): Promise<HubBundle | undefined> {
    try {
      return bundleSchema.parse(JSON.parse(await readFile(join(this.options.dir, HUB_BUNDLE_FILE), 'utf8')));
    } catch {
      return undefined;
    }
  }

  /**
   * Written whole then renamed, so a crash never leaves half a bundle behind. Best effort: the copy
   * only matters when the hub is down at the next start, and a full disk must not stop a bid check.
   */
  private async save(bundle: HubBundle): Promise<void> {
    const path = join(this.options.dir, HUB_BUNDLE_FILE);
    const temporary = `${path}.${randomUUID()}.tmp`;
    try {
      await mkdir(this.options.dir, { recursive: true });
      await writeFile(temporary, `${JSON.stringify(bundle, null, 2)}\n`);
      await rename(temporary, path);
    } catch {
      // The in-memory copy still serves; the next change tries again.
    }
  }
}

/** Both sources together, each PEM once; the validator takes the newest CRL of each CA. */
export function mergeTrustMaterial(a: TrustMaterial, b: TrustMaterial): TrustMaterial {
  return {
    trustAnchors: [...new Set([...a.trustAnchors, ...b.trustAnchors])],
    crls: [...new Set([...a.crls, ...b.crls])],
  };
}
