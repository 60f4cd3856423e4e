import { canonicalJson } from '../../../src/domain/canonical-json.ts';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../src/domain/roles.ts';
import { type TradingDb, tradingDb } from '../../../src/trading/schema.ts';
import { PASSWORD, type TestService } from '../../support/services.ts';

/** What a comprehensive-evaluation section states: weights summing to 100, the price one of them. */
const TEST_CRITERIA = canonicalJson([
  { name: '技术', weight: 40 },
  { name: '商务', weight: 20 },
  { name: '投标报价', weight: 40 },
]);

/** A signed-in user of a fresh organisation; signs in again when the test clock has moved on. */
export interface Party {
  token: string;
  signedInAt: number;
  readonly username: string;
  readonly organisationId: string;
  readonly userId: string;
}

export interface ScheduleInput {
  readonly documentIssueStart: string;
  readonly documentIssueEnd: string;
  readonly bidDeadline: string;
  readonly prequalificationDeadline?: string | null;
}

export interface ProjectInput {
  readonly tenderer: Party;
  readonly schedule: ScheduleInput;
  readonly qualification?: 'pre' | 'post';
  readonly procedure?: 'open' | 'invited';
  readonly invitedOrganisationIds?: string[];
  /** false: a draft, not yet published. */
  readonly published?: boolean;
  readonly name?: string;
}

export interface TestProject {
  readonly projectId: string;
  readonly announcementId: string;
}

let serial = 0;

export function db(svc: TestService): TradingDb {
  return tradingDb(svc.store.db);
}

export async function party(svc: TestService, roles: Role[], name = 'user'): Promise<Party> {
  const username = `${name}${++serial}x${Math.floor(Math.random() * 1e6)}`;
  const user = await svc.userWithRoles(roles, username);
  return { ...user, username, signedInAt: svc.clock.now().getTime() };
}

/** Sessions last 12 hours of test-clock time: sign in again after an hour or when time went back. */
async function tokenOf(svc: TestService, who: Party): Promise<string> {
  const now = svc.clock.now().getTime();
  if (now - who.signedInAt > 3_600_000 || now < who.signedInAt) {
    const response = await svc.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: who.username, password: PASSWORD },
    });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
    who.token = response.json().token as string;
    who.signedInAt = now;
  }
  return who.token;
}

/**
 * Until the projects work provides its use cases, a project, a section and an announcement are
 * written straight into the tables, published or not, with the schedule the test chooses.
 */
