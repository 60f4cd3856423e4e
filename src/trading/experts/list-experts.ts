import type { Page } from '../../store/page.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb } from '../schema.ts';
import { assertPoolOperator } from './expert-access.ts';
import { expertViewOf, listExperts as listPool } from './expert-repository.ts';
import type { ExpertListQuery, ExpertView } from './expert-schemas.ts';

/** The pool, for its operator only: names of experts are never listed to parties. */
export async function listExperts(ctx: UseCaseContext, query: ExpertListQuery): Promise<Page<ExpertView>> {
  assertPoolOperator(ctx);
  const page = await listPool(tradingDb(ctx.db), query);
  return { ...page, items: page.items.map(expertViewOf) };
}
