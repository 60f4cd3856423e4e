import { parseCreditCode } from '../../domain/credit-code.ts';
import { AppError } from '../../domain/errors.ts';
import { decodeCursor, encodeCursor } from '../../exchange/feed.ts';
import type { Db } from '../../store/schema.ts';
import { entityChangesAfter, type EntityChange } from './entity-repository.ts';

/** The feed name inside an entity-changes cursor, so a data-set feed's cursor is refused here. */
export const ENTITY_CHANGES_FEED = 'entities';
/** Credit codes one request may follow; a platform with more asks in groups. */
export const MAX_FOLLOWED_CODES = 200;

export interface EntityChangesQuery {
  /** Comma-separated credit codes; absent: every entity. */
  readonly creditCodes?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit: number;
}

export interface EntityChangesResult {
  readonly items: EntityChange[];
  /** Where to resume: always given, also past other entities' changes when nothing matched. */
  readonly next: string;
}

function parseCreditCodes(list: string | undefined): string[] | null {
  if (list === undefined || list.trim() === '') return null;
  const codes = [
    ...new Set(
      list
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean),
    ),
  ];
  if (codes.length > MAX_FOLLOWED_CODES) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'creditCodes' },
      { details: [{ path: 'query.creditCodes', code: 'too_big', params: { max: MAX_FOLLOWED_CODES } }] },
    );
  }
  return codes.map((code) => parseCreditCode(code));
}

/**
 * The subscription: changes of the followed entities after the cursor, in commit order. The
 * cursor is opaque (the form of the exchange feeds' cursors, src/exchange/feed.ts).
 */
export async function listEntityChanges(db: Db, query: EntityChangesQuery): Promise<EntityChangesResult> {
  const creditCodes = parseCreditCodes(query.creditCodes);
  const position = decodeCursor(query.cursor, ENTITY_CHANGES_FEED);
  if (!position.ok) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'cursor' },
      {
        details: position.errors.map((error) => ({ path: `query.${error.path}`, code: error.code })),
      },
    );
  }
  const page = await entityChangesAfter(db, {
    creditCodes,
    after: position.value.after,
    limit: query.limit,
  });
  return {
    items: page.items,
    next: encodeCursor({ dataSetCode: ENTITY_CHANGES_FEED, after: page.through }),
  };
}
