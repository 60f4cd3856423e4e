import { randomUUID } from 'node:crypto';
import { hashPassword } from '../crypto/password.ts';
import { AppError } from '../domain/errors.ts';
import { assertPasswordPolicy } from '../domain/password-policy.ts';
import { PLATFORM_ROLES, type Role } from '../domain/roles.ts';
import { USERNAME_PATTERN } from '../domain/username.ts';
import { runAudited } from '../store/audited.ts';
import type { UseCaseContext } from '../store/context.ts';
import { findOrganisationById } from '../store/organisation-repository.ts';
import { findUserByUsername, insertUser } from '../store/user-repository.ts';

export interface AddUserOptions {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly organisationId?: string | null | undefined;
  readonly roles: Role[];
  readonly locale?: string | undefined;
}

export interface AddedUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly organisationId: string | null;
  readonly roles: Role[];
  readonly createdAt: string;
}

/** Adds a user of this platform with roles that belong on it; the password is stored as argon2id. */
export async function addUser(ctx: UseCaseContext, options: AddUserOptions): Promise<AddedUser> {
  const username = options.username.trim();
  if (!USERNAME_PATTERN.test(username)) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'username' },
      { details: [{ path: 'username', code: 'pattern' }] },
    );
  }
  const displayName = options.displayName.trim() || username;
  if (options.roles.length === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'roles' },
      { details: [{ path: 'roles', code: 'too_small' }] },
    );
  }
  for (const role of options.roles) {
    if (!PLATFORM_ROLES[ctx.platform].includes(role)) {
      throw new AppError('ROLE_NOT_ON_PLATFORM', { role, platform: ctx.platform });
    }
  }
  assertPasswordPolicy(options.password);
  const passwordHash = await hashPassword(options.password);
  const roles = [...new Set(options.roles)].sort();

  return runAudited(ctx, async (trx, now) => {
    if (await findUserByUsername(trx, username)) throw new AppError('USERNAME_TAKEN', { username });
    const organisationId = options.organisationId ?? null;
    if (organisationId && !(await findOrganisationById(trx, organisationId))) {
      throw new AppError('ORGANISATION_NOT_FOUND');
    }
    const user: AddedUser = {
      id: randomUUID(),
      username,
      displayName,
      organisationId,
      roles,
      createdAt: now.toISOString(),
    };
    await insertUser(
      trx,
      {
        id: user.id,
        username,
        displayName,
        organisationId,
        passwordHash,
        locale: options.locale ?? 'zh-CN',
        disabledAt: null,
        createdAt: user.createdAt,
      },
      roles,
    );
    return {
      result: user,
      audit: { action: 'user.added', objectType: 'user', objectId: user.id, state: user },
    };
  });
}
