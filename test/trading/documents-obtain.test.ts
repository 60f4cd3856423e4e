import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/stores.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import {
  type Party,
  type TestProject,
  aProject,
  auth,
  anEntrustedAgency,
  count,
  cst,
  db,
  get,
  obtain,
  party,
  publish,
  upload,
  uploadDocument,
} from './support/tender-factory.ts';

const schedule = {
  documentIssueStart: cst('2026-03-02 09:00'),
  documentIssueEnd: cst('2026-03-09 17:00'),
  bidDeadline: cst('2026-03-25 10:00'),
};

describe.each(DIALECTS)('tender documents: upload, obtain, download on %s', (dialect) => {
  let svc: TestService;
  let tenderer: Party;
  let bidder: Party;
  let other: Party;
  let operator: Party;

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    tenderer = await party(svc, ['tenderer'], 'tenderer');
    bidder = await party(svc, ['bidder'], 'bidder');
    other = await party(svc, ['bidder'], 'other');
    operator = await party(svc, ['platform_operator'], 'operator');
  });
  afterAll(() => svc.close());

  async function draftWithDocument(): Promise<{
    project: TestProject;
    documentId: string;
    versionId: string;
  }> {
    svc.clock.set(cst('2026-03-01 09:00'));
    const project = await aProject(svc, { tenderer, schedule, published: false });
    const response = await uploadDocument(svc, tenderer, project, { content: 'version one' });
    expect(response.statusCode).toBe(201);
    return { project, documentId: response.json().documentId, versionId: response.json().id };
  }

  it('documents its routes in OpenAPI with tags and summaries', async () => {
    const openapi = (await svc.app.inject('/openapi.json')).json();
    const paths = [
      '/api/projects/{projectId}/documents',
      '/api/projects/{projectId}/documents/obtain',
      '/api/projects/{projectId}/documents/obtainers',
      '/api/projects/{projectId}/documents/versions/{versionId}/content',
      '/api/projects/{projectId}/clarifications',
      '/api/projects/{projectId}/objections',
      '/api/projects/{projectId}/objections/{objectionId}/reply',
      '/api/projects/{projectId}/prequalification/applications',
      '/api/projects/{projectId}/prequalification/publish',
      '/api/notices',
    ];
    for (const path of paths) {
      expect(openapi.paths[path], path).toBeDefined();
      for (const operation of Object.values(openapi.paths[path]) as { summary?: string; tags?: string[] }[]) {
        expect(operation.summary, path).toBeTruthy();
        expect(operation.tags?.length, path).toBe(1);
      }
    }
    expect(
      Object.keys(openapi.paths['/api/projects/{projectId}/documents'].post.requestBody.content),
    ).toEqual(['application/octet-stream']);
  });

  it('stores versions with hash, size, filename and time; current at once before publication', async () => {
    const { project, documentId } = await draftWithDocument();
    const first = await db(svc)
      .selectFrom('documentVersion')
      .selectAll()
      .where('documentId', '=', documentId)
      .execute();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      version: 1,
      filename: '招标文件.pdf',
      status: 'current',
      uploadedAt: cst('2026-03-01 09:00'),
    });
    expect(Number(first[0]!.size)).toBe('version one'.length);
    expect(first[0]!.blobHash).toMatch(/^[0-9a-f]{64}$/);

    const second = await uploadDocument(svc, tenderer, project, {
      documentId,
      filename: 'v2.pdf',
      content: 'version two',
    });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ version: 2, status: 'current', filename: 'v2.pdf', size: 11 });
    const list = await get(svc, tenderer, `/api/projects/${project.projectId}/documents`);
    expect(list.json().items[0].versions.map((v: { status: string }) => v.status)).toEqual([
      'current',
      'superseded',
    ]);
  });

  it('after publication a new version waits for its clarification and is invisible to bidders', async () => {
    const { project, documentId } = await draftWithDocument();
    await publish(svc, project);
    const pending = await uploadDocument(svc, tenderer, project, { documentId, content: 'amended' });
    expect(pending.json()).toMatchObject({ version: 2, status: 'pending' });
    const forBidder = await get(svc, bidder, `/api/projects/${project.projectId}/documents`);
    expect(forBidder.statusCode).toBe(200);
    expect(forBidder.json().items[0].versions).toHaveLength(1);
    expect(forBidder.json().items[0].current.version).toBe(1);
    svc.clock.set(cst('2026-03-03 09:00'));
    expect((await obtain(svc, bidder, project)).statusCode).toBe(200);
    const download = await get(
      svc,
      bidder,
      `/api/projects/${project.projectId}/documents/versions/${pending.json().id}/content`,
    );
    expect(download.statusCode).toBe(404);
  });

  it('refuses bad uploads with a code and changes nothing', async () => {
    const { project } = await draftWithDocument();
    const strangerTenderer = await party(svc, ['tenderer'], 'stranger');
    await get(svc, bidder, '/api/notices');
    const before = await count(svc, 'auditEvent');
    const noName = await upload(
      svc,
      tenderer,
      `/api/projects/${project.projectId}/documents?kind=tender`,
      Buffer.from('x'),
    );
    expect(noName.statusCode).toBe(400);
    expect(errorOf(noName).details?.[0]).toMatchObject({ path: 'query.filename', code: 'required' });
    const json = await svc.app.inject({
      method: 'POST',
      url: `/api/projects/${project.projectId}/documents?kind=tender&filename=a.pdf`,
      headers: await auth(svc, tenderer),
      payload: { not: 'a file' },
    });
    expect(json.statusCode).toBe(400);
    const empty = await upload(
      svc,
      tenderer,
      `/api/projects/${project.projectId}/documents?kind=tender&filename=a.pdf`,
      Buffer.alloc(0),
    );
    expect(empty.statusCode).toBe(400);
    const slash = await upload(
      svc,
      tenderer,
      `/api/projects/${project.projectId}/documents?kind=tender&filename=..%2Fa.pdf`,
      Buffer.from('x'),
    );
    expect(errorOf(slash).code).toBe('VALIDATION_FAILED');
    const preq = await upload(
      svc,
      tenderer,
      `/api/projects/${project.projectId}/documents?kind=prequalification&filename=a.pdf`,
      Buffer.from('x'),
    );
    expect(errorOf(preq).details?.[0]).toMatchObject({ path: 'kind' });
    const stranger = await uploadDocument(svc, strangerTenderer, project);
    expect(stranger.statusCode).toBe(403);
    const asBidder = await uploadDocument(svc, bidder, project);
    expect(asBidder.statusCode).toBe(403);
    const limit = svc.deps.config.uploads.maxBytes;
    (svc.deps.config.uploads as { maxBytes: number }).maxBytes = 4;
    const tooLarge = await upload(
      svc,
      tenderer,
      `/api/projects/${project.projectId}/documents?kind=tender&filename=a.pdf`,
      Buffer.from('12345'),
    );
    (svc.deps.config.uploads as { maxBytes: number }).maxBytes = limit;
    expect(tooLarge.statusCode).toBe(413);
    expect(errorOf(tooLarge).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await count(svc, 'auditEvent')).toBe(before);
  });

  it('accepts the file name in the x-filename header and lets an entrusted agency upload', async () => {
    const { project } = await draftWithDocument();
    const agency = await anEntrustedAgency(svc, project, tenderer);
    const response = await upload(
      svc,
      agency,
      `/api/projects/${project.projectId}/documents?kind=tender`,
      Buffer.from('by agency'),
      {
        'x-filename': encodeURIComponent('图纸.zip'),
      },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().filename).toBe('图纸.zip');
    await db(svc)
      .updateTable('entrustment')
      .set({ revokedAt: svc.clock.now().toISOString() })
      .where('agencyOrganisationId', '=', agency.organisationId)
      .execute();
    expect((await uploadDocument(svc, agency, project)).statusCode).toBe(403);
  });

  it('obtaining works only within the issue period, citing it otherwise', async () => {
    const { project } = await draftWithDocument();
    await publish(svc, project);
    svc.clock.set(cst('2026-03-02 08:59'));
    const early = await obtain(svc, bidder, project);
    expect(early.statusCode).toBe(422);
    expect(errorOf(early).message).toContain('2026-03-02 09:00');
    expect(errorOf(early).message).toContain('2026-03-09 17:00');
    svc.clock.set(cst('2026-03-09 17:01'));
    const late = await obtain(svc, bidder, project);
    expect(late.statusCode).toBe(422);
    expect(errorOf(late).message).toContain('2026-03-09 17:00');
    svc.clock.set(cst('2026-03-02 09:00'));
    const ok = await obtain(svc, bidder, project);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      projectId: project.projectId,
      obtained: true,
      obtainedAt: cst('2026-03-02 09:00'),
    });
    svc.clock.set(cst('2026-03-09 17:00'));
    const again = await obtain(svc, bidder, project);
    expect(again.json().obtainedAt).toBe(cst('2026-03-02 09:00'));
    const rows = await db(svc)
      .selectFrom('documentObtainment')
      .selectAll()
      .where('projectId', '=', project.projectId)
      .execute();
    expect(rows).toHaveLength(1);
    const events = await db(svc)
      .selectFrom('auditEvent')
      .selectAll()
      .where('action', '=', 'document.obtained')
      .where('objectId', '=', rows[0]!.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorOrganisationId: bidder.organisationId,
      sealKey: `tender:${project.projectId}`,
    });
    expect(
      (await get(svc, bidder, `/api/projects/${project.projectId}/documents/obtainment`)).json().obtained,
    ).toBe(true);
    expect(
      (await get(svc, other, `/api/projects/${project.projectId}/documents/obtainment`)).json().obtained,
    ).toBe(false);
  });

  it('unpublished projects cannot be obtained and their documents stay hidden', async () => {
    const { project } = await draftWithDocument();
    expect((await obtain(svc, bidder, project)).statusCode).toBe(404);
    expect((await get(svc, bidder, `/api/projects/${project.projectId}/documents`)).statusCode).toBe(404);
  });

  it('downloads go to obtainers and the tenderer only; everyone else gets 403', async () => {
    const { project, versionId } = await draftWithDocument();
    await publish(svc, project);
    svc.clock.set(cst('2026-03-03 09:00'));
    await obtain(svc, bidder, project);
    const url = `/api/projects/${project.projectId}/documents/versions/${versionId}/content`;
    const mine = await get(svc, bidder, url);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toBe('version one');
    expect(mine.headers['content-type']).toBe('application/octet-stream');
    expect(mine.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect((await get(svc, tenderer, url)).body).toBe('version one');
    for (const who of [other, operator, await party(svc, ['tenderer'], 'outsider')]) {
      const refused = await get(svc, who, url);
      expect(refused.statusCode).toBe(403);
    }
    expect(errorOf(await get(svc, other, url)).message).toBe('贵单位未获取招标文件，不能执行此操作');
  });

  it('an invited tender lets only the invited organisations obtain', async () => {
    svc.clock.set(cst('2026-03-03 09:00'));
    const project = await aProject(svc, {
      tenderer,
      schedule,
      procedure: 'invited',
      invitedOrganisationIds: [bidder.organisationId],
    });
    const refused = await obtain(svc, other, project);
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).message).toContain('邀请');
    expect((await obtain(svc, bidder, project)).statusCode).toBe(200);
  });
});
