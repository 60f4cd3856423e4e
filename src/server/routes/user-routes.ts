import { z } from 'zod';
import { addUser } from '../../accounts/add-user.ts';
import { disableUser } from '../../accounts/disable-user.ts';
import { rolesOnly } from '../../domain/access.ts';
import { OPERATOR_ROLE } from '../../domain/roles.ts';
import { addUserBody, userListItem, userListQuery, userPage } from '../../domain/schemas/account-schemas.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import { findOrganisationById } from '../../store/organisation-repository.ts';
import { listUsers } from '../../store/user-repository.ts';
import { useCaseContext } from '../request-context.ts';
import type { ServiceDeps, ZodApp } from '../service-spec.ts';

export function registerUserRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['users'];
  const operatorOnly = rolesOnly(OPERATOR_ROLE[deps.platform]);
  const security = [{ bearer: [] }];

  app.get('/api/users', {
    config: { access: operatorOnly },
    schema: {
      tags,
      summary: 'Users of this platform, paged, filtered by text, role or organisation',
      security,
      querystring: userListQuery,
      response: { 200: userPage, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listUsers(deps.store.db, request.query),
  });

  app.post('/api/users', {
    config: { access: operatorOnly },
    schema: {
      tags,
      summary: 'Add a user with roles of this platform',
      security,
      body: addUserBody,
      response: {
        201: userListItem,
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
        409: errorBody,
      },
    },
    handler: async (request, reply) => {
      const user = await addUser(useCaseContext(deps, request), request.body);
      const organisation = user.organisationId
        ? await findOrganisationById(deps.store.db, user.organisationId)
        : undefined;
      return reply.status(201).send({
        ...user,
        roles: user.roles,
        organisationName: organisation?.name ?? null,
        disabledAt: null,
      });
    },
  });

  app.post('/api/users/:id/disable', {
    config: { access: operatorOnly },
    schema: {
      tags,
      summary: 'Disable a user: its sessions end and it can no longer log in',
      security,
      params: z.object({ id: z.string().max(64) }),
      response: {
        200: z.object({ id: z.string(), disabledAt: z.string() }),
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
      },
    },
    handler: async (request) => disableUser(useCaseContext(deps, request), request.params.id),
  });
}
