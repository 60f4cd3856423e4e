import { AppError } from '../domain/errors.ts';
import { runAudited } from '../store/audited.ts';
import type { UseCaseContext } from '../store/context.ts';
import { findUserById, setUserDisabled } from '../store/user-repository.ts';

/** Disables a user: its sessions stop working at once and it can no longer log in. */
export async function disableUser(
  ctx: UseCaseContext,
  userId: string,
): Promise<{ id: string; disabledAt: string }> {
  if (userId === ctx.actor.userId) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'userId' },
      { details: [{ path: 'userId', code: 'self' }] },
    );
  }
  return runAudited(ctx, async (trx, now) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    const disabledAt = user.disabledAt ?? now.toISOString();
    await setUserDisabled(trx, userId, disabledAt);
    return {
      result: { id: userId, disabledAt },
      audit: {
        action: 'user.disabled',
        objectType: 'user',
        objectId: userId,
        state: { id: userId, disabledAt },
      },
    };
  });
}
