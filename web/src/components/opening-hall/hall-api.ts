import { useMemo } from 'react';
import { apiUrl, request } from '../../api.ts';
import { useSession } from '../../session.tsx';
import type { Platform } from '../../shared-domain.ts';
import { readLocale } from '../../storage.ts';
import type { OpeningHall, SignIn, TenderException } from './hall-types.ts';

/** The opening hall and tender-exception APIs of the trading platform (docs/opening.md). */
export function hallApi(token: string | null) {
  const hall = (projectId: string) => `/projects/${encodeURIComponent(projectId)}/opening-hall`;
  const call = <T>(path: string, options: { method?: 'GET' | 'POST'; body?: unknown } = {}) =>
    request<T>('trading', path, { ...options, token });
  const post = <T>(path: string, body: unknown = {}) => call<T>(path, { method: 'POST', body });
  return {
    token,
    get: (projectId: string) => call<OpeningHall>(hall(projectId)),
    signIn: (projectId: string) => post<SignIn>(`${hall(projectId)}/sign-in`),
    open: (projectId: string) => post<unknown>(`${hall(projectId)}/open`),
    closeWindow: (projectId: string) => post<unknown>(`${hall(projectId)}/close-window`),
    readOut: (projectId: string) => post<unknown>(`${hall(projectId)}/read-out`),
    confirm: (projectId: string) =>
      post<unknown>(`${hall(projectId)}/record/responses`, { kind: 'confirmed' }),
    object: (projectId: string, text: string) =>
      post<unknown>(`${hall(projectId)}/record/responses`, { kind: 'objection', text }),
    answer: (projectId: string, objectionId: string, answer: string) =>
      post<unknown>(`${hall(projectId)}/record/objections/${encodeURIComponent(objectionId)}/answer`, {
        answer,
      }),
    terminate: (projectId: string, reason: string) =>
      post<TenderException>(`/projects/${encodeURIComponent(projectId)}/terminate`, { reason }),
    fail: (projectId: string, reason: string) =>
      post<TenderException>(`/projects/${encodeURIComponent(projectId)}/fail`, { reason }),
    retender: (projectId: string) =>
      post<{ projectId: string; dealCode: string }>(`/projects/${encodeURIComponent(projectId)}/retender`),
  };
}

export type HallApi = ReturnType<typeof hallApi>;

export function useHallApi(): HallApi {
  const { state } = useSession();
  const token = state.status === 'authenticated' ? state.token : null;
  return useMemo(() => hallApi(token), [token]);
}

/**
 * Opens the hall's event stream with fetch: a browser EventSource cannot send the Authorization
 * header. `after` is the last event number seen (Last-Event-ID), so the server replays what followed.
 */
export function openEventStream(
  platform: Platform,
  projectId: string,
  token: string | null,
  after: number,
  signal: AbortSignal,
): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'text/event-stream',
    'Accept-Language': readLocale(),
    'Last-Event-ID': String(after),
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch(apiUrl(platform, `/projects/${encodeURIComponent(projectId)}/opening-hall/events`), {
    headers,
    signal,
  });
}
