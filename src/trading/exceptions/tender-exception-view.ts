import { z } from 'zod';
import { isoTime } from '../../domain/schemas/common.ts';
import type { TenderExceptionRow } from './section-failure.ts';

export const tenderExceptionDto = z.object({
  id: z.string(),
  projectId: z.string(),
  sectionId: z.string().nullable().describe('null: the whole tender'),
  sectionCode: z.string().nullable(),
  kind: z.enum(['failed', 'terminated']),
  rule: z.string().nullable().describe("the legal rule, e.g. 'C1' (法 28, 条例 44)"),
  reason: z.string(),
  recordedAt: isoTime,
  retenderProjectId: z.string().nullable(),
});
export type TenderExceptionView = z.infer<typeof tenderExceptionDto>;

export function tenderExceptionView(row: TenderExceptionRow): TenderExceptionView {
  return {
    id: row.id,
    projectId: row.projectId,
    sectionId: row.sectionId,
    sectionCode: row.sectionCode,
    kind: row.kind as TenderExceptionView['kind'],
    rule: row.ruleId,
    reason: row.reason,
    recordedAt: row.recordedAt,
    retenderProjectId: row.retenderProjectId,
  };
}
