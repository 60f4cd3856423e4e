import { z } from 'zod';
import { rolesOnly } from '../../domain/access.ts';
import { projectParams } from '../../domain/schemas/bid-schemas.ts';
import { objectRouteErrors } from '../../domain/schemas/common.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { failTender, terminateTender } from './end-tender.ts';
import { listTenderExceptions } from './list-tender-exceptions.ts';
import { retenderProject } from './retender-project.ts';
import { tenderExceptionDto } from './tender-exception-view.ts';

const reasonBody = z.object({ reason: z.string().trim().min(2).max(2000) });

/** Tender exceptions: failure (C1 at the opening, or another reason), termination, re-tender. */
export function registerExceptionRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['exceptions'];
  const security = [{ bearer: [] }];
  const managers = rolesOnly('tenderer', 'agency');

  app.get('/api/projects/:projectId/exceptions', {
    config: { access: rolesOnly('tenderer', 'agency', 'platform_operator') },
    schema: {
      tags,
      summary: "A project's failures and termination, and the failed project it re-tenders, if any",
      security,
      params: projectParams,
      response: {
        200: z.object({ exceptions: z.array(tenderExceptionDto), retenderOf: z.string().nullable() }),
        ...objectRouteErrors,
      },
    },
    handler: async (request) => listTenderExceptions(useCaseContext(deps, request), request.params),
  });

  app.post('/api/projects/:projectId/terminate', {
    config: { access: managers },
    schema: {
      tags,
      summary: '终止招标: end a published tender with a reason (条例 31); the hub is told (517)',
      security,
      params: projectParams,
      body: reasonBody,
      response: { 200: tenderExceptionDto, ...objectRouteErrors },
    },
    handler: async (request) =>
      terminateTender(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post('/api/projects/:projectId/fail', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Record that a published tender failed for a stated reason (e.g. every bid rejected); 517',
      security,
      params: projectParams,
      body: reasonBody,
      response: { 200: tenderExceptionDto, ...objectRouteErrors },
    },
    handler: async (request) =>
      failTender(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post('/api/projects/:projectId/retender', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Re-tender a failed tender: a new draft project copied from it (its failed sections), linked',
      security,
      params: projectParams,
      response: {
        201: z.object({
          projectId: z.string(),
          dealCode: z.string(),
          retenderOf: z.string(),
          sectionCodes: z.array(z.string()),
        }),
        ...objectRouteErrors,
      },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return retenderProject(useCaseContext(deps, request), request.params);
    },
  });
}
