import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/stores.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import {
  type Party,
  type TestProject,
  aProject,
  anEntrustedAgency,
  cst,
  get,
  obtain,
  party,
  post,
  publish,
  uploadDocument,
} from './support/tender-factory.ts';

const schedule = {
  documentIssueStart: cst('2026-03-02 09:00'),
  documentIssueEnd: cst('2026-03-09 17:00'),
  prequalificationDeadline: cst('2026-03-16 10:00'),
  bidDeadline: cst('2026-04-20 10:00'),
};

/**
 * E4 (办法 22): until the bid deadline nobody — tenderer, agency, operator, other bidders — learns
 * who obtained the documents or how many did, through any route of this part.
 */
describe.each(DIALECTS)(
  'E4: who obtained the documents stays secret until the bid deadline on %s',
  (dialect) => {
    let svc: TestService;
    let tenderer: Party;
    let agency: Party;
    let operator: Party;
    let obtainers: Party[];
    let onlooker: Party;
    let project: TestProject;
    let versionId: string;

    beforeAll(async () => {
      svc = await startTestService('trading', dialect);
      tenderer = await party(svc, ['tenderer'], 'tenderer');
      operator = await party(svc, ['platform_operator'], 'operator');
      obtainers = [await party(svc, ['bidder'], 'obtainer'), await party(svc, ['bidder'], 'obtainer')];
      onlooker = await party(svc, ['bidder'], 'onlooker');
      svc.clock.set(cst('2026-03-01 10:00'));
      project = await aProject(svc, { tenderer, qualification: 'pre', schedule, published: false });
      agency = await anEntrustedAgency(svc, project, tenderer);
      versionId = (await uploadDocument(svc, tenderer, project)).json().id;
      await uploadDocument(svc, tenderer, project, { kind: 'prequalification' });
      await publish(svc, project);
      svc.clock.set(cst('2026-03-03 10:00'));
      for (const who of obtainers) expect((await obtain(svc, who, project)).statusCode).toBe(200);
      svc.clock.set(cst('2026-03-04 10:00'));
      const clarification = await post(svc, tenderer, `/api/projects/${project.projectId}/clarifications`, {
        title: '澄清',
        body: '补充说明',
        affectsPreparation: false,
      });
      expect(clarification.statusCode).toBe(201);
      expectNothingAboutObtainers(clarification);
    });
    afterAll(() => svc.close());

    function expectNothingAboutObtainers(response: LightMyRequestResponse): void {
      for (const who of obtainers) {
        expect(response.body).not.toContain(who.organisationId);
        expect(response.body).not.toContain(who.username);
      }
      expect(response.body).not.toMatch(/obtainer|obtained_?count|obtainedCount|recipients|delivered/i);
    }

    const routes = () => [
      `/api/projects/${project.projectId}/documents`,
      `/api/projects/${project.projectId}/documents?kind=tender`,
      `/api/projects/${project.projectId}/documents/obtainers`,
      `/api/projects/${project.projectId}/clarifications`,
      `/api/projects/${project.projectId}/objections`,
      `/api/projects/${project.projectId}/prequalification`,
      `/api/projects/${project.projectId}/prequalification/applications`,
      `/api/notices`,
      `/api/notices?projectId=${project.projectId}`,
      `/api/audit-events?pageSize=200`,
      `/api/audit-events?action=document.obtained`,
      `/api/audit-events?objectType=document_obtainment`,
    ];

    it('before the deadline the tenderer, the agency, the operator and another bidder learn nothing on any route', async () => {
      svc.clock.set(cst('2026-04-20 09:59'));
      for (const who of [tenderer, agency, operator, onlooker]) {
        for (const url of routes()) {
          const response = await get(svc, who, url);
          expect(response.statusCode, `${url} for ${who.username}`).toBeLessThan(500);
          if (url.startsWith('/api/audit-events') && response.statusCode === 200) {
            // The obtainers' own sign-ups and log-ins are listed; nothing they did on this project is.
            const items: { action: string; objectId: string; detail: string }[] = response.json().items;
            expect(items.map((e) => e.action)).not.toContain('document.obtained');
            const aboutProject = items.filter(
              (e) => e.objectId === project.projectId || e.detail.includes(project.projectId),
            );
            if (url.includes('pageSize')) expect(aboutProject.length).toBeGreaterThan(0);
            for (const event of aboutProject) {
              for (const obtainer of obtainers) {
                expect(JSON.stringify(event)).not.toContain(obtainer.organisationId);
              }
            }
          } else {
            expectNothingAboutObtainers(response);
          }
        }
        const mine = await get(svc, who, `/api/projects/${project.projectId}/documents/obtainment`);
        expectNothingAboutObtainers(mine);
        const download = await get(
          svc,
          who,
          `/api/projects/${project.projectId}/documents/versions/${versionId}/content`,
        );
        expectNothingAboutObtainers(download);
      }
      for (const who of [tenderer, agency]) {
        const refused = await get(svc, who, `/api/projects/${project.projectId}/documents/obtainers`);
        expect(refused.statusCode).toBe(422);
        expect(errorOf(refused).message).toContain('E4');
        expect(errorOf(refused).message).toContain('2026-04-20 10:00');
      }
      for (const who of [operator, onlooker]) {
        expect(
          (await get(svc, who, `/api/projects/${project.projectId}/documents/obtainers`)).statusCode,
        ).toBe(403);
      }
      const onlookerView = await get(
        svc,
        onlooker,
        `/api/projects/${project.projectId}/documents/obtainment`,
      );
      expect(onlookerView.json()).toEqual({
        projectId: project.projectId,
        obtained: false,
        obtainedAt: null,
      });
      expect(
        (
          await get(
            svc,
            onlooker,
            `/api/projects/${project.projectId}/documents/versions/${versionId}/content`,
          )
        ).statusCode,
      ).toBe(403);
    });

    it('after the deadline the tenderer and its agency can list the obtainers; the operator and bidders still cannot', async () => {
      svc.clock.set(cst('2026-04-20 10:00'));
      for (const who of [tenderer, agency]) {
        const response = await get(svc, who, `/api/projects/${project.projectId}/documents/obtainers`);
        expect(response.statusCode).toBe(200);
        expect(response.json().total).toBe(2);
        expect(
          response
            .json()
            .items.map((i: { organisationId: string }) => i.organisationId)
            .sort(),
        ).toEqual(obtainers.map((o) => o.organisationId).sort());
        expect(response.json().items[0]).toMatchObject({ obtainedAt: cst('2026-03-03 10:00') });
      }
      for (const who of [operator, onlooker, obtainers[0]!]) {
        expect(
          (await get(svc, who, `/api/projects/${project.projectId}/documents/obtainers`)).statusCode,
        ).toBe(403);
      }
      const audit = await get(svc, operator, '/api/audit-events?action=document.obtained');
      expect(audit.json().total).toBe(2);
    });
  },
);
