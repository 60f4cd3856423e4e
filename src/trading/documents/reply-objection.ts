import { randomUUID } from 'node:crypto';
import { moveTenderSeal } from '../tender-seal.ts';
import type { AuditChange } from '../../domain/audit.ts';
import { formatCst } from '../../domain/cst.ts';
import { AppError } from '../../domain/errors.ts';
import type { ObjectionDto } from '../../domain/schemas/document-schemas.ts';
import { shiftedByPause } from '../../domain/tender/objection-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { appendOutbox } from '../outbox.ts';
import { type TradingTrx, tradingTrx } from '../schema.ts';
import { clarificationDto } from './clarification-views.ts';
import { deliverNotices, obtainerOrganisations } from './notices.ts';
import { objectionDto } from './objection-views.ts';
import {
  type AnnouncementRow,
  type ProjectRow,
  assertActsForProject,
  loadProject,
} from './project-access.ts';

export interface ReplyObjectionOptions {
  readonly projectId: string;
  readonly objectionId: string;
  readonly reply: string;
}

/**
 * The tenderer's reply, delivered to the objector through the platform (办法 38). When it answers
 * the last open objection the tender resumes: the bid deadline and the opening (and a pending
 * pre-qualification deadline) move later by the time the tender was paused, published to everyone
 * who obtained the documents and to the hub like a clarification (504).
 */
export async function replyObjection(
  ctx: UseCaseContext,
  options: ReplyObjectionOptions,
): Promise<ObjectionDto> {
  return runAudited(ctx, async (rawTrx, now) => {
    const trx = tradingTrx(rawTrx);
    const view = await loadProject(trx, options.projectId);
    await assertActsForProject(trx, ctx.actor, view.project, now);
    const row = await trx
      .selectFrom('objection')
      .selectAll()
      .where('id', '=', options.objectionId)
      .where('projectId', '=', options.projectId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (row.repliedAt)
      throw new AppError('INVALID_STATE', { state: 'replied', action: 'reply to an objection' });

    const at = now.toISOString();
    await trx
      .updateTable('objection')
      .set({ reply: options.reply, repliedAt: at, repliedByOrganisationId: ctx.actor.organisationId })
      .where('id', '=', row.id)
      .execute();
    const replied = {
      ...row,
      reply: options.reply,
      repliedAt: at,
      repliedByOrganisationId: ctx.actor.organisationId,
    };
    const organisation = await trx
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', row.organisationId)
      .executeTakeFirstOrThrow();
    const dto = objectionDto(replied, organisation.name, now);
    await deliverNotices(
      trx,
      [row.organisationId],
      {
        projectId: options.projectId,
        kind: 'objection_reply',
        title: `异议答复：${view.project.name}`,
        body: options.reply,
        objectId: row.id,
      },
      now,
    );
    const audit: AuditChange[] = [
      {
        action: 'objection.replied',
        objectType: 'objection',
        objectId: row.id,
        state: dto,
        detail: { projectId: options.projectId },
      },
    ];

    const open = await trx
      .selectFrom('objection')
      .select('id')
      .where('projectId', '=', options.projectId)
      .where('repliedAt', 'is', null)
      .executeTakeFirst();
    if (!open && view.project.pausedAt && view.announcement) {
      audit.push(await resume(trx, view.project, view.announcement, row.id, now));
    }
    return { result: dto, audit };
  });
}

async function resume(
  trx: TradingTrx,
  project: ProjectRow,
  announcement: AnnouncementRow,
  objectionId: string,
  now: Date,
): Promise<AuditChange> {
  const at = now.toISOString();
  const pausedAt = new Date(project.pausedAt!);
  const bidDeadline = shiftedByPause(new Date(announcement.bidDeadline), pausedAt, now).toISOString();
  const pq = announcement.prequalificationDeadline;
  const prequalificationDeadline =
    pq && pq > project.pausedAt! ? shiftedByPause(new Date(pq), pausedAt, now).toISOString() : pq;
  await trx
    .updateTable('announcement')
    .set({ bidDeadline, openingAt: bidDeadline, prequalificationDeadline })
    .where('id', '=', announcement.id)
    .execute();
  await trx
    .updateTable('tenderProject')
    .set({ pausedAt: null, updatedAt: at })
    .where('id', '=', project.id)
    .execute();
  await moveTenderSeal(trx, project.id, bidDeadline, now);

  const row = {
    id: randomUUID(),
    projectId: project.id,
    kind: 'schedule',
    title: `招标投标活动恢复，投标截止时间顺延至 ${formatCst(bidDeadline)}（北京时间）`,
    body:
      `因异议暂停自 ${formatCst(pausedAt)} 至 ${formatCst(now)}（北京时间），` +
      `投标截止时间及开标时间顺延至 ${formatCst(bidDeadline)}` +
      (prequalificationDeadline !== pq
        ? `，资格预审申请截止时间顺延至 ${formatCst(prequalificationDeadline!)}`
        : '') +
      '。',
    affectsPreparation: 0,
    previousBidDeadline: announcement.bidDeadline,
    newBidDeadline: bidDeadline,
    previousPrequalificationDeadline: pq,
    newPrequalificationDeadline: prequalificationDeadline !== pq ? prequalificationDeadline : null,
    objectionId,
    publishedAt: at,
    publishedByOrganisationId: null,
  };
  await trx.insertInto('clarification').values(row).execute();
  await deliverNotices(
    trx,
    await obtainerOrganisations(trx, project.id),
    { projectId: project.id, kind: 'schedule_changed', title: row.title, body: row.body, objectId: row.id },
    now,
  );
  const dto = clarificationDto(row, []);
  await appendOutbox(
    trx,
    {
      eventType: 'clarification.published',
      dataSetCode: '504',
      aggregateType: 'tender_project',
      aggregateId: project.id,
      payload: {
        ...dto,
        dealCode: project.dealCode,
        bidDeadline,
        openingAt: bidDeadline,
        prequalificationDeadline,
      },
    },
    now,
  );
  return {
    action: 'objection.tender_resumed',
    objectType: 'tender_project',
    objectId: project.id,
    state: {
      projectId: project.id,
      pausedAt: null,
      bidDeadline,
      openingAt: bidDeadline,
      prequalificationDeadline,
    },
    detail: { pausedAt: project.pausedAt, resumedAt: at, clarificationId: row.id },
  };
}
