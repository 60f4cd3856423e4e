import type {
  AnnouncementInput,
  AuditEvent,
  BidDecryption,
  BidReceipt,
  Clarification,
  ConsistencyProof,
  CompleteUpload,
  DocumentKind,
  DocumentVersion,
  Entrustment,
  EnvelopeHeader,
  MyObtainment,
  NewClarification,
  NewProject,
  Notice,
  ObjectionPage,
  Objection,
  OpenUpload,
  OpeningKeyView,
  OwnBidPage,
  PrequalificationApplication,
  PrequalificationPublished,
  PrequalificationStatus,
  Project,
  ProjectBid,
  ProjectDecryption,
  ProjectSummary,
  ReviewApplication,
  ScheduleMinimums,
  SignedTreeHead,
  Tender,
  TenderDocument,
  UploadState,
  WithdrawnBid,
  ErrorBody,
  ListQuery,
  LedgerInfo,
  LoginResult,
  NewOrganisation,
  NewUser,
  Organisation,
  Page,
  SystemInfo,
  User,
  UserListItem,
} from './api-types.ts';
import type { OutgoingMessage, OutgoingPage, RegisteredPlatform } from './api-types-exchange.ts';
import type { NoticeDetail, NoticeSearchPage } from './pages/portal/notice-search.ts';
import type { OpeningKeyPackage } from '../../src/crypto/portable/opening-key.ts';
import type { HolderEncryptedShare } from './sealing/key-share-decryption.ts';
import type { PlatformKeys } from './sealing/opening-key-holders.ts';
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
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
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

async function failure(response: Response): Promise<ApiError> {
  const locale = readLocale();
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    const { code, message, details, requestId } = body.error;
    return new ApiError(message, response.status, code, details, requestId);
  }
  const fallback = response.status >= 502 && response.status <= 504 ? 'error.network' : 'error.http';
  return new ApiError(
    translate(locale, fallback, { status: response.status }),
    response.status,
    'HTTP_ERROR',
  );
}

function authHeaders(token: string | null | undefined): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': readLocale() };
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

/** Sends raw bytes (application/octet-stream) with fetch; JSON answer. */
export async function sendBytes<T>(
  platform: Platform,
  path: string,
  body: Blob,
  options: {
    method: 'POST' | 'PUT';
    token: string | null;
    query?: ListQuery;
    headers?: Record<string, string>;
  },
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(platform, path, options.query), {
      method: options.method,
      headers: {
        ...authHeaders(options.token),
        'Content-Type': 'application/octet-stream',
        ...options.headers,
      },
      body,
    });
  } catch {
    throw new ApiError(translate(readLocale(), 'error.network'), 0, 'NETWORK');
  }
  if (response.ok) return (await response.json()) as T;
  throw await failure(response);
}

/** Uploads a file as the raw body with XMLHttpRequest, which reports upload progress. */
export function uploadWithProgress<T>(
  platform: Platform,
  path: string,
  file: Blob,
  options: { token: string | null; query?: ListQuery; onProgress?: (loaded: number, total: number) => void },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(platform, path, options.query));
    for (const [name, value] of Object.entries(authHeaders(options.token))) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    xhr.onerror = () => reject(new ApiError(translate(readLocale(), 'error.network'), 0, 'NETWORK'));
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { 'content-type': 'application/json' },
      });
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
      else void failure(response).then(reject);
    };
    xhr.send(file);
  });
}

