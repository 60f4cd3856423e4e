import { z } from 'zod';
import { AUTHENTICATED, PUBLIC, rolesOnly } from '../../domain/access.ts';
import { OPERATOR_ROLE } from '../../domain/roles.ts';
import { errorBody, pageQuery } from '../../domain/schemas/common.ts';
import {
  announcementBody,
  createProjectBody,
  entrustment,
  entrustmentBody,
  entrustmentListQuery,
  entrustmentPage,
  organisationRelation,
  organisationRelationBody,
  organisationRelationPage,
  project,
  projectInput,
  projectListQuery,
  projectPage,
  scheduleMinimumsQuery,
  scheduleMinimumsResponse,
  tender,
  tenderListQuery,
  tenderPage,
} from '../../domain/schemas/project-schemas.ts';
import { useCaseContext } from '../../server/request-context.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import { createProject } from './create-project.ts';
import { getProject } from './get-project.ts';
import { getScheduleMinimums } from './get-schedule-minimums.ts';
import { getTender } from './get-tender.ts';
import { listEntrustments } from './list-entrustments.ts';
import { listOrganisationRelations } from './list-organisation-relations.ts';
import { listProjects } from './list-projects.ts';
import { listTenders } from './list-tenders.ts';
import { publishProject } from './publish-project.ts';
import { recordEntrustment } from './record-entrustment.ts';
import { recordOrganisationRelation } from './record-organisation-relation.ts';
import { revokeEntrustment } from './revoke-entrustment.ts';
import { saveAnnouncement } from './save-announcement.ts';
import { updateProject } from './update-project.ts';

const security = [{ bearer: [] }];
const idParams = z.object({ id: z.string().max(64) });
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

