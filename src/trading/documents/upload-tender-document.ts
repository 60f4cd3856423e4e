import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.ts';
import type { DocumentVersionDto } from '../../domain/schemas/document-schemas.ts';
import type { DocumentKind } from '../../domain/tender/clarification-rules.ts';
import { checkedFilename } from './filename.ts';
import { runAudited } from '../../store/audited.ts';
import type { BlobStore } from '../../store/blob-store.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { versionDto } from './document-views.ts';
import { assertActsForProject, isPublished, loadProject } from './project-access.ts';

export interface UploadTenderDocumentOptions {
  readonly projectId: string;
  readonly kind: DocumentKind;
  readonly filename: string;
  readonly title?: string | undefined;
  /** A new version of this document; otherwise a new document. */
  readonly documentId?: string | undefined;
  readonly content: Uint8Array | Readable;
}

/**
 * Stores a version of the tender or pre-qualification documents. Before publication it becomes
 * current at once; after publication it waits ('pending') for the clarification that amends the
 * documents (条例 21), so bidders never see an unannounced change.
 */
export async function uploadTenderDocument(
  ctx: UseCaseContext,
  blobs: BlobStore,
  options: UploadTenderDocumentOptions,
): Promise<DocumentVersionDto> {
  const db = tradingDb(ctx.db);
  const view = await loadProject(db, options.projectId);
  await assertActsForProject(db, ctx.actor, view.project, ctx.clock.now());
  assertUploadable(view.project, options.kind);
  const filename = checkedFilename(options.filename);
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
    const current = await loadProject(trx, options.projectId);
    assertUploadable(current.project, options.kind);
    let documentId = options.documentId;
    if (documentId) {
      const document = await trx
        .selectFrom('tenderDocument')
        .selectAll()
        .where('id', '=', documentId)
        .where('projectId', '=', options.projectId)
        .executeTakeFirst();
      if (!document || document.kind !== options.kind) throw new AppError('NOT_FOUND');
    } else {
      documentId = randomUUID();
      await trx
        .insertInto('tenderDocument')
        .values({
          id: documentId,
          projectId: options.projectId,
          kind: options.kind,
          title: options.title?.trim() || filename,
          createdAt: now.toISOString(),
        })
        .execute();
    }
    const last = await trx
      .selectFrom('documentVersion')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('documentId', '=', documentId)
      .executeTakeFirst();
    const status = isPublished(current) ? 'pending' : 'current';
    if (status === 'current') {
      await trx
        .updateTable('documentVersion')
        .set({ status: 'superseded' })
        .where('documentId', '=', documentId)
        .where('status', '=', 'current')
        .execute();
    }
    const row = {
      id: randomUUID(),
      documentId,
      projectId: options.projectId,
      version: Number(last?.version ?? 0) + 1,
      filename,
      blobHash: stored.hash,
      size: stored.size,
      status,
      clarificationId: null,
      uploadedAt: now.toISOString(),
      uploadedBy: ctx.actor.userId,
    };
    await trx.insertInto('documentVersion').values(row).execute();
    const dto = versionDto(row);
    return {
      result: dto,
      audit: {
        action: 'document.uploaded',
        objectType: 'document_version',
        objectId: row.id,
        state: dto,
        detail: { projectId: options.projectId, kind: options.kind },
      },
    };
  });
}

function assertUploadable(project: { status: string; qualification: string }, kind: DocumentKind): void {
  if (project.status === 'failed' || project.status === 'cancelled') {
    throw new AppError('INVALID_STATE', { state: project.status, action: 'upload documents' });
  }
  if (kind === 'prequalification' && project.qualification !== 'pre') {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'kind' },
      { details: [{ path: 'kind', code: 'not_prequalification' }] },
    );
  }
}