/** Downloads a file (with the sign-in token) and hands it to the browser as a download. */
export async function downloadFile(
  platform: Platform,
  path: string,
  filename: string,
  token: string | null,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(apiUrl(platform, path), { headers: authHeaders(token) });
  } catch {
    throw new ApiError(translate(readLocale(), 'error.network'), 0, 'NETWORK');
  }
  if (!response.ok) throw await failure(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
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
  async function unauthorizedAware<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
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

    // Tender projects (tenderer, agency)
    listProjects: (query: ListQuery) => call<Page<ProjectSummary>>('/projects', { query }),
    getProject: (id: string) => call<Project>(`/projects/${enc(id)}`),
    createProject: (body: NewProject) => call<Project>('/projects', { method: 'POST', body }),
    updateProject: (id: string, body: Omit<NewProject, 'tendererOrganisationId'>) =>
      call<Project>(`/projects/${enc(id)}`, { method: 'PUT', body }),
    saveAnnouncement: (id: string, body: AnnouncementInput) =>
      call<Project>(`/projects/${enc(id)}/announcement`, { method: 'PUT', body }),
    publishProject: (id: string) => call<Project>(`/projects/${enc(id)}/publish`, { method: 'POST' }),
    scheduleMinimums: (id: string, documentIssueStart: string) =>
      call<ScheduleMinimums>(`/projects/${enc(id)}/schedule-minimums`, { query: { documentIssueStart } }),
    listEntrustments: (query: ListQuery) => call<Page<Entrustment>>('/entrustments', { query }),

    // Public tenders
    listTenders: (query: ListQuery) => call<Page<Tender>>('/tenders', { query }),
    getTender: (id: string) => call<Tender>(`/tenders/${enc(id)}`),

    // Documents, clarifications, objections, pre-qualification, notices
    listDocuments: (projectId: string, query: ListQuery) =>
      call<Page<TenderDocument>>(`/projects/${enc(projectId)}/documents`, { query }),
    uploadDocument: (
      projectId: string,
      file: File,
      query: { kind: DocumentKind; title?: string | undefined; documentId?: string | undefined },
      onProgress?: (loaded: number, total: number) => void,
    ) =>
      unauthorizedAware(
        uploadWithProgress<DocumentVersion>(platform, `/projects/${enc(projectId)}/documents`, file, {
          token,
          query: { ...query, filename: file.name },
          ...(onProgress ? { onProgress } : {}),
        }),
      ),
    downloadDocument: (projectId: string, version: { id: string; filename: string }) =>
      unauthorizedAware(
        downloadFile(
          platform,
          `/projects/${enc(projectId)}/documents/versions/${enc(version.id)}/content`,
          version.filename,
          token,
        ),
      ),
    obtainDocuments: (projectId: string) =>
      call<MyObtainment>(`/projects/${enc(projectId)}/documents/obtain`, { method: 'POST' }),
    myObtainment: (projectId: string) =>
      call<MyObtainment>(`/projects/${enc(projectId)}/documents/obtainment`),
    listClarifications: (projectId: string, query: ListQuery) =>
      call<Page<Clarification>>(`/projects/${enc(projectId)}/clarifications`, { query }),
    publishClarification: (projectId: string, body: NewClarification) =>
      call<Clarification>(`/projects/${enc(projectId)}/clarifications`, { method: 'POST', body }),
    listObjections: (projectId: string, query: ListQuery) =>
      call<ObjectionPage>(`/projects/${enc(projectId)}/objections`, { query }),
    raiseObjection: (projectId: string, body: { kind: DocumentKind; body: string }) =>
      call<Objection>(`/projects/${enc(projectId)}/objections`, { method: 'POST', body }),
    myApplication: (projectId: string) =>
      call<PrequalificationApplication>(`/projects/${enc(projectId)}/prequalification/applications/mine`),
    applyForPrequalification: (
      projectId: string,
      file: File,
      onProgress?: (loaded: number, total: number) => void,
    ) =>
      unauthorizedAware(
        uploadWithProgress<PrequalificationApplication>(
          platform,
          `/projects/${enc(projectId)}/prequalification/applications`,
          file,
          { token, query: { filename: file.name }, ...(onProgress ? { onProgress } : {}) },
        ),
      ),
    replyObjection: (projectId: string, objectionId: string, reply: string) =>
      call<Objection>(`/projects/${enc(projectId)}/objections/${enc(objectionId)}/reply`, {
        method: 'POST',
        body: { reply },
      }),
    prequalificationStatus: (projectId: string) =>
      call<PrequalificationStatus>(`/projects/${enc(projectId)}/prequalification`),
    listApplications: (projectId: string, query: ListQuery) =>
      call<Page<PrequalificationApplication>>(`/projects/${enc(projectId)}/prequalification/applications`, {
        query,
      }),
    reviewApplication: (projectId: string, applicationId: string, body: ReviewApplication) =>
      call<PrequalificationApplication>(
        `/projects/${enc(projectId)}/prequalification/applications/${enc(applicationId)}/review`,
        { method: 'POST', body },
      ),
    publishPrequalification: (projectId: string) =>
      call<PrequalificationPublished>(`/projects/${enc(projectId)}/prequalification/publish`, {
        method: 'POST',
      }),
    listNotices: (query: ListQuery) => call<Page<Notice>>('/notices', { query }),
    markNoticeRead: (noticeId: string) => call<Notice>(`/notices/${enc(noticeId)}/read`, { method: 'POST' }),

    // Bids (bidder)
    openBidUpload: (sectionId: string, body: OpenUpload) =>
      call<UploadState>(`/sections/${enc(sectionId)}/uploads`, { method: 'POST', body }),
    getBidUpload: (sectionId: string, uploadId: string) =>
      call<UploadState>(`/sections/${enc(sectionId)}/uploads/${enc(uploadId)}`),
    putBidChunk: (sectionId: string, uploadId: string, index: number, chunk: Blob, sha256: string) =>
      unauthorizedAware(
        sendBytes<{ index: number; size: number; sha256: string; storedAt: string }>(
          platform,
          `/sections/${enc(sectionId)}/uploads/${enc(uploadId)}/chunks/${index}`,
          chunk,
          { method: 'PUT', token, headers: { 'X-Chunk-Sha256': sha256 } },
        ),
      ),
    completeBidUpload: (sectionId: string, uploadId: string, body: CompleteUpload) =>
      call<BidReceipt>(`/sections/${enc(sectionId)}/uploads/${enc(uploadId)}/complete`, {
        method: 'POST',
        body,
      }),
    listOwnBids: (sectionId: string, query: ListQuery) =>
      call<OwnBidPage>(`/sections/${enc(sectionId)}/bids`, { query }),
    withdrawBid: (sectionId: string) =>
      call<WithdrawnBid>(`/sections/${enc(sectionId)}/bids/withdraw`, { method: 'POST' }),
    listProjectBids: (projectId: string, query: ListQuery) =>
      call<Page<ProjectBid>>(`/projects/${enc(projectId)}/bids`, { query }),
    bidReceipt: (bidId: string) => call<BidReceipt>(`/bids/${enc(bidId)}/receipt`),

    // Decryption after the deadline (bidder: own bids only)
    envelopeHeader: (bidId: string) =>
      call<{ header: EnvelopeHeader }>(`/bids/${enc(bidId)}/envelope-header`),
    projectDecryption: (projectId: string) =>
      call<ProjectDecryption>(`/projects/${enc(projectId)}/decryption`),
    decryptBid: (bidId: string, contentKey: string) =>
      call<BidDecryption>(`/bids/${enc(bidId)}/decryption`, { method: 'POST', body: { contentKey } }),

    // The tender's threshold opening key, made in the tenderer's browser before publication
    platformKeys: () => call<PlatformKeys>('/platform/keys'),
    recordOpeningKey: (projectId: string, body: OpeningKeyPackage) =>
      call<OpeningKeyView>(`/projects/${enc(projectId)}/opening-key`, { method: 'PUT', body }),

    // The tamper-evident ledger, public on every platform: published keys, signed heads, proofs
    ledgerInfo: () => call<LedgerInfo>('/ledger'),
    latestTreeHead: () => call<SignedTreeHead>('/ledger/tree-heads/latest'),
    consistencyProof: (first: number, second: number) =>
      call<ConsistencyProof>('/ledger/proofs/consistency', { query: { first, second } }),

    // The recorded opening key and, after the decryption window, the keyholders' reassembly
    openingKey: (projectId: string) => call<OpeningKeyView>(`/projects/${enc(projectId)}/opening-key`),
    holderShare: (projectId: string, holderId: string) =>
      call<HolderEncryptedShare>(`/projects/${enc(projectId)}/opening-key/shares/${enc(holderId)}`),
    submitKeyShare: (projectId: string, body: { holderId: string; share: string }) =>
      call<ProjectDecryption['openingKey']>(`/projects/${enc(projectId)}/opening-key/shares`, {
        method: 'POST',
        body,
      }),

    // The data exchange: what this platform sends (its operator) and the hub's platform disclosure
    listOutgoing: (query: ListQuery) => call<OutgoingPage>('/exchange/outgoing', { query }),
    retryOutgoing: (id: number) =>
      call<OutgoingMessage>(`/exchange/outgoing/${enc(String(id))}/retry`, { method: 'POST' }),
    listPlatforms: (query: ListQuery) => call<Page<RegisteredPlatform>>('/exchange/platforms', { query }),

    // The hub's public notices (no sign-in)
    searchNotices: (query: ListQuery) => call<NoticeSearchPage>('/public/notices', { query }),
    getPublicNotice: (id: string) => call<NoticeDetail>(`/public/notices/${enc(id)}`),
  };
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

export type ApiClient = ReturnType<typeof createApiClient>;
