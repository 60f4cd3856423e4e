import { z } from 'zod';
import { PUBLIC } from '../../domain/access.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { listEntities } from './entity-repository.ts';
import {
  entity,
  entityChangesPage,
  entityChangesQuery,
  entityListQuery,
  entityPage,
} from './entity-schemas.ts';
import { getEntity } from './get-entity.ts';
import { listEntityChanges } from './list-entity-changes.ts';

/** The shared entity register: look an entity up, search by name, follow changes. All public. */
export function registerEntityRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['entities'];

  app.get('/api/public/entities', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'Registered entities whose name or credit code contains q, paged',
      querystring: entityListQuery,
      response: { 200: entityPage, 400: errorBody },
    },
    handler: async (request) => listEntities(deps.store.db, request.query),
  });

  app.get('/api/public/entities/changes', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'Changes of the given entities after a cursor, in commit order (the subscription)',
      querystring: entityChangesQuery,
      response: { 200: entityChangesPage, 400: errorBody },
    },
    handler: async (request) => listEntityChanges(deps.store.db, request.query),
  });

  app.get('/api/public/entities/:creditCode', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'The entity registered under a unified social credit code',
      params: z.object({ creditCode: z.string().max(40) }),
      response: { 200: entity, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => getEntity(deps.store.db, request.params.creditCode),
  });
}
