import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PUBLIC } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { decodeOcdsCursor, encodeOcdsCursor } from './ocds-cursor.ts';
import type { HubPackageContext } from './package-metadata.ts';
import { OCDS_PAGE_LIMIT_MAX, readReleasePage, releasePackageOf } from './read-release-page.ts';
import { readTenderRecord, recordPackageOf } from './read-tender-record.ts';

const tags = ['ocds'];
const DEFAULT_PUBLISHER = '招采公共服务平台';
/** An OCDS 1.1 package: its shape is the standard's (validated by `zhaocai ocds validate`), not restated here. */
const ocdsPackage = z.record(z.string(), z.unknown());

/**
 * The hub's tenders as OCDS 1.1 (docs/ocds.md), built from the data sets it received: bulk release
 * packages in feed order, and one record per ocid. Public: only public fields are read.
 */
export function registerHubOcdsRoutes(app: ZodApp, deps: ServiceDeps): void {
  const db = deps.store.db;
  const publisher = deps.config.services.hub.exchange?.platformName ?? DEFAULT_PUBLISHER;
  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  const context = (request: FastifyRequest): HubPackageContext => ({
    uri: `${origin(request)}${request.url}`,
    publisher,
    now: deps.clock.now(),
  });

  app.get('/api/public/ocds/releases', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'A release package of tenders, in the order the hub received them',
      description:
        `Every published stage of up to \`limit\` tenders (at most ${OCDS_PAGE_LIMIT_MAX}), each tender whole on one page, ` +
        'in the order of the first announcement the hub received; `links.next` is the next page, absent on the last. ' +
        'A new tender joins at the end; a tender that changes stays in its place.',
      querystring: z.object({
        cursor: z
          .string()
          .max(200)
          .optional()
          .describe('opaque: from `links.next`; absent for the first page'),
        limit: z.coerce
          .number()
          .int()
          .min(1)
          .max(OCDS_PAGE_LIMIT_MAX)
          .default(OCDS_PAGE_LIMIT_MAX)
          .describe(`tenders per page, at most ${OCDS_PAGE_LIMIT_MAX}`),
      }),
      response: { 200: ocdsPackage, 400: errorBody },
    },
    handler: async (request) => {
      const { cursor, limit } = request.query;
      const after = decodeOcdsCursor(cursor);
      if (after === null) {
        throw new AppError(
          'VALIDATION_FAILED',
          { fields: 'querystring.cursor' },
          { details: [{ path: 'querystring.cursor', code: 'invalid_cursor' }] },
        );
      }
      const page = await readReleasePage(db, { after, limit });
      const query = (after: number) =>
        new URLSearchParams({ cursor: encodeOcdsCursor(after), limit: String(limit) }).toString();
      const next =
        page.nextAfter === null
          ? null
          : `${origin(request)}${request.url.split('?')[0]}?${query(page.nextAfter)}`;
      return releasePackageOf(page, context(request), next);
    },
  });

  app.get('/api/public/ocds/records/:ocid', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'A record package with the record of one ocid: its releases and their compiled release',
      params: z.object({ ocid: z.string().min(1).max(200) }),
      response: { 200: ocdsPackage, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => {
      const record = await readTenderRecord(db, request.params.ocid);
      if (!record) throw new AppError('NOT_FOUND', { object: 'ocds record', id: request.params.ocid });
      return recordPackageOf(record, context(request));
    },
  });
}
