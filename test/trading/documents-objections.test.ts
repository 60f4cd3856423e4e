import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPaused } from '../../src/trading/documents/pause.ts';
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
  projectRow,
} from './support/tender-factory.ts';

const schedule = {
  documentIssueStart: cst('2026-03-02 09:00'),
  documentIssueEnd: cst('2026-03-09 17:00'),
  bidDeadline: cst('2026-03-25 10:00'),
};
const prequalificationSchedule = {
  ...schedule,
  prequalificationDeadline: cst('2026-03-16 10:00'),
  bidDeadline: cst('2026-04-20 10:00'),
};

describe.each(DIALECTS)('objections (T5, T5P, T5R, pause) on %s', (dialect) => {
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
    await obtain(svc, bidder, project);
    await obtain(svc, other, project);
    return project;
  }
  const object = (who: Party, project: TestProject, kind: 'tender' | 'prequalification' = 'tender') =>
    post(svc, who, `/api/projects/${project.projectId}/objections`, {
      kind,
      body: '评分标准排斥潜在投标人。',
    });
  const reply = (project: TestProject, objectionId: string) =>
    post(svc, tenderer, `/api/projects/${project.projectId}/objections/${objectionId}/reply`, {
      reply: '已修改评分标准。',
    });

  it('T5: 10 days before the bid deadline is accepted; 9 days refused with the latest date it was possible', async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-16 00:00'));
    await get(svc, bidder, '/api/notices');
    const before = await Promise.all([count(svc, 'auditEvent'), count(svc, 'objection')]);
    const late = await object(bidder, project);
    expect(late.statusCode).toBe(422);
    expect(errorOf(late).code).toBe('RULE_VIOLATION');
    expect(errorOf(late).message).toContain('T5');
    expect(errorOf(late).message).toContain('第22条');
    expect(errorOf(late).message).toContain('实为 9 日');
    expect(errorOf(late).message).toContain('2026-03-15 23:59');
    expect(await Promise.all([count(svc, 'auditEvent'), count(svc, 'objection')])).toEqual(before);
    expect((await projectRow(svc, project)).pausedAt).toBeNull();

    svc.clock.set(cst('2026-03-15 23:59'));
    const inTime = await object(bidder, project);
    expect(inTime.statusCode).toBe(201);
    expect(inTime.json()).toMatchObject({
      kind: 'tender',
      replyDueAt: cst('2026-03-18 23:59'),
      overdue: false,
      reply: null,
    });
  });

  it('T5P: 2 days before the pre-qualification deadline is accepted; 1 day refused', async () => {
    const project = await obtainedProject('pre');
    svc.clock.set(cst('2026-03-15 00:00'));
    const late = await object(bidder, project, 'prequalification');
    expect(late.statusCode).toBe(422);
    expect(errorOf(late).message).toContain('T5P');
    expect(errorOf(late).message).toContain('实为 1 日');
    expect(errorOf(late).message).toContain('2026-03-14 23:59');
    svc.clock.set(cst('2026-03-14 23:59'));
    expect((await object(bidder, project, 'prequalification')).statusCode).toBe(201);
  });

  it('only an organisation that obtained the documents may object', async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-05 10:00'));
    const response = await object(outsider, project);
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).message).toBe('贵单位未获取招标文件，不能执行此操作');
    expect(
      (await post(svc, tenderer, `/api/projects/${project.projectId}/objections`, { body: 'x' })).statusCode,
    ).toBe(403);
  });

  it('T5R: the reply is due in 3 days; listings flag it overdue after that', async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-05 10:00'));
    const raised = await object(bidder, project);
    const url = `/api/projects/${project.projectId}/objections/${raised.json().id}`;
    svc.clock.set(cst('2026-03-08 10:00'));
    expect((await get(svc, tenderer, url)).json().overdue).toBe(false);
    svc.clock.set(cst('2026-03-08 10:01'));
    expect((await get(svc, tenderer, url)).json().overdue).toBe(true);
    const list = await get(svc, tenderer, `/api/projects/${project.projectId}/objections?answered=false`);
    expect(list.json().items[0]).toMatchObject({ id: raised.json().id, overdue: true });
    await reply(project, raised.json().id);
    expect((await get(svc, bidder, url)).json()).toMatchObject({ overdue: true, reply: '已修改评分标准。' });
  });

  it('pauses the tender until every objection is answered, then moves the deadline and opening by the pause', async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-05 10:00'));
    const first = await object(bidder, project);
    expect(await isPaused(svc.store.db, project.projectId)).toBe(true);
    expect((await projectRow(svc, project)).status).toBe('published');
    svc.clock.set(cst('2026-03-06 10:00'));
    const second = await object(other, project);
    expect((await get(svc, tenderer, `/api/projects/${project.projectId}/objections`)).json()).toMatchObject({
      paused: true,
      total: 2,
    });
    const raisedNotices = await get(
      svc,
      tenderer,
      `/api/notices?kind=objection_raised&projectId=${project.projectId}`,
    );
    expect(raisedNotices.json().total).toBe(2);

    svc.clock.set(cst('2026-03-07 10:00'));
    expect((await reply(project, first.json().id)).statusCode).toBe(200);
    expect(await isPaused(svc.store.db, project.projectId)).toBe(true);
    expect((await announcementOf(svc, project)).bidDeadline).toBe(schedule.bidDeadline);
    const objectorNotices = await get(
      svc,
      bidder,
      `/api/notices?kind=objection_reply&projectId=${project.projectId}`,
    );
    expect(objectorNotices.json().items).toEqual([
      expect.objectContaining({ objectId: first.json().id, body: '已修改评分标准。' }),
    ]);
    expect(
      (await get(svc, other, `/api/notices?kind=objection_reply&projectId=${project.projectId}`)).json()
        .total,
    ).toBe(0);

    svc.clock.set(cst('2026-03-08 16:00'));
    const outboxBefore = await count(svc, 'outbox');
    expect((await reply(project, second.json().id)).statusCode).toBe(200);
    expect(await isPaused(svc.store.db, project.projectId)).toBe(false);
    const announcement = await announcementOf(svc, project);
    // paused from 03-05 10:00 to 03-08 16:00: 3 days 6 hours
    expect(announcement.bidDeadline).toBe(cst('2026-03-28 16:00'));
    expect(announcement.openingAt).toBe(cst('2026-03-28 16:00'));
    expect(await count(svc, 'outbox')).toBe(outboxBefore + 1);
    const outbox = await db(svc)
      .selectFrom('outbox')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(outbox).toMatchObject({ dataSetCode: '504', aggregateId: project.projectId });
    for (const who of [bidder, other]) {
      const notices = await get(
        svc,
        who,
        `/api/notices?kind=schedule_changed&projectId=${project.projectId}`,
      );
      expect(notices.json().items[0].title).toContain('2026-03-28 16:00');
    }
    const resumed = await db(svc)
      .selectFrom('auditEvent')
      .selectAll()
      .where('action', '=', 'objection.tender_resumed')
      .where('objectId', '=', project.projectId)
      .execute();
    expect(resumed).toHaveLength(1);
    const clarifications = await get(
      svc,
      outsider,
      `/api/projects/${project.projectId}/clarifications?kind=schedule`,
    );
    expect(clarifications.json().items[0]).toMatchObject({ newBidDeadline: cst('2026-03-28 16:00') });
    const again = await reply(project, second.json().id);
    expect(again.statusCode).toBe(409);
  });

  it('while paused past the old deadline the obtainers stay secret: the deadline has not really passed', async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-05 10:00'));
    await object(bidder, project);
    svc.clock.set(cst('2026-03-26 10:00'));
    const response = await get(svc, tenderer, `/api/projects/${project.projectId}/documents/obtainers`);
    expect(response.statusCode).toBe(409);
    expect(response.body).not.toContain(bidder.organisationId);
    expect(response.body).not.toContain(other.organisationId);
  });

  it('objectors are shown to the tenderer but not to other bidders or the operator', async () => {
    const project = await obtainedProject();
    svc.clock.set(cst('2026-03-05 10:00'));
    const mine = await object(bidder, project);
    const url = `/api/projects/${project.projectId}/objections`;
    const forTenderer = await get(svc, tenderer, url);
    expect(forTenderer.json().items[0]).toMatchObject({ organisationId: bidder.organisationId });
    const forBidder = await get(svc, bidder, url);
    expect(forBidder.json()).toMatchObject({ total: 1, items: [{ id: mine.json().id }] });
    for (const who of [other, outsider]) {
      const response = await get(svc, who, url);
      expect(response.json()).toMatchObject({ total: 0, items: [], paused: true });
      expect(response.body).not.toContain(bidder.organisationId);
      expect((await get(svc, who, `${url}/${mine.json().id}`)).statusCode).toBe(404);
    }
    expect((await get(svc, operator, url)).statusCode).toBe(403);
    const audit = await get(svc, operator, '/api/audit-events?pageSize=200');
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions).not.toContain('objection.raised');
    expect(actions).not.toContain('objection.tender_paused');
    expect(actions).not.toContain('document.obtained');
    expect(audit.body).not.toContain(mine.json().id);
  });
});
