import { hashHex, randomToken } from '../crypto/hash.ts';
import { verifyPassword } from '../crypto/password.ts';
import { AppError } from '../domain/errors.ts';
import { runAudited } from '../store/audited.ts';
import type { UseCaseContext } from '../store/context.ts';
import { insertSession } from '../store/session-repository.ts';
import { findUserByUsername } from '../store/user-repository.ts';
import { type SessionUser, toSessionUser } from './session-user.ts';

export interface LogInOptions {
  readonly username: string;
  readonly password: string;
  /** How long the session lasts, in milliseconds of the service clock. */
  readonly ttlMs: number;
}

export interface LogInResult {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: SessionUser;
}

// Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$fCfM1/URey1eek1toiC83g$rI82et8lBLEE+uRBZwrywIQF/OA/S065RiRQBRAowu4';

/**
 * Password log-in. The session token is returned once; only its SHA-256 is stored. Failed
 * attempts are audited too (seed §14: every operation is recorded).
 */
export async function logIn(ctx: UseCaseContext, options: LogInOptions): Promise<LogInResult> {
  const user = await findUserByUsername(ctx.db, options.username.trim());
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, options.password);
  if (!user || !valid) {
    await runAudited(ctx, async () => ({
      result: null,
      audit: {
        action: 'auth.login_failed',
        objectType: 'user',
        objectId: user?.id ?? `username:${options.username.trim().slice(0, 64)}`,
        state: { username: options.username.trim().slice(0, 64) },
      },
    }));
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.disabledAt) throw new AppError('USER_DISABLED');

  const token = randomToken();
  const sessionUser = await toSessionUser(ctx.db, user);
  const actor = {
    ...ctx.actor,
    userId: user.id,
    username: user.username,
    organisationId: user.organisationId,
    roles: user.roles,
  };
  return runAudited({ ...ctx, actor }, async (trx, now) => {
    const expiresAt = new Date(now.getTime() + options.ttlMs).toISOString();
    const tokenHash = hashHex(token);
    await insertSession(trx, {
      tokenHash,
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt,
      ip: ctx.actor.ip,
      userAgent: ctx.actor.userAgent,
      revokedAt: null,
    });
    return {
      result: { token, expiresAt, user: sessionUser },
      audit: {
        action: 'auth.logged_in',
        objectType: 'session',
        objectId: tokenHash.slice(0, 16),
        state: { userId: user.id, expiresAt },
      },
    };
  });
}
