import type { UseCaseContext } from '../../store/context.ts';
import { readableProject } from '../projects/project-access.ts';
import { tradingDb } from '../schema.ts';
import { exceptionsOf } from './section-failure.ts';
import { type TenderExceptionView, tenderExceptionView } from './tender-exception-view.ts';

export interface TenderExceptionsView {
  readonly exceptions: TenderExceptionView[];
  /** The failed project this one tenders again, if it is a re-tender. */
  readonly retenderOf: string | null;
}

/** A project's exceptions (failure, termination) and its re-tender link, for its tenderer's side. */
export async function listTenderExceptions(
  ctx: UseCaseContext,
  options: { projectId: string },
): Promise<TenderExceptionsView> {
  const project = await readableProject(ctx, options.projectId);
  const db = tradingDb(ctx.db);
  const origin = await db
    .selectFrom('tenderException')
    .select('projectId')
    .where('retenderProjectId', '=', project.id)
    .executeTakeFirst();
  return {
    exceptions: (await exceptionsOf(db, project.id)).map(tenderExceptionView),
    retenderOf: origin?.projectId ?? null,
  };
}
