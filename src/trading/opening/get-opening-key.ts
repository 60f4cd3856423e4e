import { AppError } from '../../domain/errors.ts';
import type { OpeningKeyShareDto, OpeningKeyView } from '../../domain/schemas/sealing-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { manageableProject } from '../projects/project-access.ts';
import { tradingDb } from '../schema.ts';
import { findOpeningKey } from './opening-key-repository.ts';

/** The opening key recorded for a project the caller manages (a draft's too), or NOT_FOUND when none is. */
export async function getOpeningKey(
  ctx: UseCaseContext,
  options: { projectId: string },
): Promise<OpeningKeyView> {
  const db = tradingDb(ctx.db);
  const project = await manageableProject(ctx, db, options.projectId, ctx.clock.now());
  const key = await findOpeningKey(db, project.id);
  if (!key) throw new AppError('NOT_FOUND');
  return key;
}

/**
 * One holder's share as recorded: wrapped to the holder's encryption key, so only that holder can
 * use it; any signed-in party may fetch it (the holder may be a supervisor or a hub, not a party here).
 */
export async function getEncryptedShare(
  ctx: UseCaseContext,
  options: { projectId: string; holderId: string },
): Promise<OpeningKeyShareDto> {
  const share = await tradingDb(ctx.db)
    .selectFrom('openingKeyShare')
    .select(['holderId', 'holderName', 'holderKeyId', 'x', 'encryptedShare', 'commitment'])
    .where('projectId', '=', options.projectId)
    .where('holderId', '=', options.holderId)
    .executeTakeFirst();
  if (!share) throw new AppError('NOT_FOUND');
  return { ...share, x: Number(share.x) };
}
