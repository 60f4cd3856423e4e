import type { Selectable } from 'kysely';
import type { ClarificationDto } from '../../domain/schemas/document-schemas.ts';
import type { DocumentTables } from '../document-tables.ts';

export function clarificationDto(
  row: Selectable<DocumentTables['clarification']>,
  documentVersionIds: string[],
): ClarificationDto {
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind as ClarificationDto['kind'],
    title: row.title,
    body: row.body,
    affectsPreparation: Number(row.affectsPreparation) === 1,
    previousBidDeadline: row.previousBidDeadline,
    newBidDeadline: row.newBidDeadline,
    previousPrequalificationDeadline: row.previousPrequalificationDeadline,
    newPrequalificationDeadline: row.newPrequalificationDeadline,
    documentVersionIds,
    publishedAt: row.publishedAt,
  };
}
