import { AUTHENTICATED } from '../../domain/access.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import {
  applicationListQuery,
  applicationPage,
  applicationParams,
  applyQuery,
  prequalificationApplication,
  prequalificationStatus,
  projectParams,
  publishPrequalificationResponse,
  reviewApplicationBody,
} from '../../domain/schemas/document-schemas.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { applyForPrequalification } from './apply-for-prequalification.ts';
import { getMyApplication, getPrequalificationStatus, listApplications } from './list-applications.ts';
import { publishPrequalification } from './publish-prequalification.ts';
import { reviewPrequalification } from './review-prequalification.ts';
import { bidders, owners, security } from './route-access.ts';
import { rawFile, uploadedFile } from './upload-body.ts';

export function registerPrequalificationRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['prequalification'];

  app.get('/api/projects/:projectId/prequalification', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary: 'Pre-qualification deadline and, once published, the outcome (no counts, no names)',
      security,
      params: projectParams,
      response: { 200: prequalificationStatus, 400: errorBody, 401: errorBody, 404: errorBody },
    },
    handler: async (request) => getPrequalificationStatus(useCaseContext(deps, request), request.params),
  });

  app.post('/api/projects/:projectId/prequalification/applications', {
    config: { access: bidders },
    schema: {
      tags,
      summary: 'Submit (or replace) the pre-qualification application file before the deadline; raw body',
      security,
      consumes: ['application/octet-stream'],
      body: rawFile,
      params: projectParams,
      querystring: applyQuery,
      response: {
        201: prequalificationApplication,
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
        409: errorBody,
        413: errorBody,
      },
    },
    handler: async (request, reply) => {
      const file = uploadedFile(request, request.query.filename, deps.config.uploads.maxBytes);
      const application = await applyForPrequalification(useCaseContext(deps, request), deps.blobs, {
        projectId: request.params.projectId,
        ...file,
      });
      return reply.status(201).send(application);
    },
  });

  app.get('/api/projects/:projectId/prequalification/applications', {
    config: { access: owners },
    schema: {
      tags,
      summary: 'The applications, for the tenderer/agency after the application deadline, paged',
      security,
      params: projectParams,
      querystring: applicationListQuery,
      response: {
        200: applicationPage,
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
        409: errorBody,
        422: errorBody,
      },
    },
    handler: async (request) =>
      listApplications(useCaseContext(deps, request), {
        projectId: request.params.projectId,
        ...request.query,
      }),
  });

  app.get('/api/projects/:projectId/prequalification/applications/mine', {
    config: { access: bidders },
    schema: {
      tags,
      summary: "The caller's own application and its result",
      security,
      params: projectParams,
      response: {
        200: prequalificationApplication,
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
      },
    },
    handler: async (request) => getMyApplication(useCaseContext(deps, request), request.params),
  });

  app.post('/api/projects/:projectId/prequalification/applications/:applicationId/review', {
    config: { access: owners },
    schema: {
      tags,
      summary: "The review committee's finding on one application (not qualified needs a reason)",
      security,
      params: applicationParams,
      body: reviewApplicationBody,
      response: {
        200: prequalificationApplication,
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
        409: errorBody,
        422: errorBody,
      },
    },
    handler: async (request) =>
      reviewPrequalification(useCaseContext(deps, request), { ...request.params, ...request.body }),
  });

  app.post('/api/projects/:projectId/prequalification/publish', {
    config: { access: owners },
    schema: {
      tags,
      summary: 'Publish the result: notices to applicants; fewer than 3 qualified fails the tender (C2, 517)',
      security,
      params: projectParams,
      response: {
        200: publishPrequalificationResponse,
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
        409: errorBody,
        422: errorBody,
      },
    },
    handler: async (request) =>
      publishPrequalification(useCaseContext(deps, request), {
        projectId: request.params.projectId,
        locale: request.locale,
      }),
  });
}
