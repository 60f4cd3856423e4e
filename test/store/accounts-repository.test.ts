import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../../src/accounts/add-user.ts';
import { registerOrganisation } from '../../src/accounts/register-organisation.ts';
import { hashState } from '../../src/crypto/hash.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import {
  auditEventHash,
  auditEventsForObject,
  listAuditEvents,
  setAuditSeal,
} from '../../src/store/audit-repository.ts';
import { runAudited } from '../../src/store/audited.ts';
import type { UseCaseContext } from '../../src/store/context.ts';
import { findOrganisationByCreditCode, listOrganisations } from '../../src/store/organisation-repository.ts';
import { findUserByUsername, listUsers } from '../../src/store/user-repository.ts';
import { aCreditCode, anActor } from '../support/factories.ts';
import { DIALECTS, openTestStore, type TestStore } from '../support/stores.ts';

describe.each(DIALECTS)('accounts and audit on %s', (dialect) => {
  let store: TestStore;
  let ctx: UseCaseContext;

  beforeEach(async () => {
    store = await openTestStore(dialect);
    ctx = {
      db: store.db,
      clock: new ManualClock('2026-03-02T01:00:00Z'),
      actor: anActor(),
      platform: 'trading',
    };
  });
  afterEach(() => store.dispose());

  it('writes the organisation and its audit event (who, when, where, what, state hash) together', async () => {
    const organisation = await registerOrganisation(ctx, {
      creditCode: aCreditCode(),
      name: ' 福州建工 ',
      region: '福州',
    });
    expect(organisation.name).toBe('福州建工');
    const [event, ...rest] = await auditEventsForObject(store.db, 'organisation', organisation.id);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      action: 'organisation.registered',
      actorUserId: 'user-1',
      actorUsername: 'tester',
      actorRoles: 'platform_operator',
      ip: '203.0.113.7',
      userAgent: 'vitest',
      occurredAt: '2026-03-02T01:00:00.000Z',
      stateHash: hashState(organisation),
    });
    const { seq: _seq, leafIndex: _leafIndex, eventHash, ...fields } = event!;
    expect(eventHash).toBe(auditEventHash(fields as never));
  });

  it('a failed change leaves neither the change nor an audit event', async () => {
    const creditCode = aCreditCode();
    await expect(
      runAudited(ctx, async (trx, now) => {
        await trx
          .insertInto('organisation')
          .values({
            id: 'o1',
            creditCode,
            name: 'x',
            region: null,
            legalRepresentative: null,
            createdAt: now.toISOString(),
            updatedAt: now.toISOString(),
          })
          .execute();
        throw new Error('boom after the write');
      }),
    ).rejects.toThrow('boom');
    expect(await findOrganisationByCreditCode(store.db, creditCode)).toBeUndefined();
    expect((await listAuditEvents(store.db, { page: 1, pageSize: 10 }, ctx.clock.now())).total).toBe(0);
  });

  it('refuses a duplicate credit code and an invalid one, changing nothing', async () => {
    const creditCode = aCreditCode();
    await registerOrganisation(ctx, { creditCode, name: 'A' });
    await expect(registerOrganisation(ctx, { creditCode, name: 'B' })).rejects.toMatchObject({
      code: 'ORGANISATION_EXISTS',
    });
    const wrongCheck = creditCode.slice(0, 17) + (creditCode[17] === '0' ? '1' : '0');
    await expect(registerOrganisation(ctx, { creditCode: wrongCheck, name: 'C' })).rejects.toMatchObject({
      code: 'CREDIT_CODE_CHECK',
    });
    expect((await listOrganisations(store.db, { page: 1, pageSize: 10 })).total).toBe(1);
    expect((await listAuditEvents(store.db, { page: 1, pageSize: 10 }, ctx.clock.now())).total).toBe(1);
  });

  it('adds users with platform roles, argon2id hashes, and refuses roles of another platform', async () => {
    const organisation = await registerOrganisation(ctx, { creditCode: aCreditCode(), name: '代理公司' });
    await addUser(ctx, {
      username: 'agent',
      displayName: '代理',
      password: 'abc12345',
      roles: ['agency', 'tenderer'],
      organisationId: organisation.id,
    });
    const user = await findUserByUsername(store.db, 'agent');
    expect(user?.roles).toEqual(['agency', 'tenderer']);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(
      addUser(ctx, { username: 'sup', displayName: '', password: 'abc12345', roles: ['supervisor'] }),
    ).rejects.toMatchObject({
      code: 'ROLE_NOT_ON_PLATFORM',
    });
    await expect(
      addUser(ctx, { username: 'agent', displayName: '', password: 'abc12345', roles: ['bidder'] }),
    ).rejects.toMatchObject({
      code: 'USERNAME_TAKEN',
    });
    await expect(
      addUser(ctx, { username: 'weak', displayName: '', password: 'short', roles: ['bidder'] }),
    ).rejects.toMatchObject({
      code: 'PASSWORD_TOO_WEAK',
    });
    expect((await listUsers(store.db, { page: 1, pageSize: 10 })).total).toBe(1);
  });

  it('pages and filters organisations and users, treating % and _ literally', async () => {
    for (let i = 0; i < 25; i++)
      await registerOrganisation(ctx, { creditCode: aCreditCode(), name: `测试单位${i}` });
    await registerOrganisation(ctx, { creditCode: aCreditCode(), name: '百分之百_公司%' });
    const page2 = await listOrganisations(store.db, { page: 2, pageSize: 10, q: '测试' });
    expect(page2).toMatchObject({ total: 25, page: 2, pageSize: 10 });
    expect(page2.items).toHaveLength(10);
    expect((await listOrganisations(store.db, { page: 1, pageSize: 10, q: '%' })).total).toBe(1);
    expect((await listOrganisations(store.db, { page: 1, pageSize: 10, q: '_' })).total).toBe(1);

    await addUser(ctx, {
      username: 'bidder1',
      displayName: '投标一',
      password: 'abc12345',
      roles: ['bidder'],
    });
    await addUser(ctx, { username: 'expert1', displayName: '专家', password: 'abc12345', roles: ['expert'] });
    const bidders = await listUsers(store.db, { page: 1, pageSize: 10, role: 'bidder' });
    expect(bidders.items.map((u) => u.username)).toEqual(['bidder1']);
    expect(bidders.items[0]?.roles).toEqual(['bidder']);
  });

  it('lists audit events newest first with filters', async () => {
    const clock = ctx.clock as ManualClock;
    await registerOrganisation(ctx, { creditCode: aCreditCode(), name: 'A' });
    clock.advance(60_000);
    await addUser(ctx, { username: 'user1', displayName: '', password: 'abc12345', roles: ['bidder'] });
    const all = await listAuditEvents(store.db, { page: 1, pageSize: 10 }, ctx.clock.now());
    expect(all.items.map((e) => e.action)).toEqual(['user.added', 'organisation.registered']);
    expect(typeof all.items[0]?.seq).toBe('number');
    const later = await listAuditEvents(
      store.db,
      { page: 1, pageSize: 10, from: '2026-03-02T01:00:30.000Z' },
      clock.now(),
    );
    expect(later.items.map((e) => e.action)).toEqual(['user.added']);
  });

  it('withholds sealed events from listings while their seal holds, and the seal can move (E4)', async () => {
    const clock = ctx.clock as ManualClock;
    const deadline = new Date(clock.now().getTime() + 3_600_000).toISOString();
    await runAudited(ctx, async () => ({
      result: null,
      audit: {
        action: 'blob.stored',
        objectType: 'blob',
        objectId: 'b1',
        state: {},
        seal: { key: 'tender:p1', until: deadline },
      },
    }));
    await registerOrganisation(ctx, { creditCode: aCreditCode(), name: 'visible' });
    const before = await listAuditEvents(store.db, { page: 1, pageSize: 10 }, clock.now());
    expect(before.items.map((e) => e.action)).toEqual(['organisation.registered']);
    expect(before.total).toBe(1);
    // The deadline moves a day later: at the old deadline the event is still hidden.
    const moved = new Date(Date.parse(deadline) + 86_400_000).toISOString();
    await store.db.transaction().execute((trx) => setAuditSeal(trx, 'tender:p1', moved, clock.now()));
    clock.set(deadline);
    expect((await listAuditEvents(store.db, { page: 1, pageSize: 10 }, clock.now())).total).toBe(1);
    clock.set(moved);
    const after = await listAuditEvents(store.db, { page: 1, pageSize: 10 }, clock.now());
    expect(after.items.map((e) => e.action)).toEqual(['organisation.registered', 'blob.stored']);
    expect(after.items[1]?.sealKey).toBe('tender:p1');
  });
});
