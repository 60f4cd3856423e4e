import { DEFAULT_LOCALE, LOCALES, type Locale, PLATFORMS, type Platform } from './shared-domain.ts';

/** What the browser remembers between visits. Every read tolerates missing or corrupt entries. */

const LOCALE_KEY = 'zhaocai.locale';
const PLATFORM_KEY = 'zhaocai.platform';
const sessionKey = (platform: Platform) => `zhaocai.session.${platform}`;

/** A sign-in on one platform; a user may hold one per platform at the same time. */
export interface StoredSession {
  readonly token: string;
  readonly expiresAt: string;
  readonly username: string;
  readonly displayName: string;
}

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Private browsing or a full quota: the app still works, it just forgets on reload.
  }
}

export function readLocale(): Locale {
  const value = read(LOCALE_KEY);
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : DEFAULT_LOCALE;
}

export function writeLocale(locale: Locale): void {
  write(LOCALE_KEY, locale);
}

export function readPlatform(): Platform {
  const value = read(PLATFORM_KEY);
  return (PLATFORMS as readonly string[]).includes(value ?? '') ? (value as Platform) : 'trading';
}

export function writePlatform(platform: Platform): void {
  write(PLATFORM_KEY, platform);
}

/** The stored sign-in for a platform, or null when there is none or it has expired. */
export function readSession(platform: Platform, now: number = Date.now()): StoredSession | null {
  const raw = read(sessionKey(platform));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof value.token !== 'string' || typeof value.expiresAt !== 'string') return null;
    if (Date.parse(value.expiresAt) <= now) return null;
    return {
      token: value.token,
      expiresAt: value.expiresAt,
      username: String(value.username ?? ''),
      displayName: String(value.displayName ?? ''),
    };
  } catch {
    return null;
  }
}

export function writeSession(platform: Platform, session: StoredSession | null): void {
  write(sessionKey(platform), session === null ? null : JSON.stringify(session));
}