export async function aProject(svc: TestService, input: ProjectInput): Promise<TestProject> {
  const now = svc.clock.now().toISOString();
  const projectId = randomUUID();
  const announcementId = randomUUID();
  const published = input.published ?? true;
  const n = ++serial;
  await db(svc)
    .insertInto('tenderProject')
    .values({
      id: projectId,
      dealCode: `E3501000000${String(n).padStart(6, '0')}${randomUUID().slice(0, 6)}`,
      name: input.name ?? `测试项目 ${n}`,
      tendererOrganisationId: input.tenderer.organisationId,
      agencyOrganisationId: null,
      entrustmentId: null,
      procedure: input.procedure ?? 'open',
      qualification: input.qualification ?? 'post',
      mustTender: 1,
      stateFunded: 1,
      region: '350100',
      industry: null,
      status: published ? 'published' : 'draft',
      pausedAt: null,
      publishedAt: published ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await db(svc)
    .insertInto('tenderSection')
    .values({
      id: randomUUID(),
      projectId,
      code: `${projectId.slice(0, 8)}-001`,
      name: '第一标段',
      estimatedPriceFen: 100_000_000,
      controlPriceFen: null,
      referencePriceFen: null,
      bidBondFen: 1_000_000,
      bidValidityDays: 90,
      evaluationMethod: 'comprehensive',
      criteria: TEST_CRITERIA,
      createdAt: now,
    })
    .execute();
  await db(svc)
    .insertInto('announcement')
    .values({
      id: announcementId,
      projectId,
      kind: input.qualification === 'pre' ? 'prequalification' : 'tender',
      title: '招标公告',
      body: '公告正文',
      documentIssueStart: input.schedule.documentIssueStart,
      documentIssueEnd: input.schedule.documentIssueEnd,
      bidDeadline: input.schedule.bidDeadline,
      openingAt: input.schedule.bidDeadline,
      prequalificationDeadline: input.schedule.prequalificationDeadline ?? null,
      objectionContact: '招标人 0591-00000000',
      invitedOrganisationIds: JSON.stringify(input.invitedOrganisationIds ?? []),
      publishedAt: published ? now : null,
      createdAt: now,
    })
    .execute();
  return { projectId, announcementId };
}

/** Publishes a draft made by `aProject(…, { published: false })`. */
export async function publish(svc: TestService, project: TestProject): Promise<void> {
  const now = svc.clock.now().toISOString();
  await db(svc)
    .updateTable('tenderProject')
    .set({ status: 'published', publishedAt: now })
    .where('id', '=', project.projectId)
    .execute();
  await db(svc)
    .updateTable('announcement')
    .set({ publishedAt: now })
    .where('id', '=', project.announcementId)
    .execute();
}

/** An agency organisation holding the tenderer's entrustment for the project. */
export async function anEntrustedAgency(
  svc: TestService,
  project: TestProject,
  tenderer: Party,
): Promise<Party> {
  const agency = await party(svc, ['agency'], 'agency');
  const entrustmentId = randomUUID();
  await db(svc)
    .insertInto('entrustment')
    .values({
      id: entrustmentId,
      tendererOrganisationId: tenderer.organisationId,
      agencyOrganisationId: agency.organisationId,
      scope: 'whole',
      validUntil: null,
      createdAt: svc.clock.now().toISOString(),
      revokedAt: null,
    })
    .execute();
  await db(svc)
    .updateTable('tenderProject')
    .set({ agencyOrganisationId: agency.organisationId, entrustmentId })
    .where('id', '=', project.projectId)
    .execute();
  return agency;
}

export async function announcementOf(svc: TestService, project: TestProject) {
  return db(svc)
    .selectFrom('announcement')
    .selectAll()
    .where('id', '=', project.announcementId)
    .executeTakeFirstOrThrow();
}

export async function projectRow(svc: TestService, project: TestProject) {
  return db(svc)
    .selectFrom('tenderProject')
    .selectAll()
    .where('id', '=', project.projectId)
    .executeTakeFirstOrThrow();
}

export async function count(
  svc: TestService,
  table: 'auditEvent' | 'outbox' | 'notice' | 'clarification' | 'objection',
): Promise<number> {
  const rows = await db(svc)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(rows.n);
}

export async function auth(svc: TestService, who: Party): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenOf(svc, who)}` };
}

export async function get(
  svc: TestService,
  who: Party,
  url: string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return svc.app.inject({ method: 'GET', url, headers: { ...(await auth(svc, who)), ...headers } });
}

export async function post(
  svc: TestService,
  who: Party,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return svc.app.inject({
    method: 'POST',
    url,
    headers: { ...(await auth(svc, who)), ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

export async function upload(
  svc: TestService,
  who: Party,
  url: string,
  content: Buffer,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return svc.app.inject({
    method: 'POST',
    url,
    headers: { ...(await auth(svc, who)), 'content-type': 'application/octet-stream', ...headers },
    payload: content,
  });
}

export async function uploadDocument(
  svc: TestService,
  who: Party,
  project: TestProject,
  options: {
    kind?: 'tender' | 'prequalification';
    filename?: string;
    content?: string;
    documentId?: string;
  } = {},
): Promise<LightMyRequestResponse> {
  const query = new URLSearchParams({
    kind: options.kind ?? 'tender',
    filename: options.filename ?? '招标文件.pdf',
  });
  if (options.documentId) query.set('documentId', options.documentId);
  return upload(
    svc,
    who,
    `/api/projects/${project.projectId}/documents?${query}`,
    Buffer.from(options.content ?? 'tender documents v1'),
  );
}

export async function obtain(
  svc: TestService,
  who: Party,
  project: TestProject,
): Promise<LightMyRequestResponse> {
  return post(svc, who, `/api/projects/${project.projectId}/documents/obtain`);
}

/** CST wall time (UTC+8) as an ISO instant: cst('2026-03-22 10:00'). */
export function cst(wall: string): string {
  return new Date(`${wall.replace(' ', 'T')}:00+08:00`).toISOString();
}
