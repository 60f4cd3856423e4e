import type { Actor } from '../domain/actor.ts';
import type { Clock } from '../domain/clock.ts';
import type { UseCaseContext } from '../store/context.ts';
import type { Db } from '../store/schema.ts';
import { findUserById, findUserByUsername, type UserRecord } from '../store/user-repository.ts';

/**
 * The use-case context of a demo user on the transaction platform, so that what the demo plays
 * for that user is audited as that user (from the demo's own machine).
 */
export async function demoUserContext(db: Db, clock: Clock, username: string): Promise<UseCaseContext> {
  const user = await findUserByUsername(db, username);
  if (!user) throw new Error(`demo user ${username} is missing`);
  return contextOf(db, clock, user);
}

export async function demoUserContextById(db: Db, clock: Clock, userId: string): Promise<UseCaseContext> {
  const user = await findUserById(db, userId);
  if (!user) throw new Error(`demo user ${userId} is missing`);
  return contextOf(db, clock, user);
}

function contextOf(db: Db, clock: Clock, user: UserRecord): UseCaseContext {
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    organisationId: user.organisationId,
    roles: user.roles,
    ip: '127.0.0.1',
    userAgent: 'zhaocai-demo',
  };
  return { db, clock, actor, platform: 'trading' };
}
