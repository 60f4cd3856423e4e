import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/stores.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import {
  type Party,
  type TestProject,
  announcementOf,
  aProject,
  count,
  cst,
  db,
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
  bidDeadline: cst('2026-03-25 10:00'),
};
const prequalificationSchedule = {
  documentIssueStart: cst('2026-03-02 09:00'),
  documentIssueEnd: cst('2026-03-09 17:00'),
  prequalificationDeadline: cst('2026-03-16 10:00'),
  bidDeadline: cst('2026-04-20 10:00'),
};

describe.each(DIALECTS)('clarifications and amendments (T4, T4P, T6) on %s', (dialect) => {
  let svc: TestService;
  let tenderer: Party;
  let bidder: Party;
  let other: Party;
  let outsider: Party;
  let operator: Party;

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    tenderer = await party(svc, ['tenderer'], 'tenderer');
    bidder = await party(svc, ['bidder'], 'bidder');
    other = await party(svc, ['bidder'], 'other');
    outsider = await party(svc, ['bidder'], 'outsider');
    operator = await party(svc, ['platform_operator'], 'operator');
  });
  afterAll(() => svc.close());

  async function obtainedProject(qualification: 'pre' | 'post' = 'post'): Promise<TestProject> {
    svc.clock.set(cst('2026-03-02 10:00'));
    const project = await aProject(svc, {
      tenderer,
      qualification,
      schedule: qualification === 'pre' ? prequalificationSchedule : schedule,
    });
    expect((await obtain(svc, bidder, project)).statusCode).toBe(200);
    expect((await obtain(svc, other, project)).statusCode).toBe(200);
    return project;
  }

  const clarify = (project: TestProject, body: Record<string, unknown>) =>
    post(svc, tenderer, `/api/projects/${project.projectId}/clarifications`, {
      title: '关于招标文件的澄清',
      body: '第三章评分标准调整。',
      ...body,
    });

  it('T4: 15 days before the bid deadline is accepted, delivered to every obtainer, and sent to the hub', async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-10 23:59'));
    const outboxBefore = await count(svc, 'outbox');
    const response = await clarify(project, {});
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ kind: 'tender', affectsPreparation: true, newBidDeadline: null });
    for (const who of [bidder, other]) {
      const notices = await get(svc, who, `/api/notices?projectId=${project.projectId}`);
      expect(notices.json().items).toEqual([
        expect.objectContaining({ kind: 'clarification', objectId: response.json().id, readAt: null }),
      ]);
    }
    expect((await get(svc, outsider, `/api/notices?projectId=${project.projectId}`)).json().total).toBe(0);
    expect(await count(svc, 'outbox')).toBe(outboxBefore + 1);
    const outbox = await db(svc)
      .selectFrom('outbox')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(outbox).toMatchObject({
      dataSetCode: '504',
      eventType: 'clarification.published',
      aggregateId: project.projectId,
    });
    const audit = await db(svc)
      .selectFrom('auditEvent')
      .selectAll()
      .where('objectId', '=', response.json().id)
      .execute();
    expect(audit.map((e) => e.action)).toEqual(['clarification.published']);
    expect(audit[0]!.detail).not.toMatch(/bidder|other|recipient/);
    const list = await get(svc, outsider, `/api/projects/${project.projectId}/clarifications`);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: response.json().id }] });
  });

  it('T4: 14 days before the bid deadline is refused, naming the earliest lawful deadline, and changes nothing', async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-11 00:00'));
    const before = await Promise.all([count(svc, 'auditEvent'), count(svc, 'outbox'), count(svc, 'notice')]);
    const response = await clarify(project, {});
    expect(response.statusCode).toBe(422);
    const error = errorOf(response);
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.message).toContain('T4');
    expect(error.message).toContain('第21条');
    expect(error.message).toContain('实为 14 日');
    expect(error.message).toContain('2026-03-26 10:00');
    const en = await post(
      svc,
      tenderer,
      `/api/projects/${project.projectId}/clarifications`,
      { title: 't', body: 'b' },
      {
        'accept-language': 'en-US',
      },
    );
    expect(errorOf(en).message).toContain('the earliest that complies is 2026-03-26 10:00 CST');
    expect(errorOf(response).details?.[0]).toMatchObject({ path: 'T4', code: 'RULE_VIOLATION' });
    expect(await Promise.all([count(svc, 'auditEvent'), count(svc, 'outbox'), count(svc, 'notice')])).toEqual(
      before,
    );
    expect((await announcementOf(svc, project)).bidDeadline).toBe(schedule.bidDeadline);
  });

  it('E4: an extended deadline keeps who obtained the documents out of the audit listing until the new deadline', async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-11 08:00'));
    expect((await clarify(project, { newBidDeadline: cst('2026-03-27 10:00') })).statusCode).toBe(201);
    const obtained = () =>
      get(svc, operator, `/api/audit-events?action=document.obtained&pageSize=200`).then((r) =>
        (r.json().items as { detail: string }[]).filter((e) => e.detail.includes(project.projectId)),
      );
    svc.clock.set(schedule.bidDeadline); // the old deadline
    expect(await obtained()).toEqual([]);
    svc.clock.set(cst('2026-03-27 10:00'));
    expect(await obtained()).toHaveLength(2);
  });

  it('T4: 14 days before is accepted with a lawful extension; the opening moves with the deadline (T6)', async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-11 08:00'));
    const short = await clarify(project, { newBidDeadline: cst('2026-03-25 23:00') });
    expect(short.statusCode).toBe(422);
    expect(errorOf(short).message).toContain('2026-03-26 23:00');
    const earlier = await clarify(project, { newBidDeadline: cst('2026-03-20 10:00') });
    expect(earlier.statusCode).toBe(400);
    expect(errorOf(earlier).details?.[0]).toMatchObject({ path: 'newBidDeadline', code: 'not_later' });
    const response = await clarify(project, { newBidDeadline: cst('2026-03-26 10:00') });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      previousBidDeadline: schedule.bidDeadline,
      newBidDeadline: cst('2026-03-26 10:00'),
    });
    const announcement = await announcementOf(svc, project);
    expect(announcement.bidDeadline).toBe(cst('2026-03-26 10:00'));
    expect(announcement.openingAt).toBe(cst('2026-03-26 10:00'));
    const outbox = await db(svc)
      .selectFrom('outbox')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(outbox.payload)).toMatchObject({
      bidDeadline: cst('2026-03-26 10:00'),
      openingAt: cst('2026-03-26 10:00'),
    });
  });

  it('T4 does not apply to a clarification that cannot affect bid preparation', async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-20 08:00'));
    const response = await clarify(project, { affectsPreparation: false });
    expect(response.statusCode).toBe(201);
  });

  it('T4P: 3 days before the pre-qualification deadline is accepted, 2 days refused with the earliest date', async () => {
    const project = await obtainedProject('pre');
    svc.clock.set(cst('2026-03-14 00:00'));
    const late = await clarify(project, { kind: 'prequalification' });
    expect(late.statusCode).toBe(422);
    expect(errorOf(late).message).toContain('T4P');
    expect(errorOf(late).message).toContain('实为 2 日');
    expect(errorOf(late).message).toContain('2026-03-17 10:00');
    const extended = await clarify(project, {
      kind: 'prequalification',
      newPrequalificationDeadline: cst('2026-03-17 10:00'),
    });
    expect(extended.statusCode).toBe(201);
    expect((await announcementOf(svc, project)).prequalificationDeadline).toBe(cst('2026-03-17 10:00'));

    const second = await obtainedProject('pre');
    svc.clock.set(cst('2026-03-13 23:59'));
    expect((await clarify(second, { kind: 'prequalification' })).statusCode).toBe(201);
  });

  it('an amendment replaces a document version only through its clarification', async () => {
    svc.clock.set(cst('2026-03-01 10:00'));
    const project = await aProject(svc, { tenderer, schedule, published: false });
    const v1 = await uploadDocument(svc, tenderer, project, { content: 'v1' });
    await publish(svc, project);
    svc.clock.set(cst('2026-03-03 10:00'));
    await obtain(svc, bidder, project);
    const v2 = await uploadDocument(svc, tenderer, project, {
      documentId: v1.json().documentId,
      content: 'v2',
    });
    expect(v2.json().status).toBe('pending');
    const bogus = await clarify(project, { documentVersionIds: [v1.json().id] });
    expect(bogus.statusCode).toBe(400);
    const response = await clarify(project, {
      affectsPreparation: false,
      documentVersionIds: [v2.json().id],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ affectsPreparation: true, documentVersionIds: [v2.json().id] });
    const docs = await get(svc, bidder, `/api/projects/${project.projectId}/documents`);
    expect(docs.json().items[0].current).toMatchObject({ version: 2, clarificationId: response.json().id });
    const download = await get(
      svc,
      bidder,
      `/api/projects/${project.projectId}/documents/versions/${v2.json().id}/content`,
    );
    expect(download.body).toBe('v2');
  });

  it("notices page and filter; marking one read is the recipient's alone and sealed until the deadline", async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-05 10:00'));
    await clarify(project, { title: '第一次澄清' });
    svc.clock.set(cst('2026-03-05 10:01'));
    await clarify(project, { title: '第二次澄清' });
    const page1 = await get(svc, bidder, `/api/notices?projectId=${project.projectId}&pageSize=1`);
    expect(page1.json()).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ title: '第二次澄清' }] });
    const page2 = await get(svc, bidder, `/api/notices?projectId=${project.projectId}&pageSize=1&page=2`);
    expect(page2.json().items[0].title).toBe('第一次澄清');
    const id = page1.json().items[0].id as string;
    expect((await post(svc, other, `/api/notices/${id}/read`)).statusCode).toBe(404);
    const read = await post(svc, bidder, `/api/notices/${id}/read`);
    expect(read.json()).toMatchObject({ id, readAt: cst('2026-03-05 10:01') });
    svc.clock.set(cst('2026-03-05 11:00'));
    expect((await post(svc, bidder, `/api/notices/${id}/read`)).json().readAt).toBe(cst('2026-03-05 10:01'));
    const unread = await get(svc, bidder, `/api/notices?projectId=${project.projectId}&unread=true`);
    expect(unread.json().total).toBe(1);
    const event = await db(svc)
      .selectFrom('auditEvent')
      .selectAll()
      .where('action', '=', 'notice.read')
      .where('objectId', '=', id)
      .executeTakeFirstOrThrow();
    expect(event.sealKey).toBe(`tender:${project.projectId}`);
    const listing = await get(svc, operator, '/api/audit-events?action=notice.read');
    expect(listing.json().total).toBe(0);
    expect((await get(svc, bidder, '/api/notices?pageSize=500')).statusCode).toBe(400);
  });

  it('only the tenderer or its agency publishes; a bidder or the operator is refused', async () => {
    const project = await obtainedProject();
    for (const who of [bidder, operator]) {
      const response = await post(svc, who, `/api/projects/${project.projectId}/clarifications`, {
        title: 't',
        body: 'b',
      });
      expect(response.statusCode).toBe(403);
    }
    const stranger = await party(svc, ['tenderer'], 'stranger');
    expect(
      (
        await post(svc, stranger, `/api/projects/${project.projectId}/clarifications`, {
          title: 't',
          body: 'b',
        })
      ).statusCode,
    ).toBe(403);
    const invalid = await post(svc, tenderer, `/api/projects/${project.projectId}/clarifications`, {
      title: '',
      body: 'b',
    });
    expect(invalid.statusCode).toBe(400);
  });
});
