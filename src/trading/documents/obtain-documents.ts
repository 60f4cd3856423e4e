import { randomUUID } from 'node:crypto';
import { ruleViolation } from '../../domain/rules/rule-violation.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tenderSeal } from '../tender-seal.ts';
import { tradingTrx } from '../schema.ts';
import { assertInvited, assertPublished, loadProject, requireOrganisation } from './project-access.ts';

export interface ObtainDocumentsOptions {
  readonly projectId: string;
}

export interface Obtainment {
  readonly projectId: string;
  readonly obtained: true;
  readonly obtainedAt: string;
}

/**
 * 获取招标文件: a bidder obtains the current documents during the issue period (条例 16). Who
 * obtained stays secret until the bid deadline (办法 22, E4): the audit event is sealed until then.
 * Obtaining twice is harmless and returns the first time.
 */
export async function obtainDocuments(
  ctx: UseCaseContext,
  options: ObtainDocumentsOptions,
): Promise<Obtainment> {
  const organisationId = requireOrganisation(ctx.actor);
  return runAudited(ctx, async (rawTrx, now) => {
    const trx = tradingTrx(rawTrx);
    const view = await loadProject(trx, options.projectId);
    assertPublished(view, 'obtain documents');
    assertInvited(view, organisationId);
    const existing = await trx
      .selectFrom('documentObtainment')
      .selectAll()
      .where('projectId', '=', options.projectId)
      .where('organisationId', '=', organisationId)
      .executeTakeFirst();
    if (existing) throw new AlreadyObtained(existing.obtainedAt);
    const { documentIssueStart, documentIssueEnd, bidDeadline } = view.announcement;
    const at = now.toISOString();
    if (at < documentIssueStart) {
      throw ruleViolation('T2', {
        kind: 'forbidden',
        earliest: documentIssueStart,
        latest: documentIssueEnd,
      });
    }
    if (at > documentIssueEnd) {
      throw ruleViolation('T2', { kind: 'forbidden', latest: documentIssueEnd });
    }
    const row = {
      id: randomUUID(),
      projectId: options.projectId,
      organisationId,
      userId: ctx.actor.userId,
      obtainedAt: at,
    };
    await trx.insertInto('documentObtainment').values(row).execute();
    const result: Obtainment = { projectId: options.projectId, obtained: true, obtainedAt: at };
    return {
      result,
      audit: {
        action: 'document.obtained',
        objectType: 'document_obtainment',
        objectId: row.id,
        state: row,
        detail: { projectId: options.projectId },
        seal: tenderSeal(options.projectId, bidDeadline),
      },
    };
  }).catch((error: unknown) => {
    if (error instanceof AlreadyObtained) {
      return { projectId: options.projectId, obtained: true as const, obtainedAt: error.obtainedAt };
    }
    throw error;
  });
}

/** Rolls the transaction back without a change when the organisation already obtained them. */
class AlreadyObtained extends Error {
  constructor(readonly obtainedAt: string) {
    super('already obtained');
  }
}
