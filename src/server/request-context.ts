import type { FastifyRequest } from 'fastify';
import { type AccessRule } from '../domain/access.ts';
import { type Actor, anonymousActor } from '../domain/actor.ts';
import { DEFAULT_LOCALE, type Locale } from '../domain/locale.ts';
import type { UseCaseContext } from '../store/context.ts';
import type { ServiceDeps } from './service-spec.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    /** The bearer token of the caller, when it sent one that resolved to a session. */
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route; every route must declare it (checked at start-up). */
    access?: AccessRule;
  }
}

export function emptyRequestContext(request: FastifyRequest): void {
  request.actor = anonymousActor(request.ip, request.headers['user-agent'] ?? null);
  request.locale = DEFAULT_LOCALE;
  request.sessionToken = null;
}

/** The use-case context for this request: who acts, from where, on which database and clock. */
export function useCaseContext(deps: ServiceDeps, request: FastifyRequest): UseCaseContext {
  return { db: deps.store.db, clock: deps.clock, actor: request.actor, platform: deps.platform };
}
