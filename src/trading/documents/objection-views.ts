import type { Selectable } from 'kysely';
import type { ObjectionDto } from '../../domain/schemas/document-schemas.ts';
import { isReplyOverdue } from '../../domain/tender/objection-rules.ts';
import type { DocumentTables } from '../document-tables.ts';

export function objectionDto(
  row: Selectable<DocumentTables['objection']>,
  organisationName: string,
  now: Date,
): ObjectionDto {
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind as ObjectionDto['kind'],
    organisationId: row.organisationId,
    organisationName,
    body: row.body,
    raisedAt: row.raisedAt,
    replyDueAt: row.replyDueAt,
    reply: row.reply,
    repliedAt: row.repliedAt,
    overdue: isReplyOverdue(row, now),
  };
}
