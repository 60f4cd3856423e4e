import { useCallback, useSyncExternalStore } from 'react';
import type { KeyFileKind } from './pem-files.ts';

/** A key or certificate file the bidder chose, read into the page. */
export interface ChosenPem {
  readonly fileName: string;
  readonly pem: string;
}

export type ChosenKeys = Readonly<Partial<Record<KeyFileKind, ChosenPem>>>;

/**
 * The bidder's chosen keys, kept in this page's memory only (never stored, never sent) so that
 * several sections can be sealed without choosing them again. They belong to one signed-in user: a
 * different user starts with none.
 */
let owner: string | null = null;
let chosen: ChosenKeys = {};
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function update(userId: string, next: ChosenKeys): void {
  owner = userId;
  chosen = next;
  for (const listener of listeners) listener();
}

export function useSessionKeys(
  userId: string,
): readonly [ChosenKeys, (kind: KeyFileKind, value: ChosenPem | null) => void] {
  const snapshot = useSyncExternalStore(subscribe, () => chosen);
  const keys = owner === userId ? snapshot : {};
  const choose = useCallback(
    (kind: KeyFileKind, value: ChosenPem | null) => {
      const base = owner === userId ? chosen : {};
      const { [kind]: _replaced, ...rest } = base;
      update(userId, value ? { ...rest, [kind]: value } : rest);
    },
    [userId],
  );
  return [keys, choose];
}
