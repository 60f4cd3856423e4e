import { AppError } from '../../domain/errors.ts';
import { OPERATOR_ROLE } from '../../domain/roles.ts';
import type { EntrustmentDto } from '../../domain/schemas/project-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page, PageRequest } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { listEntrustments as listEntrustmentRows } from './entrustment-repository.ts';
import { entrustmentView } from './project-views.ts';

export interface ListEntrustmentsOptions extends PageRequest {
  readonly active?: boolean | undefined;
}

/** Entrustments the actor's organisation gave or received; the operator sees all. */
export async function listEntrustments(
  ctx: UseCaseContext,
  options: ListEntrustmentsOptions,
): Promise<Page<EntrustmentDto>> {
  const operator = ctx.actor.roles.includes(OPERATOR_ROLE[ctx.platform]);
  if (!operator && !ctx.actor.organisationId) throw new AppError('FORBIDDEN', { required: 'organisation' });
  const at = ctx.clock.now().toISOString();
  const page = await listEntrustmentRows(tradingDb(ctx.db), {
    ...options,
    organisationId: operator ? null : ctx.actor.organisationId,
    at,
  });
  return { ...page, items: page.items.map((row) => entrustmentView(row, at)) };
}
