import type { DrawHashAlgorithm } from '../../../../src/domain/evaluation/expert-draw.ts';

/** The value is kept in this browser's local storage from the commitment until the reveal. */
export interface StoredDrawValue {
  readonly value: string;
  readonly commitment: string;
  readonly algorithm: DrawHashAlgorithm;
}

function storageKey(sectionId: string, party: string): string {
  return `zhaocai.draw.${sectionId}.${party}`;
}

export function readDrawValue(sectionId: string, party: string): StoredDrawValue | null {
  const text = localStorage.getItem(storageKey(sectionId, party));
  if (!text) return null;
  try {
    return JSON.parse(text) as StoredDrawValue;
  } catch {
    return null;
  }
}

export function writeDrawValue(sectionId: string, party: string, stored: StoredDrawValue): void {
  localStorage.setItem(storageKey(sectionId, party), JSON.stringify(stored));
}

/** Once revealed the value is public (it is in the DrawLog): the browser need not keep it. */
export function forgetDrawValue(sectionId: string, party: string): void {
  localStorage.removeItem(storageKey(sectionId, party));
}
