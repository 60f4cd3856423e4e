import { z } from 'zod';
import { AUTHENTICATED } from '../../domain/access.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import {
  clarification,
  clarificationListQuery,
  clarificationPage,
  documentListQuery,
  documentPage,
  documentVersion,
  myObtainment,
  notice,
  noticeListQuery,
  noticePage,
  noticeParams,
  obtainerPage,
  projectParams,
  publishClarificationBody,
  uploadDocumentQuery,
  versionParams,
} from '../../domain/schemas/document-schemas.ts';
import { pageQuery } from '../../domain/schemas/common.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { downloadDocument } from './download-document.ts';
import { getMyObtainment } from './get-my-obtainment.ts';
import { listClarifications } from './list-clarifications.ts';
import { listDocuments } from './list-documents.ts';
import { listNotices } from './list-notices.ts';
import { listObtainers } from './list-obtainers.ts';
import { markNoticeRead } from './mark-notice-read.ts';
import { registerObjectionRoutes } from './objection-routes.ts';
import { obtainDocuments } from './obtain-documents.ts';
import { registerPrequalificationRoutes } from './prequalification-routes.ts';
import { publishClarification } from './publish-clarification.ts';
import { bidders, owners, security } from './route-access.ts';
import { acceptOctetStream, contentDisposition, rawFile, uploadedFile } from './upload-body.ts';
import { uploadTenderDocument } from './upload-tender-document.ts';

/** Tender documents, obtaining them, clarifications, objections, pre-qualification and notices. */
export function registerDocumentsRoutes(app: ZodApp, deps: ServiceDeps): void {
  void app.register(async (scope) => {
    acceptOctetStream(scope);
    registerDocumentRoutes(scope, deps);
    registerClarificationRoutes(scope, deps);
    registerObjectionRoutes(scope, deps);
    registerPrequalificationRoutes(scope, deps);
    registerNoticeRoutes(scope, deps);
  });
}

function registerDocumentRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['documents'];

  app.post('/api/projects/:projectId/documents', {
    config: { access: owners },
    schema: {
      tags,
      summary: 'Upload a tender or pre-qualification document (a new document or a new version); raw body',
      description:
        'Send the file as the body with Content-Type application/octet-stream. Before publication the version is ' +
        'current at once; after publication it stays pending until a clarification makes it current (条例 21).',
      security,
      consumes: ['application/octet-stream'],
      body: rawFile,
      params: projectParams,
      querystring: uploadDocumentQuery,
      response: {
        201: documentVersion,
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
      const version = await uploadTenderDocument(useCaseContext(deps, request), deps.blobs, {
        projectId: request.params.projectId,
        kind: request.query.kind,
        filename: file.filename,
        title: request.query.title,
        documentId: request.query.documentId,
        content: file.content,
      });
      return reply.status(201).send(version);
    },
  });

  app.get('/api/projects/:projectId/documents', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary: "The project's documents and their versions, paged; never who obtained them (E4)",
      security,
      params: projectParams,
      querystring: documentListQuery,
      response: { 200: documentPage, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) =>
      listDocuments(useCaseContext(deps, request), { projectId: request.params.projectId, ...request.query }),
  });

  app.get('/api/projects/:projectId/documents/versions/:versionId/content', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary:
        'Download a document version: for the tenderer/agency and organisations that obtained the documents',
      security,
      params: versionParams,
      produces: ['application/octet-stream'],
      response: {
        200: z.unknown().describe('the file, as application/octet-stream'),
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
      },
    },
    handler: async (request, reply) => {
      const file = await downloadDocument(useCaseContext(deps, request), deps.blobs, request.params);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', file.size)
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-content-sha256', file.hash)
        .send(file.content);
    },
  });

  app.post('/api/projects/:projectId/documents/obtain', {
    config: { access: bidders },
    schema: {
      tags,
      summary:
        'Obtain the documents (获取招标文件) during the issue period; kept secret until the bid deadline',
      security,
      params: projectParams,
      response: {
        200: myObtainment,
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
        409: errorBody,
        422: errorBody,
      },
    },
    handler: async (request) => obtainDocuments(useCaseContext(deps, request), request.params),
  });

  app.get('/api/projects/:projectId/documents/obtainment', {
    config: { access: bidders },
    schema: {
      tags,
      summary: "Whether the caller's own organisation obtained the documents",
      security,
      params: projectParams,
      response: { 200: myObtainment, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => getMyObtainment(useCaseContext(deps, request), request.params),
  });

  app.get('/api/projects/:projectId/documents/obtainers', {
    config: { access: owners },
    schema: {
      tags,
      summary: 'Who obtained the documents: tenderer/agency only, after the bid deadline (办法 22, E4)',
      security,
      params: projectParams,
      querystring: pageQuery,
      response: {
        200: obtainerPage,
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
        422: errorBody,
      },
    },
    handler: async (request) =>
      listObtainers(useCaseContext(deps, request), { projectId: request.params.projectId, ...request.query }),
  });
}

function registerClarificationRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['clarifications'];

  app.post('/api/projects/:projectId/clarifications', {
    config: { access: owners },
    schema: {
      tags,
      summary:
        'Publish a clarification or amendment (澄清/修改), delivered to everyone who obtained the documents',
      description:
        'T4 (条例 21): one that may affect preparation, less than 15 days before the bid deadline (3 before the ' +
        'pre-qualification deadline for those documents), must carry a deadline extended that far; the opening ' +
        'moves with the bid deadline (T6).',
      security,
      params: projectParams,
      body: publishClarificationBody,
      response: {
        201: clarification,
        400: errorBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
        409: errorBody,
        422: errorBody,
      },
    },
    handler: async (request, reply) => {
      const published = await publishClarification(useCaseContext(deps, request), {
        projectId: request.params.projectId,
        ...request.body,
      });
      return reply.status(201).send(published);
    },
  });

  app.get('/api/projects/:projectId/clarifications', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary: "The project's clarifications, newest first, paged",
      security,
      params: projectParams,
      querystring: clarificationListQuery,
      response: { 200: clarificationPage, 400: errorBody, 401: errorBody, 404: errorBody },
    },
    handler: async (request) =>
      listClarifications(useCaseContext(deps, request), {
        projectId: request.params.projectId,
        ...request.query,
      }),
  });
}

function registerNoticeRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['notices'];

  app.get('/api/notices', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary: "Notices delivered to the signed-in user's organisation, newest first, paged",
      security,
      querystring: noticeListQuery,
      response: { 200: noticePage, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listNotices(useCaseContext(deps, request), request.query),
  });

  app.post('/api/notices/:noticeId/read', {
    config: { access: AUTHENTICATED },
    schema: {
      tags,
      summary: 'Mark a notice of your organisation read',
      security,
      params: noticeParams,
      response: { 200: notice, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => markNoticeRead(useCaseContext(deps, request), request.params),
  });
}
