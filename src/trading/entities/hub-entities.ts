import { z } from 'zod';
import type { Config } from '../../server/config.ts';

/** An entity as the hub's register shows it (GET /api/public/entities/:creditCode). */
export const hubEntity = z.object({
  creditCode: z.string(),
  name: z.string(),
  kinds: z.array(z.string()),
  regionCode: z.string(),
  legalRepresentative: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type HubEntity = z.infer<typeof hubEntity>;

const fieldChange = z.object({ from: z.unknown(), to: z.unknown() });

/** One change of the register (GET /api/public/entities/changes). */
export const hubEntityChange = z.object({
  creditCode: z.string(),
  version: z.number().int(),
  dataSetCode: z.string(),
  changes: z.record(z.string(), fieldChange),
  platformCode: z.string(),
  at: z.string(),
});
export type HubEntityChange = z.infer<typeof hubEntityChange>;

const changesPage = z.object({ items: z.array(hubEntityChange), next: z.string() });
export type HubEntityChangesPage = z.infer<typeof changesPage>;

/** The hub did not answer in time, or answered something other than the register's answer. */
export class HubUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HubUnreachable';
  }
}

/** The hub's entity register, as the transaction platform uses it. */
export interface HubEntities {
  /** The registered entity, or null when the hub does not know the code. Throws HubUnreachable. */
  lookUp(creditCode: string): Promise<HubEntity | null>;
  /** One page of changes of `creditCodes` after `cursor` (null: from the start). Throws HubUnreachable. */
  changes(
    creditCodes: readonly string[],
    cursor: string | null,
    limit: number,
  ): Promise<HubEntityChangesPage>;
}

/** A look-up at sign-up waits this long at most: a slow hub must not hold up registration. */
export const LOOK_UP_TIMEOUT_MS = 2000;
const CHANGES_TIMEOUT_MS = 10_000;

export function hubEntitiesClient(baseUrl: string, lookUpTimeoutMs = LOOK_UP_TIMEOUT_MS): HubEntities {
  const base = baseUrl.replace(/\/+$/, '');
  const get = async (path: string, timeoutMs: number): Promise<Response> => {
    try {
      return await fetch(`${base}${path}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new HubUnreachable(`hub ${base} did not answer ${path}`, { cause });
    }
  };
  const body = async <T>(response: Response, schema: z.ZodType<T>, path: string): Promise<T> => {
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new HubUnreachable(`hub ${base} answered ${path} with an unexpected body`);
    return parsed.data;
  };

  return {
    async lookUp(creditCode) {
      const path = `/api/public/entities/${encodeURIComponent(creditCode)}`;
      const response = await get(path, lookUpTimeoutMs);
      if (response.status === 404) {
        const error = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
        if (error?.error?.code === 'ENTITY_NOT_FOUND') return null;
      }
      if (response.status !== 200)
        throw new HubUnreachable(`hub ${base} answered ${path} with ${response.status}`);
      return body(response, hubEntity, path);
    },
    async changes(creditCodes, cursor, limit) {
      const query = new URLSearchParams({ creditCodes: creditCodes.join(','), limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      const path = `/api/public/entities/changes?${query}`;
      const response = await get(path, CHANGES_TIMEOUT_MS);
      if (response.status !== 200)
        throw new HubUnreachable(`hub ${base} answered ${path} with ${response.status}`);
      return body(response, changesPage, path);
    },
  };
}

/** The transaction platform's hub (`services.trading.exchange.upstream`), or null when it has none. */
export function hubEntitiesFor(config: Config): HubEntities | null {
  const url = config.services.trading.exchange?.upstream?.url;
  return url ? hubEntitiesClient(url) : null;
}
