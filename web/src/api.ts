import type {
  AuditEvent,
  ErrorBody,
  ListQuery,
  LoginResult,
  NewOrganisation,
  NewUser,
  Organisation,
  Page,
  SystemInfo,
  User,
  UserListItem,
} from './api-types.ts';
import { translate } from './i18n.ts';
import type { Platform } from './shared-domain.ts';
import { readLocale } from './storage.ts';

/** A failed API call. `message` is the server's text in the user's language, ready to show. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: ErrorBody['error']['details'] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface RequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly query?: ListQuery | undefined;
  readonly body?: unknown;
  readonly token?: string | null | undefined;
}

/** Each platform service sits behind its own same-origin prefix (see web/vite.config.ts). */
export function apiUrl(platform: Platform, path: string, query?: ListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/${platform}/api${path}${search ? `?${search}` : ''}`;
}

export async function request<T>(platform: Platform, path: string, options: RequestOptions = {}): Promise<T> {
  const locale = readLocale();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(apiUrl(platform, path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(translate(locale, 'error.network'), 0, 'NETWORK');
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  if (isErrorBody(body)) {
    const { code, message, details, requestId } = body.error;
    throw new ApiError(message, response.status, code, details, requestId);
  }
  // Not the service's own error (a proxy or gateway answered): say what we know.
  const fallback = response.status >= 502 && response.status <= 504 ? 'error.network' : 'error.http';
  throw new ApiError(translate(locale, fallback, { status: response.status }), response.status, 'HTTP_ERROR');
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error: unknown = body.error;
  return (
    typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
  );
}

/**
 * The API of one platform as one signed-in (or anonymous) user sees it. `onUnauthorized` runs when
 * the server rejects the token, so the app can send the user back to the login page.
 */
export function createApiClient(
  platform: Platform,
  token: string | null,
  onUnauthorized?: (error: ApiError) => void,
) {
  async function call<T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> {
    try {
      return await request<T>(platform, path, { ...options, token });
    } catch (error) {
      if (token && error instanceof ApiError && error.status === 401) onUnauthorized?.(error);
      throw error;
    }
  }
  return {
    platform,
    systemInfo: () => call<SystemInfo>('/system/info'),
    login: (username: string, password: string) =>
      call<LoginResult>('/auth/login', { method: 'POST', body: { username, password } }),
    logout: () => call<void>('/auth/logout', { method: 'POST' }),
    me: () => call<{ user: User }>('/auth/me'),
    listOrganisations: (query: ListQuery) => call<Page<Organisation>>('/organisations', { query }),
    createOrganisation: (body: NewOrganisation) =>
      call<Organisation>('/organisations', { method: 'POST', body }),
    listUsers: (query: ListQuery) => call<Page<UserListItem>>('/users', { query }),
    createUser: (body: NewUser) => call<UserListItem>('/users', { method: 'POST', body }),
    listAuditEvents: (query: ListQuery) => call<Page<AuditEvent>>('/audit-events', { query }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
