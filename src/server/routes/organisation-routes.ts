import { type OrganisationRegistrar, registerOrganisation } from '../../accounts/register-organisation.ts';
import { AUTHENTICATED, rolesOnly } from '../../domain/access.ts';
import { z } from 'zod';
import { getOrganisation } from '../../accounts/get-organisation.ts';
import { OPERATOR_ROLE } from '../../domain/roles.ts';
import {
  organisation,
  organisationListQuery,
  organisationPage,
  registerOrganisationBody,
} from '../../domain/schemas/account-schemas.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import { listOrganisations } from '../../store/organisation-repository.ts';
import { useCaseContext } from '../request-context.ts';
import type { ServiceDeps, ZodApp } from '../service-spec.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The platform's additions to organisation registration, if it has any. */
    organisationRegistrar?: OrganisationRegistrar;
  }
}

/** Lets a platform add its checks and records to organisation registration. */
export function useOrganisationRegistrar(app: ZodApp, registrar: OrganisationRegistrar): void {
  app.decorate('organisationRegistrar', registrar);
}

export function registerOrganisationRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['organisations'];
  const operatorOnly = rolesOnly(OPERATOR_ROLE[deps.platform]);
  const security = [{ bearer: [] }];

  app.get('/api/organisations', {
    config: { access: operatorOnly },
    schema: {
      tags,
      summary: 'Registered organisations, paged, filtered by name or credit code',
      security,
      querystring: organisationListQuery,
      response: { 200: organisationPage, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listOrganisations(deps.store.db, request.query),
  });

  app.post('/api/organisations', {
    config: { access: operatorOnly },
    schema: {
      tags,
      summary: 'Register an organisation under its unified social credit code',
      security,
      body: registerOrganisationBody,
      response: { 201: organisation, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => {
      const created = await registerOrganisation(
        useCaseContext(deps, request),
        request.body,
        app.organisationRegistrar,
      );
      return reply.status(201).send(created);
    },
  });

  app.get('/api/organisations/:id', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary: 'One organisation: the operator sees any, other users their own',
      security,
      params: z.object({ id: z.string().max(64) }),
      response: { 200: organisation, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => getOrganisation(useCaseContext(deps, request), request.params.id),
  });
}
