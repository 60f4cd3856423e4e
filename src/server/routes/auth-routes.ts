import { z } from 'zod';
import { logIn } from '../../accounts/log-in.ts';
import { logOut } from '../../accounts/log-out.ts';
import { toSessionUser } from '../../accounts/session-user.ts';
import { AUTHENTICATED, PUBLIC } from '../../domain/access.ts';
import { loginBody, loginResponse, sessionUser } from '../../domain/schemas/account-schemas.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import { findUserById } from '../../store/user-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { useCaseContext } from '../request-context.ts';
import type { ServiceDeps, ZodApp } from '../service-spec.ts';

const HOUR_MS = 3_600_000;

export function registerAuthRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['auth'];
  app.post('/api/auth/login', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'Sign in with user name and password; returns a bearer token',
      body: loginBody,
      response: { 200: loginResponse, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) =>
      logIn(useCaseContext(deps, request), {
        ...request.body,
        // Session lifetime is a human span: in sandbox mode it scales with the clock factor, so a
        // 12-hour session lasts 12 real hours even when a virtual day passes each minute.
        ttlMs: deps.config.auth.sessionTtlHours * HOUR_MS * deps.clock.factor,
      }),
  });

  app.post('/api/auth/logout', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary: 'End the current session',
      security: [{ bearer: [] }],
      response: { 204: z.null(), 401: errorBody },
    },
    handler: async (request, reply) => {
      await logOut(useCaseContext(deps, request), request.sessionToken!);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/auth/me', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary: 'The signed-in user',
      security: [{ bearer: [] }],
      response: { 200: z.object({ user: sessionUser }), 401: errorBody },
    },
    handler: async (request) => {
      const user = await findUserById(deps.store.db, request.actor.userId!);
      if (!user) throw new AppError('UNAUTHENTICATED');
      return { user: await toSessionUser(deps.store.db, user) };
    },
  });
}
