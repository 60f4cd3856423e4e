import type { Actor, AuthenticatedActor } from './actor.ts';
import { AppError } from './errors.ts';
import type { Role } from './roles.ts';

/** Who may call a route or a use case: everyone, any signed-in user, or holders of some roles. */
export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] };

export const PUBLIC: AccessRule = { kind: 'public' };
export const AUTHENTICATED: AccessRule = { kind: 'authenticated' };
export function rolesOnly(...roles: Role[]): AccessRule {
  return { kind: 'roles', roles };
}

export function isAuthenticated(actor: Actor): actor is AuthenticatedActor {
  return actor.userId !== null && actor.username !== null;
}

/** Throws UNAUTHENTICATED (401) or FORBIDDEN (403) when the actor does not satisfy the rule. */
export function assertAccess(actor: Actor, rule: AccessRule): void {
  if (rule.kind === 'public') return;
  if (!isAuthenticated(actor)) throw new AppError('UNAUTHENTICATED');
  if (rule.kind === 'roles' && !rule.roles.some((role) => actor.roles.includes(role))) {
    throw new AppError('FORBIDDEN', { required: rule.roles.join(', ') });
  }
}

/**
 * Organisation scoping: a user acts for its own organisation; an operator role may act for any.
 * Throws FORBIDDEN otherwise.
 */
export function assertSameOrganisation(
  actor: Actor,
  organisationId: string,
  operatorRoles: readonly Role[],
): void {
  if (operatorRoles.some((role) => actor.roles.includes(role))) return;
  if (actor.organisationId !== organisationId) {
    throw new AppError('FORBIDDEN', { required: 'organisation' });
  }
}
