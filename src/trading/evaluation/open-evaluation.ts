import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { manageableProject } from '../projects/project-access.ts';
import { sectionWithProject } from '../experts/committee-repository.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { committeeMembersOf, findSession } from './evaluation-repository.ts';

/**
 * The tenderer (or its agency) opens the section's evaluation once the opening record exists
 * (E8) and the committee is drawn. From then on its seated members work online (E9).
 */
export async function openEvaluation(
  ctx: UseCaseContext,
  options: { sectionId: string },
): Promise<{ sessionId: string }> {
  const db = tradingDb(ctx.db);
  const section = await sectionWithProject(db, options.sectionId);
  await manageableProject(ctx, db, section.projectId, ctx.clock.now());
  const record = await db
    .selectFrom('openingRecord')
    .select('generatedAt')
    .where('projectId', '=', section.projectId)
    .executeTakeFirst();
  if (!record) throw new AppError('INVALID_STATE', { state: 'no_opening_record', action: 'open evaluation' });
  if (!(await committeeMembersOf(db, section.sectionId)).length) {
    throw new AppError('INVALID_STATE', { state: 'committee_not_drawn', action: 'open evaluation' });
  }
  if (await findSession(db, section.sectionId)) {
    throw new AppError('INVALID_STATE', { state: 'evaluation_open', action: 'open evaluation' });
  }
  return runAudited(ctx, async (commonTrx, now) => {
    const sessionId = randomUUID();
    const row = {
      id: sessionId,
      projectId: section.projectId,
      sectionId: section.sectionId,
      status: 'open',
      chairExpertId: null,
      extendedUntil: null,
      openedAt: now.toISOString(),
      openedByUserId: ctx.actor.userId,
      finalisedAt: null,
    };
    await tradingTrx(commonTrx).insertInto('evaluationSession').values(row).execute();
    return {
      result: { sessionId },
      audit: { action: 'evaluation.opened', objectType: 'section', objectId: section.sectionId, state: row },
    };
  });
}
