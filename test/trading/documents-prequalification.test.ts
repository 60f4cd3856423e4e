import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/stores.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import {
  type Party,
  type TestProject,
  aProject,
  count,
  cst,
  db,
  get,
  obtain,
  party,
  post,
  projectRow,
  publish,
  upload,
  uploadDocument,
} from './support/tender-factory.ts';

const schedule = {
  documentIssueStart: cst('2026-03-02 09:00'),
  documentIssueEnd: cst('2026-03-09 17:00'),
  prequalificationDeadline: cst('2026-03-16 10:00'),
  bidDeadline: cst('2026-04-20 10:00'),
};

describe.each(DIALECTS)('pre-qualification (C2) on %s', (dialect) => {
  let svc: TestService;
  let tenderer: Party;
  let applicants: Party[];

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    tenderer = await party(svc, ['tenderer'], 'tenderer');
    applicants = [];
    for (let i = 0; i < 4; i++) applicants.push(await party(svc, ['bidder'], `applicant`));
  });
  afterAll(() => svc.close());

  async function projectWithApplications(
    n: number,
  ): Promise<{ project: TestProject; tenderVersionId: string; ids: string[] }> {
    svc.clock.set(cst('2026-03-01 10:00'));
    const project = await aProject(svc, { tenderer, qualification: 'pre', schedule, published: false });
    expect(
      (await uploadDocument(svc, tenderer, project, { kind: 'prequalification', content: '资格预审文件' }))
        .statusCode,
    ).toBe(201);
    const tender = await uploadDocument(svc, tenderer, project, { kind: 'tender', content: '招标文件' });
    await publish(svc, project);
    svc.clock.set(cst('2026-03-03 10:00'));
    const ids: string[] = [];
    for (const applicant of applicants.slice(0, n)) {
      await obtain(svc, applicant, project);
      const applied = await upload(
        svc,
        applicant,
        `/api/projects/${project.projectId}/prequalification/applications?filename=application.pdf`,
        Buffer.from(`application of ${applicant.organisationId}`),
      );
      expect(applied.statusCode).toBe(201);
      ids.push(applied.json().id);
    }
    return { project, tenderVersionId: tender.json().id, ids };
  }
  const review = (project: TestProject, id: string, body: Record<string, unknown>) =>
    post(
      svc,
      tenderer,
      `/api/projects/${project.projectId}/prequalification/applications/${id}/review`,
      body,
    );

  it('applications are secret until the application deadline, and closed after it', async () => {
    const { project, ids } = await projectWithApplications(2);
    svc.clock.set(cst('2026-03-16 09:59'));
    const early = await get(
      svc,
      tenderer,
      `/api/projects/${project.projectId}/prequalification/applications`,
    );
    expect(early.statusCode).toBe(422);
    expect(errorOf(early).message).toContain('E4');
    expect(early.body).not.toContain(applicants[0]!.organisationId);
    expect((await review(project, ids[0]!, { result: 'qualified' })).statusCode).toBe(422);
    const status = await get(svc, applicants[2]!, `/api/projects/${project.projectId}/prequalification`);
    expect(status.json()).toEqual({
      projectId: project.projectId,
      prequalificationDeadline: schedule.prequalificationDeadline,
      outcome: null,
      ruleId: null,
      publishedAt: null,
    });
    const mine = await get(
      svc,
      applicants[0]!,
      `/api/projects/${project.projectId}/prequalification/applications/mine`,
    );
    expect(mine.json()).toMatchObject({ id: ids[0], result: 'pending', filename: 'application.pdf' });

    svc.clock.set(cst('2026-03-16 10:00'));
    const late = await upload(
      svc,
      applicants[0]!,
      `/api/projects/${project.projectId}/prequalification/applications?filename=late.pdf`,
      Buffer.from('late'),
    );
    expect(late.statusCode).toBe(409);
    const list = await get(svc, tenderer, `/api/projects/${project.projectId}/prequalification/applications`);
    expect(list.json().total).toBe(2);
    const notObtained = await upload(
      svc,
      applicants[3]!,
      `/api/projects/${project.projectId}/prequalification/applications?filename=a.pdf`,
      Buffer.from('x'),
    );
    expect(notObtained.statusCode).toBe(403);
  });

  it('a finding of not qualified needs a reason; publishing needs every application reviewed', async () => {
    const { project, ids } = await projectWithApplications(3);
    svc.clock.set(cst('2026-03-17 10:00'));
    const noReason = await review(project, ids[0]!, { result: 'not_qualified' });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).details?.[0]).toMatchObject({ path: 'reason', code: 'required' });
    await review(project, ids[0]!, { result: 'qualified' });
    const early = await post(svc, tenderer, `/api/projects/${project.projectId}/prequalification/publish`);
    expect(early.statusCode).toBe(409);
    expect(await projectRow(svc, project)).toMatchObject({ status: 'published' });
  });

  it('C2: 2 qualified fails the tender — status failed, reason C2, outbox 517, applicants told', async () => {
    const { project, ids } = await projectWithApplications(3);
    svc.clock.set(cst('2026-03-17 10:00'));
    await review(project, ids[0]!, { result: 'qualified' });
    await review(project, ids[1]!, { result: 'qualified' });
    await review(project, ids[2]!, { result: 'not_qualified', reason: '业绩不满足要求' });
    const outboxBefore = await count(svc, 'outbox');
    const published = await post(
      svc,
      tenderer,
      `/api/projects/${project.projectId}/prequalification/publish`,
    );
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      outcome: 'failed',
      qualifiedCount: 2,
      violation: { rule: 'C2' },
    });
    expect(published.json().violation.message).toContain('C2');
    expect(published.json().violation.message).toContain('第19条');
    expect(published.json().violation.message).toContain('实为 2 个');
    expect(await projectRow(svc, project)).toMatchObject({ status: 'failed' });
    expect(await count(svc, 'outbox')).toBe(outboxBefore + 1);
    const outbox = await db(svc)
      .selectFrom('outbox')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(outbox).toMatchObject({
      dataSetCode: '517',
      eventType: 'tender.failed',
      aggregateId: project.projectId,
    });
    expect(JSON.parse(outbox.payload)).toMatchObject({ reason: 'C2', qualifiedCount: 2, limit: 3 });
    const failed = await db(svc)
      .selectFrom('auditEvent')
      .selectAll()
      .where('action', '=', 'prequalification.failed')
      .where('objectId', '=', project.projectId)
      .execute();
    expect(failed).toHaveLength(1);
    for (const applicant of applicants.slice(0, 3)) {
      const notices = await get(svc, applicant, `/api/notices?projectId=${project.projectId}`);
      expect(notices.json().items).toEqual([expect.objectContaining({ kind: 'tender_failed' })]);
    }
    const status = await get(svc, applicants[3]!, `/api/projects/${project.projectId}/prequalification`);
    expect(status.json()).toMatchObject({ outcome: 'failed', ruleId: 'C2' });
    const clarify = await post(svc, tenderer, `/api/projects/${project.projectId}/clarifications`, {
      title: 't',
      body: 'b',
    });
    expect(clarify.statusCode).toBe(409);
  });

  it('C2: 3 qualified publishes the list; each applicant learns its own result, qualified ones get the documents', async () => {
    const { project, ids, tenderVersionId } = await projectWithApplications(4);
    svc.clock.set(cst('2026-03-17 10:00'));
    await review(project, ids[0]!, { result: 'qualified' });
    await review(project, ids[1]!, { result: 'qualified' });
    await review(project, ids[2]!, { result: 'qualified' });
    await review(project, ids[3]!, { result: 'not_qualified', reason: '资质等级不足' });
    const download = `/api/projects/${project.projectId}/documents/versions/${tenderVersionId}/content`;
    expect((await get(svc, applicants[0]!, download)).statusCode).toBe(403);
    const outboxBefore = await count(svc, 'outbox');
    const published = await post(
      svc,
      tenderer,
      `/api/projects/${project.projectId}/prequalification/publish`,
    );
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ outcome: 'qualified', qualifiedCount: 3, violation: null });
    expect(
      published
        .json()
        .qualified.map((q: { organisationId: string }) => q.organisationId)
        .sort(),
    ).toEqual(
      applicants
        .slice(0, 3)
        .map((a) => a.organisationId)
        .sort(),
    );
    expect(await count(svc, 'outbox')).toBe(outboxBefore);
    expect(await projectRow(svc, project)).toMatchObject({ status: 'published' });
    const ok = await get(svc, applicants[0]!, `/api/notices?projectId=${project.projectId}`);
    expect(ok.json().items).toEqual([
      expect.objectContaining({ kind: 'prequalification_result', objectId: ids[0] }),
    ]);
    expect(ok.body).not.toContain(applicants[1]!.organisationId);
    const refused = await get(svc, applicants[3]!, `/api/notices?projectId=${project.projectId}`);
    expect(refused.json().items[0].body).toContain('资质等级不足');
    expect((await get(svc, applicants[0]!, download)).body).toBe('招标文件');
    const notQualified = await get(svc, applicants[3]!, download);
    expect(notQualified.statusCode).toBe(403);
    expect(errorOf(notQualified).message).toContain('资格预审');
    expect(
      (await post(svc, tenderer, `/api/projects/${project.projectId}/prequalification/publish`)).statusCode,
    ).toBe(409);
    expect((await review(project, ids[3]!, { result: 'qualified' })).statusCode).toBe(409);
  });
});
