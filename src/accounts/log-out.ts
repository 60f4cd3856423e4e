import { hashHex } from '../crypto/hash.ts';
import { runAudited } from '../store/audited.ts';
import type { UseCaseContext } from '../store/context.ts';
import { revokeSession } from '../store/session-repository.ts';

/** Revokes the caller's session. */
export async function logOut(ctx: UseCaseContext, token: string): Promise<void> {
  const tokenHash = hashHex(token);
  await runAudited(ctx, async (trx, now) => {
    await revokeSession(trx, tokenHash, now.toISOString());
    return {
      result: undefined,
      audit: {
        action: 'auth.logged_out',
        objectType: 'session',
        objectId: tokenHash.slice(0, 16),
        state: { revokedAt: now.toISOString() },
      },
    };
  });
}
