import { randomUUID } from 'node:crypto';
import type { AuditChange } from '../../domain/audit.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { deliverNotices, ownerOrganisations } from '../documents/notices.ts';
import { appendOutbox } from '../outbox.ts';
import type { TradingTrx } from '../schema.ts';

export interface TenderExceptionInput {
  readonly project: {
    id: string;
    dealCode: string;
    name: string;
    tendererOrganisationId: string;
    agencyOrganisationId: string | null;
  };
  /** The section that failed; null for the whole tender. */
  readonly section: { id: string; code: string } | null;
  readonly kind: 'failed' | 'terminated';
  readonly ruleId: string | null;
  /** Article of the rule, or the tenderer's stated reason. */
  readonly article: string | null;
  readonly reason: string;
  /** Organisations told by notice besides the tenderer's side (the bidders). */
  readonly notify: readonly string[];
  /** Extra facts for the hub and the audit (counts, limits). */
  readonly facts?: Record<string, string | number>;
}

/**
 * Records a tender exception inside the caller's transaction: the exception row, the project's
 * new status when the whole tender (or its last open section) ends, notices, the hub publication
 * (517, tender exception) and the audit event the caller commits with it.
 */
export async function recordTenderException(
  ctx: UseCaseContext,
  trx: TradingTrx,
  input: TenderExceptionInput,
  now: Date,
): Promise<{ id: string; audit: AuditChange }> {
  const id = randomUUID();
  const at = now.toISOString();
  await trx
    .insertInto('tenderException')
    .values({
      id,
      projectId: input.project.id,
      sectionId: input.section?.id ?? null,
      kind: input.kind,
      ruleId: input.ruleId,
      reason: input.reason,
      recordedAt: at,
      recordedByUserId: ctx.actor.userId,
      retenderProjectId: null,
    })
    .execute();
  const status = await projectStatusAfter(trx, input);
  if (status) {
    await trx
      .updateTable('tenderProject')
      .set({ status, updatedAt: at })
      .where('id', '=', input.project.id)
      .execute();
  }
  const what = input.kind === 'terminated' ? '招标终止' : '招标失败';
  await deliverNotices(
    trx,
    [...ownerOrganisations(input.project), ...input.notify],
    {
      projectId: input.project.id,
      kind: input.kind === 'terminated' ? 'tender_terminated' : 'tender_failed',
      title: `${what}：${input.project.name}${input.section ? `（标段 ${input.section.code}）` : ''}`,
      body: input.reason,
      objectId: id,
    },
    now,
  );
  const payload = {
    exceptionId: id,
    projectId: input.project.id,
    dealCode: input.project.dealCode,
    sectionCode: input.section?.code ?? null,
    kind: input.kind,
    rule: input.ruleId,
    article: input.article,
    reason: input.reason,
    recordedAt: at,
    ...input.facts,
  };
  await appendOutbox(
    trx,
    {
      eventType: input.kind === 'terminated' ? 'tender.terminated' : 'tender.failed',
      dataSetCode: '517',
      aggregateType: 'tender_project',
      aggregateId: input.project.id,
      payload,
    },
    now,
  );
  return {
    id,
    audit: {
      action: input.kind === 'terminated' ? 'tender.terminated' : 'tender.failed',
      objectType: input.section ? 'tender_section' : 'tender_project',
      objectId: input.section?.id ?? input.project.id,
      state: { ...payload, projectStatus: status },
      detail: { rule: input.ruleId, reason: input.reason, ...input.facts },
    },
  };
}

/** 'failed'/'terminated' once no section of the project remains open; null while some do. */
async function projectStatusAfter(trx: TradingTrx, input: TenderExceptionInput): Promise<string | null> {
  if (!input.section) return input.kind;
  const sections = await trx
    .selectFrom('tenderSection')
    .select('id')
    .where('projectId', '=', input.project.id)
    .execute();
  const ended = await trx
    .selectFrom('tenderException')
    .select('sectionId')
    .where('projectId', '=', input.project.id)
    .execute();
  const endedIds = new Set(ended.map((row) => row.sectionId));
  return sections.every((s) => endedIds.has(s.id)) ? 'failed' : null;
}
