import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ApiClient, ApiError, createApiClient } from './api.ts';
import type { User } from './api-types.ts';
import type { Platform } from './shared-domain.ts';
import { readPlatform, readSession, writePlatform, writeSession } from './storage.ts';

type SessionState =
  | { readonly status: 'restoring'; readonly platform: Platform }
  /** `notice` says why the user is on the login page (an expired session), in the server's words. */
  | { readonly status: 'anonymous'; readonly platform: Platform; readonly notice?: string | undefined }
  | {
      readonly status: 'authenticated';
      readonly platform: Platform;
      readonly token: string;
      readonly user: User;
    };

export interface Session {
  readonly state: SessionState;
  /** The API of the current platform, carrying the user's token once signed in. */
  readonly api: ApiClient;
  login(platform: Platform, username: string, password: string): Promise<void>;
  /** Enters a platform with the sign-in stored for it; rejects when that sign-in is no longer valid. */
  resume(platform: Platform): Promise<void>;
  logout(): Promise<void>;
  /** Goes back to the login page keeping this platform's sign-in, to work on another platform. */
  leave(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<SessionState>(() => {
    const platform = readPlatform();
    return readSession(platform) ? { status: 'restoring', platform } : { status: 'anonymous', platform };
  });

  const expire = useCallback((platform: Platform, error: ApiError) => {
    writeSession(platform, null);
    setState((current) =>
      current.platform === platform && current.status !== 'anonymous'
        ? { status: 'anonymous', platform, notice: error.message }
        : current,
    );
  }, []);

  const resume = useCallback(async (platform: Platform) => {
    const stored = readSession(platform);
    if (!stored) throw new ApiError('', 401, 'UNAUTHENTICATED');
    try {
      const { user } = await createApiClient(platform, stored.token).me();
      writePlatform(platform);
      setState({ status: 'authenticated', platform, token: stored.token, user });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) writeSession(platform, null);
      throw error;
    }
  }, []);

  useEffect(() => {
    if (state.status !== 'restoring') return;
    const { platform } = state;
    resume(platform).catch((error: unknown) => {
      const notice = error instanceof ApiError && error.message ? error.message : undefined;
      setState({ status: 'anonymous', platform, notice });
    });
  }, [state, resume]);

  const login = useCallback(async (platform: Platform, username: string, password: string) => {
    const result = await createApiClient(platform, null).login(username, password);
    writeSession(platform, {
      token: result.token,
      expiresAt: result.expiresAt,
      username: result.user.username,
      displayName: result.user.displayName,
    });
    writePlatform(platform);
    setState({ status: 'authenticated', platform, token: result.token, user: result.user });
  }, []);

  const token = state.status === 'authenticated' ? state.token : null;
  const api = useMemo(
    () => createApiClient(state.platform, token, (error) => expire(state.platform, error)),
    [state.platform, token, expire],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The token is forgotten locally either way; an expired one needs no server-side logout.
    }
    writeSession(api.platform, null);
    setState({ status: 'anonymous', platform: api.platform });
  }, [api]);

  const leave = useCallback(
    () => setState((current) => ({ status: 'anonymous', platform: current.platform })),
    [],
  );

  const session = useMemo<Session>(
    () => ({ state, api, login, resume, logout, leave }),
    [state, api, login, resume, logout, leave],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}

/** The signed-in user and platform; only for pages inside the authenticated layout. */
export function useSignedIn(): { readonly platform: Platform; readonly user: User; readonly api: ApiClient } {
  const { state, api } = useSession();
  if (state.status !== 'authenticated') throw new Error('useSignedIn used outside the signed-in layout');
  return { platform: state.platform, user: state.user, api };
}
