import { AUTHENTICATED } from '../../domain/access.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import {
  objection,
  objectionListQuery,
  objectionPage,
  objectionParams,
  projectParams,
  raiseObjectionBody,
  replyObjectionBody,
} from '../../domain/schemas/document-schemas.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { getObjection, listObjections } from './list-objections.ts';
import { raiseObjection } from './raise-objection.ts';
import { replyObjection } from './reply-objection.ts';
import { bidders, owners, security } from './route-access.ts';

export function registerObjectionRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['objections'];

  app.post('/api/projects/:projectId/objections', {
    config: { access: bidders },
    schema: {
      tags,
      summary: 'Raise an objection (异议) to the tender or pre-qualification documents; pauses the tender',
      description:
        'T5/T5P (条例 22): at least 10 days before the bid deadline (2 before the pre-qualification deadline); ' +
        'only by an organisation that obtained the documents. The tenderer replies within 3 days (T5R).',
      security,
      params: projectParams,
      body: raiseObjectionBody,
      response: {
        201: objection,
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
        409: errorBody,
        422: errorBody,
      },
    },
    handler: async (request, reply) => {
      const raised = await raiseObjection(useCaseContext(deps, request), {
        projectId: request.params.projectId,
        ...request.body,
      });
      return reply.status(201).send(raised);
    },
  });

  app.get('/api/projects/:projectId/objections', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary:
        'Objections, paged: all for the tenderer/agency, only its own for a bidder; with overdue flags',
      security,
      params: projectParams,
      querystring: objectionListQuery,
      response: { 200: objectionPage, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) =>
      listObjections(useCaseContext(deps, request), {
        projectId: request.params.projectId,
        ...request.query,
      }),
  });

  app.get('/api/projects/:projectId/objections/:objectionId', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary: 'One objection, for the tenderer/agency or the objector',
      security,
      params: objectionParams,
      response: { 200: objection, 400: errorBody, 401: errorBody, 404: errorBody },
    },
    handler: async (request) => getObjection(useCaseContext(deps, request), request.params),
  });

  app.post('/api/projects/:projectId/objections/:objectionId/reply', {
    config: { access: owners },
    schema: {
      tags,
      summary: 'Reply to an objection; the last reply resumes the tender and moves the deadline by the pause',
      security,
      params: objectionParams,
      body: replyObjectionBody,
      response: {
        200: objection,
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
        409: errorBody,
      },
    },
    handler: async (request) =>
      replyObjection(useCaseContext(deps, request), { ...request.params, reply: request.body.reply }),
  });
}
