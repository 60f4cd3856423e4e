/** The hub could not be reached at all (refused, unresolvable, timed out): not a conformance failure. */
export class HubUnreachableError extends Error {
  override readonly name = 'HubUnreachableError';
}

/** One answer of the hub: its HTTP status, its JSON body (or the text when it is not JSON), and how long it took. */
export interface HubAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly ms: number;
}

export interface HubRequest {
  readonly body?: unknown;
  /** A bearer token (the hub operator's), for the operator's routes. */
  readonly token?: string | undefined;
}

/** A small HTTP client for a hub's exchange interface, as a connecting platform would use it. */
export class HubClient {
  constructor(
    readonly baseUrl: URL,
    private readonly timeoutMs: number,
  ) {}

  get(path: string, request: HubRequest = {}): Promise<HubAnswer> {
    return this.send('GET', path, request);
  }

  post(path: string, request: HubRequest = {}): Promise<HubAnswer> {
    return this.send('POST', path, request);
  }

  private async send(method: string, path: string, request: HubRequest): Promise<HubAnswer> {
    const url = new URL(path.replace(/^\//, ''), this.baseUrl);
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': 'en-US' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new HubUnreachableError(`cannot reach ${url.href}: ${why}`);
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the check that reads it reports the text.
    }
    return { status: response.status, body, ms: performance.now() - started };
  }
}
