import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheduledTaskActor } from '../../src/domain/actor.ts';
import { openDueHalls } from '../../src/trading/opening-hall/open-due-halls.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import { aPublishedSection, type BidSection } from './support/bid-factory.ts';
import { aBidForm, aPackagedBid, hall } from './support/opening-factory.ts';

const MINUTE = 60_000;

describe.each(DIALECTS)('the platform keeps the announced times (%s)', (dialect) => {
  let svc: TestService;

  beforeEach(async () => {
    svc = await startTestService('trading', dialect);
  });
  afterEach(async () => svc.close());

  const at = (iso: string, offsetMs = 0) => svc.clock.set(new Date(Date.parse(iso) + offsetMs));
  const errors: unknown[] = [];
  const look = () =>
    openDueHalls({ ...svc.system(), actor: scheduledTaskActor('opening-scheduler') }, (_id, error) =>
      errors.push(error),
    );

  async function bids(section: BidSection, count: number) {
    for (let i = 0; i < count; i++) {
      svc.clock.advance(MINUTE);
      await aPackagedBid(svc, section, await svc.userWithRoles(['bidder']), aBidForm(100_000_000 + i));
    }
  }

  it('opens the hall at the announced time, not before, and closes the window when it ends (E5, E6)', async () => {
    const section = await aPublishedSection(svc, { openingKeyRemedy: false, decryptionWindowMinutes: 30 });
    await bids(section, 3);

    at(section.deadline, -1);
    expect(await look()).toEqual({ opened: [], windowsClosed: [] });
    at(section.deadline);
    expect(await look()).toEqual({ opened: [section.projectId], windowsClosed: [] });
    // A second look, and the host's own attempt, find it open.
    expect(await look()).toEqual({ opened: [], windowsClosed: [] });
    expect((await hall(svc, section.projectId).post(section.tenderer.token, '/open')).statusCode).toBe(409);

    at(section.deadline, 30 * MINUTE - 1);
    expect((await look()).windowsClosed).toEqual([]);
    at(section.deadline, 30 * MINUTE);
    expect((await look()).windowsClosed).toEqual([section.projectId]);

    const state = (await hall(svc, section.projectId).get(section.tenderer.token)).json();
    expect(state).toMatchObject({ stage: 'window_closed', openedAt: section.deadline });
    expect(state.windowClosedAt).not.toBeNull();
    const audit = await tradingDb(svc.store.db)
      .selectFrom('auditEvent')
      .select(['action', 'actorUsername'])
      .where('objectId', '=', section.projectId)
      .where('action', 'in', ['opening.opened', 'opening.window_closed'])
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'opening.opened', actorUsername: 'system:opening-scheduler' },
      { action: 'opening.window_closed', actorUsername: 'system:opening-scheduler' },
    ]);
    expect(errors).toEqual([]);
  });

  it('fails a section with fewer than three bids at the announced time (C1), once', async () => {
    const section = await aPublishedSection(svc);
    await bids(section, 2);
    at(section.deadline);
    await look();
    expect(await look()).toEqual({ opened: [], windowsClosed: [] });
    const exceptions = await tradingDb(svc.store.db)
      .selectFrom('tenderException')
      .select(['kind', 'ruleId'])
      .where('projectId', '=', section.projectId)
      .execute();
    expect(exceptions).toEqual([expect.objectContaining({ ruleId: 'C1' })]);
    expect(errors).toEqual([]);
  });
});
