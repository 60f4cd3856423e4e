import type { AuditSeal } from '../domain/audit.ts';
import { setAuditSeal } from '../store/audit-repository.ts';
import type { Trx } from '../store/schema.ts';
import type { TradingTrx } from './schema.ts';

/**
 * E4: the audit events that would tell who obtained a tender's documents, applied, objected or
 * bid are sealed under one key per tender, until its bid deadline. When the deadline moves
 * (an amendment, a pause and its resumption) the seal moves with it.
 */
export function tenderSealKey(projectId: string): string {
  return `tender:${projectId}`;
}

export function tenderSeal(projectId: string, bidDeadline: string): AuditSeal {
  return { key: tenderSealKey(projectId), until: bidDeadline };
}

/** While a tender is paused its deadline is unknown: the seal holds until it is resumed. */
export const SEALED_WHILE_PAUSED = '9999-12-31T23:59:59.999Z';

export function moveTenderSeal(trx: TradingTrx, projectId: string, until: string, at: Date): Promise<void> {
  return setAuditSeal(trx as unknown as Trx, tenderSealKey(projectId), until, at);
}
