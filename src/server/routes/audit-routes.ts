import { rolesOnly } from '../../domain/access.ts';
import { OPERATOR_ROLE } from '../../domain/roles.ts';
import { auditListQuery, auditPage } from '../../domain/schemas/account-schemas.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import { listAuditEvents } from '../../store/audit-repository.ts';
import type { ServiceDeps, ZodApp } from '../service-spec.ts';

export function registerAuditRoutes(app: ZodApp, deps: ServiceDeps): void {
  app.get('/api/audit-events', {
    config: { access: rolesOnly(OPERATOR_ROLE[deps.platform]) },
    schema: {
      tags: ['audit'],
      summary: "This platform's audit trail: who did what, when, from where; newest first",
      security: [{ bearer: [] }],
      querystring: auditListQuery,
      response: { 200: auditPage, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => {
      const { items, total } = await listAuditEvents(deps.store.db, request.query, deps.clock.now());
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  });
}
