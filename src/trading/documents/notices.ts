import { randomUUID } from 'node:crypto';
import type { TradingDb } from '../schema.ts';

export interface NoticeContent {
  readonly projectId: string | null;
  readonly kind: string;
  readonly title: string;
  readonly body: string;
  readonly objectId: string | null;
}

/** Delivers one notice to each organisation, inside the caller's transaction. */
export async function deliverNotices(
  trx: TradingDb,
  recipients: readonly string[],
  content: NoticeContent,
  now: Date,
): Promise<void> {
  for (const recipientOrganisationId of new Set(recipients)) {
    await trx
      .insertInto('notice')
      .values({
        id: randomUUID(),
        recipientOrganisationId,
        ...content,
        createdAt: now.toISOString(),
        readAt: null,
      })
      .execute();
  }
}

/** Organisations that obtained the project's documents: the recipients of clarifications. */
export async function obtainerOrganisations(trx: TradingDb, projectId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('documentObtainment')
    .select('organisationId')
    .where('projectId', '=', projectId)
    .execute();
  return rows.map((row) => row.organisationId);
}

/** The tenderer and, when there is one, its agency. */
export function ownerOrganisations(project: {
  tendererOrganisationId: string;
  agencyOrganisationId: string | null;
}): string[] {
  return project.agencyOrganisationId
    ? [project.tendererOrganisationId, project.agencyOrganisationId]
    : [project.tendererOrganisationId];
}
