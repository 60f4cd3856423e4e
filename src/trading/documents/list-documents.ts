import { sql } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import type { TenderDocumentDto } from '../../domain/schemas/document-schemas.ts';
import type { DocumentKind } from '../../domain/tender/clarification-rules.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Page } from '../../store/page.ts';
import { tradingDb } from '../schema.ts';
import { documentDto, versionsOf } from './document-views.ts';
import { actsForProject, invitedOrganisations, loadProject } from './project-access.ts';

export interface ListDocumentsOptions {
  readonly projectId: string;
  readonly kind?: DocumentKind | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * The project's documents with their versions. The tenderer and its agency also see versions
 * waiting for their clarification; everyone else sees published versions of a published project.
 * Nothing here says who obtained the documents or how many did (E4).
 */
export async function listDocuments(
  ctx: UseCaseContext,
  options: ListDocumentsOptions,
): Promise<Page<TenderDocumentDto>> {
  const db = tradingDb(ctx.db);
  const view = await loadProject(db, options.projectId);
  const owner = await actsForProject(db, ctx.actor, view.project, ctx.clock.now());
  if (!owner) {
    if (view.announcement === null) throw new AppError('NOT_FOUND');
    const invited = invitedOrganisations(view);
    const operator = ctx.actor.roles.includes('platform_operator');
    if (invited && !operator && !invited.includes(ctx.actor.organisationId ?? '')) {
      throw new AppError('FORBIDDEN', { reason: 'not_invited' });
    }
  }
  let base = db.selectFrom('tenderDocument').where('projectId', '=', options.projectId);
  if (options.kind) base = base.where('kind', '=', options.kind);
  if (!owner) {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('documentVersion')
          .select('documentVersion.id')
          .whereRef('documentVersion.documentId', '=', 'tenderDocument.id')
          .where('documentVersion.status', '!=', 'pending'),
      ),
    );
  }
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('createdAt')
    .orderBy('id')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  const versions = await versionsOf(
    db,
    rows.map((row) => row.id),
    owner,
  );
  return {
    items: rows.map((row) =>
      documentDto(
        row,
        versions.filter((v) => v.documentId === row.id),
      ),
    ),
    total: Number(total),
    page: options.page,
    pageSize: options.pageSize,
  };
}