/** Tender projects, announcements, public tenders, entrustments and organisation relations. */
export function registerProjectsRoutes(app: ZodApp, deps: ServiceDeps): void {
  const operator = OPERATOR_ROLE[deps.platform];
  const managers = rolesOnly('tenderer', 'agency');
  const readers = rolesOnly('tenderer', 'agency', operator);
  const tags = ['projects'];

  app.get('/api/projects', {
    config: { access: readers },
    schema: {
      tags,
      summary: 'Projects of my organisation (as tenderer or agency), paged, by status and text',
      security,
      querystring: projectListQuery,
      response: { 200: projectPage, ...refusals },
    },
    handler: async (request) => listProjects(useCaseContext(deps, request), request.query),
  });

  app.post('/api/projects', {
    config: { access: managers },
    schema: {
      tags,
      summary:
        'Create a draft tender project with its sections (an agency: for a tenderer that entrusted it)',
      security,
      body: createProjectBody,
      response: { 201: project, ...refusals, 422: errorBody },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createProject(useCaseContext(deps, request), request.body)),
  });

  app.get('/api/projects/:id', {
    config: { access: readers },
    schema: {
      tags,
      summary: 'One project with sections and announcement',
      security,
      params: idParams,
      response: { 200: project, ...refusals },
    },
    handler: async (request) => getProject(useCaseContext(deps, request), request.params.id),
  });

  app.put('/api/projects/:id', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Replace a draft project and its sections (fixed once published)',
      security,
      params: idParams,
      body: projectInput,
      response: { 200: project, ...refusals, 409: errorBody, 422: errorBody },
    },
    handler: async (request) =>
      updateProject(useCaseContext(deps, request), { projectId: request.params.id, project: request.body }),
  });

  app.put('/api/projects/:id/announcement', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Save the draft announcement (招标公告 / 资格预审公告 / 投标邀请书) with its schedule',
      security,
      params: idParams,
      body: announcementBody,
      response: { 200: project, ...refusals, 409: errorBody },
    },
    handler: async (request) =>
      saveAnnouncement(useCaseContext(deps, request), {
        projectId: request.params.id,
        announcement: request.body,
      }),
  });

  app.post('/api/projects/:id/publish', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Publish the announcement: checks T1, T2, T3, T6, C3, C10; fixes the project',
      description:
        'Refused with the first violation as the error and every violation in `details`; nothing changes then.',
      security,
      params: idParams,
      response: { 200: project, ...refusals, 409: errorBody, 422: errorBody },
    },
    handler: async (request) =>
      publishProject(useCaseContext(deps, request), { projectId: request.params.id }),
  });

  app.get('/api/projects/:id/schedule-minimums', {
    config: { access: readers },
    schema: {
      tags,
      summary: 'Earliest lawful issue end, bid deadline and pre-qualification deadline for an issue start',
      security,
      params: idParams,
      querystring: scheduleMinimumsQuery,
      response: { 200: scheduleMinimumsResponse, ...refusals },
    },
    handler: async (request) =>
      getScheduleMinimums(useCaseContext(deps, request), {
        projectId: request.params.id,
        documentIssueStart: request.query.documentIssueStart,
      }),
  });

  app.get('/api/tenders', {
    config: { access: PUBLIC },
    schema: {
      tags: ['tenders'],
      summary:
        'Published tenders: open tenders for everyone, invitations for the invited; by region, industry, text',
      querystring: tenderListQuery,
      response: { 200: tenderPage, 400: errorBody },
    },
    handler: async (request) => listTenders(useCaseContext(deps, request), request.query),
  });

  app.get('/api/tenders/:id', {
    config: { access: PUBLIC },
    schema: {
      tags: ['tenders'],
      summary: 'One published tender with sections, schedule and announcement text',
      params: idParams,
      response: { 200: tender, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => getTender(useCaseContext(deps, request), request.params.id),
  });

  app.get('/api/entrustments', {
    config: { access: readers },
    schema: {
      tags: ['entrustments'],
      summary: 'Entrustments my organisation gave (tenderer) or received (agency), paged',
      security,
      querystring: entrustmentListQuery,
      response: { 200: entrustmentPage, ...refusals },
    },
    handler: async (request) => listEntrustments(useCaseContext(deps, request), request.query),
  });

  app.post('/api/entrustments', {
    config: { access: rolesOnly('tenderer') },
    schema: {
      tags: ['entrustments'],
      summary: 'Entrust an agency (招标代理机构) to act for my organisation',
      security,
      body: entrustmentBody,
      response: { 201: entrustment, ...refusals },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await recordEntrustment(useCaseContext(deps, request), request.body)),
  });

  app.post('/api/entrustments/:id/revoke', {
    config: { access: rolesOnly('tenderer') },
    schema: {
      tags: ['entrustments'],
      summary: 'Withdraw an entrustment my organisation gave',
      security,
      params: idParams,
      response: { 200: entrustment, ...refusals, 409: errorBody },
    },
    handler: async (request) =>
      revokeEntrustment(useCaseContext(deps, request), { entrustmentId: request.params.id }),
  });

  app.get('/api/organisations/:id/relations', {
    config: { access: AUTHENTICATED },
    schema: {
      tags: ['organisations'],
      summary: "An organisation's head and control relations (C9); itself or the operator",
      security,
      params: idParams,
      querystring: pageQuery,
      response: { 200: organisationRelationPage, ...refusals },
    },
    handler: async (request) =>
      listOrganisationRelations(useCaseContext(deps, request), {
        organisationId: request.params.id,
        ...request.query,
      }),
  });

  app.post('/api/organisations/:id/relations', {
    config: { access: AUTHENTICATED },
    schema: {
      tags: ['organisations'],
      summary:
        'Record the head (单位负责人) or a control relation of an organisation (C9); itself or the operator',
      security,
      params: idParams,
      body: organisationRelationBody,
      response: { 201: organisationRelation, ...refusals },
    },
    handler: async (request, reply) =>
      reply.status(201).send(
        await recordOrganisationRelation(useCaseContext(deps, request), {
          organisationId: request.params.id,
          relation: request.body,
        }),
      ),
  });
}
