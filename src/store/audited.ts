import type { AuditChange } from '../domain/audit.ts';
import { insertAuditEvents } from './audit-repository.ts';
import type { UseCaseContext } from './context.ts';
import type { Trx } from './schema.ts';

export interface AuditedOutcome<T> {
  readonly result: T;
  /** The audit events of this change; at least one. */
  readonly audit: AuditChange | readonly AuditChange[];
}

/**
 * The only way a use case changes state: the change and its audit events commit in one
 * transaction, or neither does; each event is also the next leaf of the ledger (docs/ledger.md). `now` is read once from the injected clock for both.
 */
export async function runAudited<T>(
  ctx: UseCaseContext,
  change: (trx: Trx, now: Date) => Promise<AuditedOutcome<T>>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const { result, audit } = await change(trx, now);
    const events = Array.isArray(audit) ? audit : [audit as AuditChange];
    if (events.length === 0) throw new Error('runAudited: a state change needs an audit event');
    await insertAuditEvents(trx, ctx.actor, now, events);
    return result;
  });
}
