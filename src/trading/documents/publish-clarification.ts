import { randomUUID } from 'node:crypto';
import { moveTenderSeal } from '../tender-seal.ts';
import { AppError } from '../../domain/errors.ts';
import type { ClarificationDto } from '../../domain/schemas/document-schemas.ts';
import { type DocumentKind, clarificationViolation } from '../../domain/tender/clarification-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { appendOutbox } from '../outbox.ts';
import { tradingTrx } from '../schema.ts';
import { clarificationDto } from './clarification-views.ts';
import { deliverNotices, obtainerOrganisations } from './notices.ts';
import { assertActsForProject, assertPublished, loadProject } from './project-access.ts';

export interface PublishClarificationOptions {
  readonly projectId: string;
  readonly kind: DocumentKind;
  readonly title: string;
  readonly body: string;
  readonly affectsPreparation: boolean;
  readonly newBidDeadline?: string | undefined;
  readonly newPrequalificationDeadline?: string | undefined;
  /** Pending versions this amendment makes current. */
  readonly documentVersionIds?: readonly string[] | undefined;
}

function invalid(path: string, code: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: path }, { details: [{ path, code }] });
}

/**
 * 澄清或者修改 (条例 21): delivered to every organisation that obtained the documents. One that
 * may affect the preparation of bids, published less than 15 days before the bid deadline (3 days
 * before the pre-qualification deadline), must extend the deadline that far (T4/T4P); the opening
 * moves with the bid deadline (T6). Goes to the hub as data set 504.
 */
export async function publishClarification(
  ctx: UseCaseContext,
  options: PublishClarificationOptions,
): Promise<ClarificationDto> {
  return runAudited(ctx, async (rawTrx, now) => {
    const trx = tradingTrx(rawTrx);
    const view = await loadProject(trx, options.projectId);
    await assertActsForProject(trx, ctx.actor, view.project, now);
    if (view.announcement === null) {
      throw new AppError('INVALID_STATE', { state: view.project.status, action: 'publish a clarification' });
    }
    assertPublished(view, 'publish a clarification');
    const announcement = view.announcement;
    const at = now.toISOString();
    if (at >= announcement.bidDeadline) {
      throw new AppError('INVALID_STATE', {
        state: 'bid_deadline_passed',
        action: 'publish a clarification',
      });
    }
    const pqDeadline = announcement.prequalificationDeadline;
    if (options.kind === 'prequalification') {
      if (view.project.qualification !== 'pre' || !pqDeadline) throw invalid('kind', 'not_prequalification');
      if (at >= pqDeadline) {
        throw new AppError('INVALID_STATE', {
          state: 'prequalification_closed',
          action: 'publish a clarification',
        });
      }
    }
    if (options.newPrequalificationDeadline && !pqDeadline)
      throw invalid('newPrequalificationDeadline', 'not_prequalification');

    const newBid = options.newBidDeadline ? new Date(options.newBidDeadline).toISOString() : null;
    const newPq = options.newPrequalificationDeadline
      ? new Date(options.newPrequalificationDeadline).toISOString()
      : null;
    if (newBid && newBid <= announcement.bidDeadline) throw invalid('newBidDeadline', 'not_later');
    if (newPq && pqDeadline && newPq <= pqDeadline) throw invalid('newPrequalificationDeadline', 'not_later');
    if (newPq && newPq >= (newBid ?? announcement.bidDeadline))
      throw invalid('newPrequalificationDeadline', 'after_bid_deadline');

    const versionIds = [...new Set(options.documentVersionIds ?? [])];
    const versions = versionIds.length
      ? await trx
          .selectFrom('documentVersion')
          .innerJoin('tenderDocument', 'tenderDocument.id', 'documentVersion.documentId')
          .select([
            'documentVersion.id',
            'documentVersion.documentId',
            'documentVersion.status',
            'tenderDocument.kind',
          ])
          .where('documentVersion.projectId', '=', options.projectId)
          .where('documentVersion.id', 'in', versionIds)
          .execute()
      : [];
    for (const id of versionIds) {
      const version = versions.find((v) => v.id === id);
      if (!version || version.status !== 'pending' || version.kind !== options.kind) {
        throw invalid('documentVersionIds', 'not_pending');
      }
    }
    if (new Set(versions.map((v) => v.documentId)).size !== versions.length) {
      throw invalid('documentVersionIds', 'one_per_document');
    }
    const affectsPreparation = options.affectsPreparation || versions.length > 0;

    const violation =
      options.kind === 'tender'
        ? clarificationViolation({
            now,
            kind: 'tender',
            affectsPreparation,
            deadline: new Date(announcement.bidDeadline),
            newDeadline: newBid ? new Date(newBid) : null,
          })
        : clarificationViolation({
            now,
            kind: 'prequalification',
            affectsPreparation,
            deadline: new Date(pqDeadline!),
            newDeadline: newPq ? new Date(newPq) : null,
          });
    if (violation) throw violation;

    const row = {
      id: randomUUID(),
      projectId: options.projectId,
      kind: options.kind,
      title: options.title,
      body: options.body,
      affectsPreparation: affectsPreparation ? 1 : 0,
      previousBidDeadline: announcement.bidDeadline,
      newBidDeadline: newBid,
      previousPrequalificationDeadline: pqDeadline,
      newPrequalificationDeadline: newPq,
      objectionId: null,
      publishedAt: at,
      publishedByOrganisationId: ctx.actor.organisationId,
    };
    await trx.insertInto('clarification').values(row).execute();

    for (const version of versions) {
      await trx
        .updateTable('documentVersion')
        .set({ status: 'superseded' })
        .where('documentId', '=', version.documentId)
        .where('status', '=', 'current')
        .execute();
      await trx
        .updateTable('documentVersion')
        .set({ status: 'current', clarificationId: row.id })
        .where('id', '=', version.id)
        .execute();
    }
    if (newBid || newPq) {
      await trx
        .updateTable('announcement')
        .set({
          ...(newBid ? { bidDeadline: newBid, openingAt: newBid } : {}),
          ...(newPq ? { prequalificationDeadline: newPq } : {}),
        })
        .where('id', '=', announcement.id)
        .execute();
      if (newBid) await moveTenderSeal(trx, options.projectId, newBid, now);
      await trx
        .updateTable('tenderProject')
        .set({ updatedAt: at })
        .where('id', '=', options.projectId)
        .execute();
    }

    await deliverNotices(
      trx,
      await obtainerOrganisations(trx, options.projectId),
      {
        projectId: options.projectId,
        kind: 'clarification',
        title: options.title,
        body: options.body,
        objectId: row.id,
      },
      now,
    );
    const dto = clarificationDto(row, versionIds);
    await appendOutbox(
      trx,
      {
        eventType: 'clarification.published',
        dataSetCode: '504',
        aggregateType: 'tender_project',
        aggregateId: options.projectId,
        payload: {
          ...dto,
          dealCode: view.project.dealCode,
          bidDeadline: newBid ?? announcement.bidDeadline,
          openingAt: newBid ?? announcement.openingAt,
          prequalificationDeadline: newPq ?? pqDeadline,
        },
      },
      now,
    );
    return {
      result: dto,
      audit: {
        action: 'clarification.published',
        objectType: 'clarification',
        objectId: row.id,
        state: dto,
        detail: {
          projectId: options.projectId,
          kind: options.kind,
          newBidDeadline: newBid,
          newPrequalificationDeadline: newPq,
        },
      },
    };
  });
}
