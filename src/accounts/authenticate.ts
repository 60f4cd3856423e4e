import { hashHex } from '../crypto/hash.ts';
import type { Actor } from '../domain/actor.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';
import type { Db } from '../store/schema.ts';
import { findSession } from '../store/session-repository.ts';
import { findUserById, type UserRecord } from '../store/user-repository.ts';

/**
 * Resolves a bearer token to the acting user. Unknown or revoked tokens are UNAUTHENTICATED;
 * expired ones SESSION_EXPIRED, so the client can say which.
 */
export async function authenticate(
  db: Db,
  clock: Clock,
  token: string,
  origin: Pick<Actor, 'ip' | 'userAgent'>,
): Promise<{ actor: Actor; user: UserRecord }> {
  const session = await findSession(db, hashHex(token));
  if (!session || session.revokedAt) throw new AppError('UNAUTHENTICATED');
  if (session.expiresAt <= clock.now().toISOString()) throw new AppError('SESSION_EXPIRED');
  const user = await findUserById(db, session.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (user.disabledAt) throw new AppError('USER_DISABLED');
  return {
    user,
    actor: {
      userId: user.id,
      username: user.username,
      organisationId: user.organisationId,
      roles: user.roles,
      ip: origin.ip,
      userAgent: origin.userAgent,
    },
  };
}
