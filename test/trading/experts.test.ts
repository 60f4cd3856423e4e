import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawCrypto } from '../../src/crypto/portable/draw-random.ts';
import type { Actor } from '../../src/domain/actor.ts';
import { drawCommitment, type DrawLog } from '../../src/domain/evaluation/expert-draw.ts';
import { getCommittee } from '../../src/trading/experts/get-committee.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { runZhaocai } from '../support/processes.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import {
  aPublishedSection,
  auth,
  ensureObtained,
  relate,
  submitBid,
  type BidSection,
} from './support/bid-factory.ts';

type User = { token: string; organisationId: string; userId: string };

const dir = mkdtempSync(join(tmpdir(), 'zhaocai-draw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let idSerial = 0;
/** A well-formed 18-digit ID number (the check digit is not verified by the pool). */
function anIdNumber(): string {
  return (
    `350102199001${String(++idSerial).padStart(5, '0')}${Math.floor(Math.random() * 10)}`.slice(0, 17) + 'X'
  );
}

describe.each(DIALECTS)('expert pool and committee draw on %s', (dialect) => {
  let svc: TestService;
  let operator: User;
  let section: BidSection;
  let bidders: User[];
  let outsider: User;
  let expertUser: User;
  let relatedOrg: User;
  const sm3 = drawCrypto('sm3');
  const tendererValue = randomBytes(32).toString('hex');
  const experts: Record<string, string> = {};
  const evaluationAt = '2026-03-03T02:00:00.000Z';

  const call = async (
    method: 'GET' | 'POST' | 'PUT',
    who: User,
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> =>
    svc.app.inject({ method, url, headers: auth(who.token), ...(payload ? { payload } : {}) });
  const committeeUrl = () => `/api/sections/${section.sectionId}/committee`;
  const tenderer = (): User => ({ ...section.tenderer, userId: '' });

  async function addExpert(key: string, body: Record<string, unknown>): Promise<string> {
    const response = await call('POST', operator, '/api/experts', {
      name: `专家${key}`,
      idNumber: anIdNumber(),
      specialties: ['civil'],
      region: '350100',
      category: 'technical',
      ...body,
    });
    expect(response.statusCode, response.body).toBe(200);
    experts[key] = response.json().id;
    return experts[key]!;
  }

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    operator = await svc.userWithRoles(['platform_operator'], `op-${randomUUID().slice(0, 8)}`);
    section = await aPublishedSection(svc);
    bidders = [];
    for (let i = 0; i < 2; i += 1) {
      const bidder = await svc.userWithRoles(['bidder'], `bidder-${randomUUID().slice(0, 8)}`);
      await ensureObtained(svc, bidder.token, section.sectionId);
      expect((await submitBid(svc, bidder.token, section.sectionId)).statusCode).toBe(201);
      bidders.push(bidder);
    }
    outsider = await svc.userWithRoles(['bidder'], `outsider-${randomUUID().slice(0, 8)}`);
    expertUser = await svc.userWithRoles(['expert'], `expert-${randomUUID().slice(0, 8)}`);
    relatedOrg = await svc.userWithRoles(['bidder'], `related-${randomUUID().slice(0, 8)}`);
    await relate(svc, 'controls', bidders[1]!.organisationId, relatedOrg.organisationId);

    for (let i = 0; i < 8; i += 1) await addExpert(`civil${i}`, {});
    for (let i = 0; i < 3; i += 1)
      await addExpert(`cost${i}`, { specialties: ['cost'], category: 'economic' });
    await addExpert('atBidder', { employerOrganisationId: bidders[0]!.organisationId });
    await addExpert('atRelated', { employerOrganisationId: relatedOrg.organisationId });
    await addExpert('away', {});
    await addExpert('water', { specialties: ['water', 'civil'], region: '110000' });
  });

  afterAll(async () => svc?.close());

  describe('pool', () => {
    it('creates, updates and never returns the ID number', async () => {
      const response = await call('GET', operator, `/api/experts?specialty=water`);
      expect(response.statusCode).toBe(200);
      const [water] = response.json().items;
      expect(water).toMatchObject({ id: experts.water, specialties: ['civil', 'water'], region: '110000' });
      expect(JSON.stringify(water)).not.toMatch(/idNumber/);

      const updated = await call('PUT', operator, `/api/experts/${experts.water}`, {
        name: '王工',
        specialties: ['water'],
      });
      expect(updated.json()).toMatchObject({ name: '王工', specialties: ['water'], category: 'technical' });
      await call('PUT', operator, `/api/experts/${experts.water}`, { specialties: ['water', 'civil'] });
    });

    it('refuses a second entry for the same ID number and non-operators', async () => {
      const idNumber = anIdNumber();
      const body = { name: '甲', idNumber, specialties: ['law'], region: '350100', category: 'economic' };
      expect((await call('POST', operator, '/api/experts', body)).statusCode).toBe(200);
      const again = await call('POST', operator, '/api/experts', {
        ...body,
        idNumber: idNumber.toLowerCase(),
      });
      expect(again.statusCode).toBe(400);
      expect(errorOf(again).details?.[0]?.code).toBe('already_registered');
      expect((await call('GET', tenderer(), '/api/experts')).statusCode).toBe(403);
      expect((await call('POST', bidders[0]!, '/api/experts', body)).statusCode).toBe(403);
    });

    it('filters by specialty, region, category and availability, paged', async () => {
      const unavailable = [{ startsAt: '2026-03-03T00:00:00.000Z', endsAt: '2026-03-04T00:00:00.000Z' }];
      const set = await call('PUT', operator, `/api/experts/${experts.away}/availability`, { unavailable });
      expect(set.json().unavailable).toEqual(unavailable);
      const list = async (query: string) => (await call('GET', operator, `/api/experts?${query}`)).json();
      expect((await list('specialty=civil')).total).toBe(12);
      expect((await list('specialty=cost&category=economic')).total).toBe(3);
      expect((await list('region=110000')).items.map((e: { id: string }) => e.id)).toEqual([experts.water]);
      const at = await list(`specialty=civil&availableAt=${encodeURIComponent(evaluationAt)}`);
      expect(at.total).toBe(11);
      expect(at.items.map((e: { id: string }) => e.id)).not.toContain(experts.away);
      expect((await list(`specialty=civil&availableAt=2026-03-05T00:00:00Z`)).total).toBe(12);
      const page = await list('pageSize=5&page=4');
      expect(page).toMatchObject({ total: 16, page: 4, pageSize: 5 });
      expect(page.items).toHaveLength(1);
    });
  });

  describe('commit–reveal–draw', () => {
    const composition = {
      size: 5,
      requirements: [
        { specialty: 'civil', category: 'technical', count: 4 },
        { specialty: 'cost', category: 'economic', count: 1 },
      ],
      evaluationAt,
    };

    it('refuses a committee against C5 or with designated experts (C6)', async () => {
      const four = await call('POST', tenderer(), committeeUrl(), {
        ...composition,
        size: 4,
        requirements: [{ specialty: 'civil', category: 'technical', count: 4 }],
      });
      expect(four.statusCode).toBe(422);
      expect(errorOf(four).message).toMatch(/C5/);
      const named = await call('POST', tenderer(), committeeUrl(), {
        ...composition,
        designatedExpertIds: [experts.civil0],
      });
      expect(named.statusCode).toBe(422);
      expect(errorOf(named).message).toMatch(/C6/);
      expect((await call('POST', bidders[0]!, committeeUrl(), composition)).statusCode).toBe(403);
    });

    it('requests, commits, freezes after the deadline, reveals and draws', async () => {
      const requested = await call('POST', tenderer(), committeeUrl(), composition);
      expect(requested.statusCode, requested.body).toBe(200);
      expect(requested.json()).toMatchObject({ status: 'committing', algorithm: 'sm3' });
      expect(requested.json().parties.map((p: { party: string }) => p.party)).toEqual(['platform']);

      const commitment = drawCommitment(sm3, 'tenderer', tendererValue);
      const committed = await call('POST', tenderer(), `${committeeUrl()}/commitments`, {
        party: 'tenderer',
        commitment,
      });
      expect(committed.statusCode, committed.body).toBe(200);
      expect(
        (await call('POST', tenderer(), `${committeeUrl()}/commitments`, { party: 'tenderer', commitment }))
          .statusCode,
      ).toBe(409);
      expect(
        (
          await call('POST', tenderer(), `${committeeUrl()}/reveals`, {
            party: 'tenderer',
            value: tendererValue,
          })
        ).statusCode,
      ).toBe(409);

      const early = await call('POST', operator, `${committeeUrl()}/freeze`);
      expect(early.statusCode).toBe(422);
      expect(errorOf(early).message).toMatch(/E4/);

      svc.clock.set(new Date(Date.parse(section.deadline) + 60_000).toISOString());
      const frozen = await call('POST', operator, `${committeeUrl()}/freeze`);
      expect(frozen.statusCode, frozen.body).toBe(200);
      // 16 in the pool, minus the two with an interest and the one away at the evaluation time.
      expect(frozen.json()).toMatchObject({ status: 'frozen', eligibleCount: 13 });
      const supervisor = frozen.json().parties.find((p: { party: string }) => p.party === 'supervisor');
      expect(supervisor).toMatchObject({ substituted: true, value: null });

      const recusals = await tradingDb(svc.store.db).selectFrom('expertRecusal').selectAll().execute();
      expect(Object.fromEntries(recusals.map((r) => [r.expertId, r.ground]))).toEqual({
        [experts.atBidder!]: 'employed_by_bidder',
        [experts.atRelated!]: 'employer_related',
      });

      const wrong = await call('POST', tenderer(), `${committeeUrl()}/reveals`, {
        party: 'tenderer',
        value: randomBytes(32).toString('hex'),
      });
      expect(wrong.statusCode).toBe(400);
      expect(errorOf(wrong).details?.[0]?.code).toBe('commitment_mismatch');
      expect((await call('POST', operator, `${committeeUrl()}/draw`)).statusCode).toBe(409);

      const revealed = await call('POST', tenderer(), `${committeeUrl()}/reveals`, {
        party: 'tenderer',
        value: tendererValue,
      });
      expect(revealed.statusCode, revealed.body).toBe(200);
      const drawn = await call('POST', operator, `${committeeUrl()}/draw`);
      expect(drawn.statusCode, drawn.body).toBe(200);
      expect(drawn.json().status).toBe('drawn');
      expect(drawn.json().seats).toHaveLength(5);
      expect(drawn.json().parties.every((p: { value: string | null }) => p.value)).toBe(true);

      const log = (await call('GET', operator, `${committeeUrl()}/draw-log`)).json().log as DrawLog;
      const seated = log.result.seats.map((s) => s.expertId);
      for (const key of ['atBidder', 'atRelated', 'away']) expect(seated).not.toContain(experts[key]);
      expect(log.eligible.experts.map((e) => e.expertId)).not.toContain(experts.atBidder);

      const actions = (
        await tradingDb(svc.store.db)
          .selectFrom('auditEvent')
          .select('action')
          .where('action', 'like', 'committee.%')
          .execute()
      ).map((a) => a.action);
      for (const action of [
        'committee.requested',
        'committee.draw_committed',
        'committee.draw_substituted',
        'committee.frozen',
        'committee.draw_revealed',
        'committee.drawn',
      ]) {
        expect(actions).toContain(action);
      }
    });

    it('keeps names confidential per role until the result is published (法 37)', async () => {
      const log = (await call('GET', operator, `${committeeUrl()}/draw-log`)).json().log as DrawLog;
      const mine = log.result.seats[0]!;
      await call('PUT', operator, `/api/experts/${mine.expertId}`, { userId: expertUser.userId });
      const names = async (who: User) => {
        const response = await call('GET', who, committeeUrl());
        expect(response.statusCode, response.body).toBe(200);
        return response.json().seats.map((s: { expert: { name: string } | null }) => s.expert?.name ?? null);
      };
      for (const who of [tenderer(), bidders[0]!, bidders[1]!, operator]) {
        expect(await names(who)).toEqual([null, null, null, null, null]);
      }
      expect((await call('GET', outsider, committeeUrl())).statusCode).toBe(403);
      const own = await names(expertUser);
      expect(own[0]).not.toBeNull();
      expect(own.slice(1)).toEqual([null, null, null, null]);

      // Supervisors act from the supervision platform; the use case shows them every name.
      const supervisorActor: Actor = {
        userId: randomUUID(),
        username: 'supervisor',
        organisationId: null,
        roles: ['supervisor'],
        ip: '127.0.0.1',
        userAgent: null,
      };
      const seen = await getCommittee(
        { db: svc.store.db, clock: svc.clock, actor: supervisorActor, platform: 'trading' },
        { sectionId: section.sectionId },
      );
      expect(seen.namesVisible).toBe(true);
      expect(seen.seats.every((s) => s.expert !== null && s.expert.name.length > 0)).toBe(true);

      await tradingDb(svc.store.db)
        .updateTable('tenderSection')
        .set({ resultPublishedAt: svc.clock.now().toISOString() })
        .where('id', '=', section.sectionId)
        .execute();
      expect((await names(tenderer())).every((n: string | null) => n !== null)).toBe(true);
      expect((await names(bidders[0]!)).every((n: string | null) => n !== null)).toBe(true);
      await tradingDb(svc.store.db)
        .updateTable('tenderSection')
        .set({ resultPublishedAt: null })
        .where('id', '=', section.sectionId)
        .execute();
    });

    it('draws a replacement from the same stream, leaving out an expert found recused since', async () => {
      const before = (await call('GET', operator, `${committeeUrl()}/draw-log`)).json().log as DrawLog;
      const seated = new Set(before.result.seats.map((s) => s.expertId));
      const idle = before.eligible.experts.find(
        (e) => e.category === 'technical' && !seated.has(e.expertId),
      )!;
      await call('PUT', operator, `/api/experts/${idle.expertId}`, {
        employerOrganisationId: bidders[1]!.organisationId,
      });

      const replaced = await call('POST', operator, `${committeeUrl()}/replacements`, {
        seat: 2,
        reason: 'no_show',
      });
      expect(replaced.statusCode, replaced.body).toBe(200);
      const seats = replaced.json().seats as { seat: number; status: string; step: number }[];
      expect(seats.filter((s) => s.seat === 2).map((s) => [s.status, s.step])).toEqual([
        ['vacated', 0],
        ['seated', 1],
      ]);
      const after = (await call('GET', operator, `${committeeUrl()}/draw-log`)).json();
      const step = (after.log as DrawLog).replacements[0]!;
      expect(step).toMatchObject({
        step: 1,
        seat: 2,
        reason: 'no_show',
        fromPosition: before.result.position,
        excludedExpertIds: [idle.expertId],
      });
      expect(step.expertId).not.toBe(idle.expertId);
      expect(seated.has(step.expertId)).toBe(false);
      expect(after.replay).toEqual({ matches: true, problem: null });
      expect(
        (await call('POST', operator, `${committeeUrl()}/replacements`, { seat: 9, reason: 'no_show' }))
          .statusCode,
      ).toBe(404);
    });

    it('replays the DrawLog over HTTP and with `zhaocai draw verify`', async () => {
      const response = await call('GET', bidders[0]!, `${committeeUrl()}/draw-log`);
      expect(response.statusCode).toBe(200);
      const { log, replay } = response.json() as { log: DrawLog; replay: { matches: boolean } };
      expect(replay.matches).toBe(true);
      expect(JSON.stringify(log)).not.toMatch(/专家|王工/);

      const good = join(dir, `${dialect}-draw.json`);
      writeFileSync(good, JSON.stringify(log));
      const ok = runZhaocai(['draw', 'verify', good]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/draw reproduced/);
      for (const seat of log.result.seats) expect(ok.stdout).toContain(`seat ${seat.seat}:`);

      const bad = join(dir, `${dialect}-forged.json`);
      const forged = {
        ...log,
        reveals: log.reveals.map((r) => (r.party === 'tenderer' ? { ...r, value: 'ab'.repeat(32) } : r)),
      };
      writeFileSync(bad, JSON.stringify(forged));
      const refused = runZhaocai(['draw', 'verify', bad]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(/tenderer does not match its commitment/);
    });
  });

  describe('my seats', () => {
    type Seat = { projectId: string; sectionId: string; seat: number; evaluationAt: string; status: string };
    const seatsOf = async (who: User, query = '') => {
      const response = await call('GET', who, `/api/experts/me/seats${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: Seat[]; total: number; page: number; pageSize: number };
    };

    /**
     * A section of its own project whose five-seat committee is drawn through the routes; the
     * tender invites only `invited` when given.
     */
    async function aDrawnSection(
      specialty: string,
      evaluationAfterMs: number,
      invited?: string,
    ): Promise<BidSection> {
      const drawn = await aPublishedSection(svc);
      if (invited) {
        const db = tradingDb(svc.store.db);
        await db
          .updateTable('tenderProject')
          .set({ procedure: 'invited' })
          .where('id', '=', drawn.projectId)
          .execute();
        await db
          .updateTable('announcement')
          .set({ invitedOrganisationIds: JSON.stringify([invited]) })
          .where('projectId', '=', drawn.projectId)
          .execute();
      }
      const url = `/api/sections/${drawn.sectionId}/committee`;
      const who: User = { ...drawn.tenderer, userId: '' };
      const value = randomBytes(32).toString('hex');
      const requested = await call('POST', who, url, {
        size: 5,
        requirements: [
          { specialty, category: 'technical', count: 4 },
          { specialty, category: 'economic', count: 1 },
        ],
        evaluationAt: new Date(Date.parse(drawn.deadline) + evaluationAfterMs).toISOString(),
      });
      expect(requested.statusCode, requested.body).toBe(200);
      const commitment = drawCommitment(sm3, 'tenderer', value);
      expect(
        (await call('POST', who, `${url}/commitments`, { party: 'tenderer', commitment })).statusCode,
      ).toBe(200);
      svc.clock.set(new Date(Date.parse(drawn.deadline) + 60_000).toISOString());
      expect((await call('POST', operator, `${url}/freeze`)).statusCode).toBe(200);
      expect((await call('POST', who, `${url}/reveals`, { party: 'tenderer', value })).statusCode).toBe(200);
      expect((await call('POST', operator, `${url}/draw`)).statusCode).toBe(200);
      return drawn;
    }
    const seatedOn = async (drawn: BidSection) => {
      const log = (await call('GET', operator, `/api/sections/${drawn.sectionId}/committee/draw-log`)).json()
        .log as DrawLog;
      return log.result.seats;
    };

    it("lists the expert's own seats only, invitation-only tenders and replacements included", async () => {
      // Five technical experts for four seats and one economic for one: each committee is five of six.
      const specialty = `seats-${randomUUID().slice(0, 8)}`;
      const pool: string[] = [];
      for (let i = 0; i < 5; i += 1)
        pool.push(await addExpert(`${specialty}-t${i}`, { specialties: [specialty] }));
      await addExpert(`${specialty}-e`, { specialties: [specialty], category: 'economic' });
      const later = await aDrawnSection(specialty, 3 * 86_400_000);
      const invited = await aDrawnSection(specialty, 86_400_000, bidders[0]!.organisationId);

      // Four of five technical seats on each: at least three technical experts sit on both.
      const onLater = await seatedOn(later);
      const onInvited = await seatedOn(invited);
      const both = pool.find(
        (id) => onLater.some((s) => s.expertId === id) && onInvited.some((s) => s.expertId === id),
      )!;
      const spare = pool.find((id) => !onInvited.some((s) => s.expertId === id))!;
      const seated = await svc.userWithRoles(['expert'], `seated-${randomUUID().slice(0, 8)}`);
      const replacement = await svc.userWithRoles(['expert'], `spare-${randomUUID().slice(0, 8)}`);
      const idle = await svc.userWithRoles(['expert'], `idle-${randomUUID().slice(0, 8)}`);
      await call('PUT', operator, `/api/experts/${both}`, { userId: seated.userId });
      await call('PUT', operator, `/api/experts/${spare}`, { userId: replacement.userId });
      await call('PUT', operator, `/api/experts/${await addExpert(`${specialty}-idle`, {})}`, {
        userId: idle.userId,
      });

      // The invitation-only tender is not among the tenders this expert may list; its seat still is.
      const tenders = (await call('GET', seated, '/api/tenders?pageSize=200')).json().items as {
        id: string;
      }[];
      expect(tenders.map((t) => t.id)).not.toContain(invited.projectId);
      const mine = await seatsOf(seated);
      expect(mine.total).toBe(2);
      expect(mine.items.map((s) => s.sectionId)).toEqual([invited.sectionId, later.sectionId]);
      const invitedSeat = onInvited.find((s) => s.expertId === both)!.seat;
      expect(mine.items[0]).toMatchObject({
        projectId: invited.projectId,
        projectName: expect.any(String),
        dealCode: invited.dealCode,
        sectionCode: invited.sectionCode,
        seat: invitedSeat,
        specialty,
        category: 'technical',
        status: 'upcoming',
        evaluationStatus: null,
        drawnAt: expect.any(String),
      });
      expect(mine.items[1]!.seat).toBe(onLater.find((s) => s.expertId === both)!.seat);
      expect(JSON.stringify(mine)).not.toMatch(/expertId|name":"专家/);
      const [first, second] = [
        await seatsOf(seated, '?pageSize=1'),
        await seatsOf(seated, '?pageSize=1&page=2'),
      ];
      expect([first.total, first.items.map((s) => s.sectionId)]).toEqual([2, [invited.sectionId]]);
      expect([second.total, second.items.map((s) => s.sectionId)]).toEqual([2, [later.sectionId]]);
      expect((await call('GET', seated, '/api/experts/me/seats?pageSize=101')).statusCode).toBe(400);

      // The evaluation of the later section opens: the status filter follows its session.
      await tradingDb(svc.store.db)
        .insertInto('openingRecord')
        .values({
          projectId: later.projectId,
          body: '{}',
          sha256: '0'.repeat(64),
          generatedAt: later.deadline,
        })
        .execute();
      const opened = await call(
        'POST',
        { ...later.tenderer, userId: '' },
        `/api/sections/${later.sectionId}/evaluation`,
      );
      expect(opened.statusCode, opened.body).toBe(200);
      const evaluating = await seatsOf(seated, '?status=evaluating');
      expect(evaluating.items.map((s) => [s.sectionId, s.status])).toEqual([[later.sectionId, 'evaluating']]);
      expect((await seatsOf(seated, '?status=upcoming')).items.map((s) => s.sectionId)).toEqual([
        invited.sectionId,
      ]);
      expect((await seatsOf(seated, '?status=done')).total).toBe(0);

      expect(await seatsOf(idle)).toMatchObject({ items: [], total: 0 });
      for (const who of [tenderer(), bidders[0]!, operator]) {
        expect((await call('GET', who, '/api/experts/me/seats')).statusCode).toBe(403);
      }

      // The seat on the invitation-only section is vacated: it moves to the spare expert drawn for it.
      const spareBefore = (await seatsOf(replacement)).items.map((s) => s.sectionId);
      expect(spareBefore).not.toContain(invited.sectionId);
      const replaced = await call(
        'POST',
        operator,
        `/api/sections/${invited.sectionId}/committee/replacements`,
        {
          seat: invitedSeat,
          reason: 'no_show',
        },
      );
      expect(replaced.statusCode, replaced.body).toBe(200);
      expect((await seatsOf(seated)).items.map((s) => s.sectionId)).toEqual([later.sectionId]);
      const spareAfter = await seatsOf(replacement);
      expect(spareAfter.items.find((s) => s.sectionId === invited.sectionId)).toMatchObject({
        seat: invitedSeat,
      });
      expect(spareAfter.total).toBe(spareBefore.length + 1);
    });
  });
});
