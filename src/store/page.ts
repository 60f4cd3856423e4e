/** One page of a list, as every list endpoint returns it. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

export const MAX_PAGE_SIZE = 200;

/** Escapes LIKE wildcards so user text matches literally (with `escape '\'`). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
