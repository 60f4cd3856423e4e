import { randomUUID } from 'node:crypto';
import { tenderSeal } from '../tender-seal.ts';
import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.ts';
import type { PrequalificationApplicationDto } from '../../domain/schemas/document-schemas.ts';
import { checkedFilename } from './filename.ts';
import { runAudited } from '../../store/audited.ts';
import type { BlobStore } from '../../store/blob-store.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { type TradingDb, tradingDb, tradingTrx } from '../schema.ts';
import { applicationDto } from './prequalification-views.ts';
import {
  type ProjectView,
  assertPublished,
  hasObtained,
  loadProject,
  requireOrganisation,
} from './project-access.ts';

export interface ApplyForPrequalificationOptions {
  readonly projectId: string;
  readonly filename: string;
  readonly content: Uint8Array | Readable;
}

/**
 * 资格预审申请: an organisation that obtained the pre-qualification documents submits its
 * application file before the application deadline; submitting again replaces it. Applicants stay
 * secret until the bid deadline (E4): the audit event is sealed until then.
 */
export async function applyForPrequalification(
  ctx: UseCaseContext,
  blobs: BlobStore,
  options: ApplyForPrequalificationOptions,
): Promise<PrequalificationApplicationDto> {
  const organisationId = requireOrganisation(ctx.actor);
  const filename = checkedFilename(options.filename);
  const db = tradingDb(ctx.db);
  await assertMayApply(db, await loadProject(db, options.projectId), organisationId, ctx.clock.now());
  const stored = await blobs.put(options.content);
  if (stored.size === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'body' },
      { details: [{ path: 'body', code: 'too_small' }] },
    );
  }
  return runAudited(ctx, async (rawTrx, now) => {
    const trx = tradingTrx(rawTrx);
    const view = await loadProject(trx, options.projectId);
    await assertMayApply(trx, view, organisationId, now);
    const at = now.toISOString();
    const existing = await trx
      .selectFrom('prequalificationApplication')
      .select('id')
      .where('projectId', '=', options.projectId)
      .where('organisationId', '=', organisationId)
      .executeTakeFirst();
    const row = {
      id: existing?.id ?? randomUUID(),
      projectId: options.projectId,
      organisationId,
      filename,
      blobHash: stored.hash,
      size: stored.size,
      submittedAt: at,
      result: 'pending',
      reason: null,
      reviewedAt: null,
    };
    if (existing) {
      await trx
        .updateTable('prequalificationApplication')
        .set({ filename, blobHash: stored.hash, size: stored.size, submittedAt: at })
        .where('id', '=', existing.id)
        .execute();
    } else {
      await trx.insertInto('prequalificationApplication').values(row).execute();
    }
    const organisation = await trx
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow();
    const dto = applicationDto(row, organisation.name);
    return {
      result: dto,
      audit: {
        action: 'prequalification.applied',
        objectType: 'prequalification_application',
        objectId: row.id,
        state: dto,
        detail: { projectId: options.projectId },
        seal: tenderSeal(options.projectId, view.announcement!.bidDeadline),
      },
    };
  });
}

async function assertMayApply(
  db: TradingDb,
  view: ProjectView,
  organisationId: string,
  now: Date,
): Promise<void> {
  assertPublished(view, 'apply for pre-qualification');
  const deadline = view.announcement.prequalificationDeadline;
  if (view.project.qualification !== 'pre' || !deadline) {
    throw new AppError('INVALID_STATE', {
      state: 'no_prequalification',
      action: 'apply for pre-qualification',
    });
  }
  if (!(await hasObtained(db, view.project.id, organisationId))) {
    throw new AppError('FORBIDDEN', { reason: 'not_obtained' });
  }
  if (now.toISOString() >= deadline) {
    throw new AppError('INVALID_STATE', {
      state: 'prequalification_closed',
      action: 'apply for pre-qualification',
    });
  }
}
