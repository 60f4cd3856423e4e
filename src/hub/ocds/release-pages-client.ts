import type { Release } from '../../exchange/ocds/ocds-release.ts';

/** The path of the hub's bulk release pages. */
export const RELEASES_PATH = '/api/public/ocds/releases';
const TIMEOUT_MS = 60_000;

export interface FetchedPage {
  readonly url: string;
  readonly publisher: string | null;
  readonly releases: readonly Release[];
}

/**
 * The address of the first bulk page: a hub's base address (`http://host:3102`, a path prefix
 * allowed) gets the bulk path added; the bulk address itself, with its query, is kept.
 */
export function firstPageUrl(hub: string): string {
  const url = new URL(hub);
  if (!url.pathname.endsWith(RELEASES_PATH))
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${RELEASES_PATH}`;
  return url.toString();
}

/**
 * A hub's release pages in order, following `links.next` to the last. A page that cannot be had
 * (unreachable, an HTTP error, not a release package) ends the walk with an error that says which.
 */
export async function* fetchReleasePages(hub: string): AsyncGenerator<FetchedPage> {
  let url: string | null = firstPageUrl(hub);
  while (url !== null) {
    const page = await fetchPage(url);
    yield { url, publisher: page.publisher, releases: page.releases };
    url = page.next;
  }
}

async function fetchPage(url: string) {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', 'accept-language': 'en-US' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new Error(`cannot reach ${url}: ${cause}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    throw new Error(`${url}: HTTP ${response.status}${typeof message === 'string' ? `: ${message}` : ''}`);
  }
  const page = (body ?? {}) as {
    releases?: unknown;
    publisher?: { name?: unknown };
    links?: { next?: unknown };
  };
  if (!Array.isArray(page.releases)) throw new Error(`${url}: not an OCDS release package`);
  const next = page.links?.next;
  if (next !== undefined && (typeof next !== 'string' || !/^https?:\/\//.test(next))) {
    throw new Error(`${url}: links.next is not an http(s) address`);
  }
  return {
    releases: page.releases as Release[],
    publisher: typeof page.publisher?.name === 'string' ? page.publisher.name : null,
    next: next ?? null,
  };
}
