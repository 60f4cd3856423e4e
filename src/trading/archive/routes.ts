import { z } from 'zod';
import { rolesOnly } from '../../domain/access.ts';
import { projectParams } from '../../domain/schemas/bid-schemas.ts';
import { objectRouteErrors } from '../../domain/schemas/common.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { contentDisposition } from '../documents/upload-body.ts';
import type { BidSealing } from '../sealing/bid-sealing.ts';
import { exportProjectArchive } from './export-project-archive.ts';

/** The electronic archive of a project: one signed ZIP (docs/archive.md). */
export function registerArchiveRoutes(app: ZodApp, deps: ServiceDeps, sealing: BidSealing): void {
  app.get('/api/projects/:projectId/archive', {
    config: { access: rolesOnly('tenderer', 'agency', 'platform_operator') },
    schema: {
      tags: ['archive'],
      summary:
        "From the bid deadline: the project's electronic archive, a ZIP with a manifest signed by the platform",
      security: [{ bearer: [] }],
      params: projectParams,
      produces: ['application/zip'],
      response: { 200: z.unknown().describe('the archive, as application/zip'), ...objectRouteErrors },
    },
    handler: async (request, reply) => {
      const archive = await exportProjectArchive(useCaseContext(deps, request), {
        projectId: request.params.projectId,
        blobs: deps.blobs,
        sealing,
        ledger: deps.ledger,
      });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(archive.filename))
        .header('x-archive-created-at', archive.createdAt)
        .send(archive.content);
    },
  });
}
