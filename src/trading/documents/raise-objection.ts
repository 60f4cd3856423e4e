import { randomUUID } from 'node:crypto';
import { formatCst } from '../../domain/cst.ts';
import { AppError } from '../../domain/errors.ts';
import type { ObjectionDto } from '../../domain/schemas/document-schemas.ts';
import type { DocumentKind } from '../../domain/tender/clarification-rules.ts';
import { objectionViolation, replyDueAt } from '../../domain/tender/objection-rules.ts';
import type { AuditChange } from '../../domain/audit.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { moveTenderSeal, SEALED_WHILE_PAUSED, tenderSeal } from '../tender-seal.ts';
import { tradingTrx } from '../schema.ts';
import { deliverNotices, ownerOrganisations } from './notices.ts';
import { objectionDto } from './objection-views.ts';
import { assertPublished, hasObtained, loadProject, requireOrganisation } from './project-access.ts';

export interface RaiseObjectionOptions {
  readonly projectId: string;
  readonly kind: DocumentKind;
  readonly body: string;
}

/**
 * 异议 (条例 22, through the platform: 办法 38): a bidder that obtained the documents objects to
 * them at least 10 days before the bid deadline (pre-qualification documents: 2 days before the
 * application deadline). The tenderer must reply within 3 days; until every objection is answered
 * the tender is paused. The objector's identity goes to the tenderer only; the audit events are
 * sealed until the bid deadline (E4), since an objector is an organisation that obtained the documents.
 */
export async function raiseObjection(
  ctx: UseCaseContext,
  options: RaiseObjectionOptions,
): Promise<ObjectionDto> {
  const organisationId = requireOrganisation(ctx.actor);
  return runAudited(ctx, async (rawTrx, now) => {
    const trx = tradingTrx(rawTrx);
    const view = await loadProject(trx, options.projectId);
    assertPublished(view, 'raise an objection');
    if (!(await hasObtained(trx, options.projectId, organisationId))) {
      throw new AppError('FORBIDDEN', { reason: 'not_obtained' });
    }
    const announcement = view.announcement;
    let deadline = announcement.bidDeadline;
    if (options.kind === 'prequalification') {
      if (view.project.qualification !== 'pre' || !announcement.prequalificationDeadline) {
        throw new AppError(
          'VALIDATION_FAILED',
          { fields: 'kind' },
          { details: [{ path: 'kind', code: 'not_prequalification' }] },
        );
      }
      deadline = announcement.prequalificationDeadline;
    }
    const violation = objectionViolation(now, options.kind, new Date(deadline));
    if (violation) throw violation;

    const at = now.toISOString();
    const row = {
      id: randomUUID(),
      projectId: options.projectId,
      kind: options.kind,
      organisationId,
      userId: ctx.actor.userId,
      body: options.body,
      raisedAt: at,
      replyDueAt: replyDueAt(now).toISOString(),
      reply: null,
      repliedAt: null,
      repliedByOrganisationId: null,
    };
    await trx.insertInto('objection').values(row).execute();
    const organisation = await trx
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow();
    const dto = objectionDto(row, organisation.name, now);

    const audit: AuditChange[] = [
      {
        action: 'objection.raised',
        objectType: 'objection',
        objectId: row.id,
        state: dto,
        detail: { projectId: options.projectId, kind: options.kind },
        seal: tenderSeal(options.projectId, announcement.bidDeadline),
      },
    ];
    if (view.project.pausedAt === null) {
      await trx
        .updateTable('tenderProject')
        .set({ pausedAt: at, updatedAt: at })
        .where('id', '=', options.projectId)
        .execute();
      await moveTenderSeal(trx, options.projectId, SEALED_WHILE_PAUSED, now);
      audit.push({
        action: 'objection.tender_paused',
        objectType: 'tender_project',
        objectId: options.projectId,
        state: { projectId: options.projectId, pausedAt: at },
        seal: tenderSeal(options.projectId, announcement.bidDeadline),
      });
    }
    await deliverNotices(
      trx,
      ownerOrganisations(view.project),
      {
        projectId: options.projectId,
        kind: 'objection_raised',
        title: `收到异议：${view.project.name}`,
        body: `请于 ${formatCst(row.replyDueAt)}（北京时间）前答复；答复前招标投标活动暂停。`,
        objectId: row.id,
      },
      now,
    );
    return { result: dto, audit };
  });
}
