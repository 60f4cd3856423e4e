import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.ts';
import type { BlobStore } from '../../store/blob-store.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb } from '../schema.ts';
import { actsForProject, hasObtained, loadProject } from './project-access.ts';

export interface DownloadDocumentOptions {
  readonly projectId: string;
  readonly versionId: string;
}

export interface DocumentDownload {
  readonly filename: string;
  readonly size: number;
  readonly hash: string;
  readonly content: Readable;
}

/**
 * A document version's file: for the tenderer and its agency, and for organisations that obtained
 * the documents (published versions only). For a pre-qualified tender the tender documents go only
 * to applicants found qualified in the published result.
 */
export async function downloadDocument(
  ctx: UseCaseContext,
  blobs: BlobStore,
  options: DownloadDocumentOptions,
): Promise<DocumentDownload> {
  const db = tradingDb(ctx.db);
  const view = await loadProject(db, options.projectId);
  const version = await db
    .selectFrom('documentVersion')
    .innerJoin('tenderDocument', 'tenderDocument.id', 'documentVersion.documentId')
    .select([
      'documentVersion.filename',
      'documentVersion.size',
      'documentVersion.blobHash',
      'documentVersion.status',
      'tenderDocument.kind',
    ])
    .where('documentVersion.id', '=', options.versionId)
    .where('documentVersion.projectId', '=', options.projectId)
    .executeTakeFirst();
  if (!version) throw new AppError('NOT_FOUND');

  if (!(await actsForProject(db, ctx.actor, view.project, ctx.clock.now()))) {
    if (version.status === 'pending' || view.announcement === null) throw new AppError('NOT_FOUND');
    const organisationId = ctx.actor.organisationId;
    if (
      !organisationId ||
      !ctx.actor.roles.includes('bidder') ||
      !(await hasObtained(db, options.projectId, organisationId))
    ) {
      throw new AppError('FORBIDDEN', { reason: 'not_obtained' });
    }
    if (view.project.qualification === 'pre' && version.kind === 'tender') {
      const qualified = await db
        .selectFrom('prequalificationApplication')
        .innerJoin(
          'prequalificationOutcome',
          'prequalificationOutcome.projectId',
          'prequalificationApplication.projectId',
        )
        .select('prequalificationApplication.id')
        .where('prequalificationApplication.projectId', '=', options.projectId)
        .where('prequalificationApplication.organisationId', '=', organisationId)
        .where('prequalificationApplication.result', '=', 'qualified')
        .where('prequalificationOutcome.outcome', '=', 'qualified')
        .executeTakeFirst();
      if (!qualified) throw new AppError('FORBIDDEN', { reason: 'not_qualified' });
    }
  }
  return {
    filename: version.filename,
    size: Number(version.size),
    hash: version.blobHash,
    content: await blobs.read(version.blobHash),
  };
}
