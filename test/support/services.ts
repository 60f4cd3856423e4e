import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { addUser } from '../../src/accounts/add-user.ts';
import { registerOrganisation } from '../../src/accounts/register-organisation.ts';
import { systemActor } from '../../src/domain/actor.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import type { Platform, Role } from '../../src/domain/roles.ts';
import { hubService } from '../../src/hub/service.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createService, type Service } from '../../src/server/create-service.ts';
import type { ServiceSpec } from '../../src/server/service-spec.ts';
import { supervisionService } from '../../src/supervision/service.ts';
import { tradingService } from '../../src/trading/service.ts';
import type { DialectName } from '../../src/store/database.ts';
import type { UseCaseContext } from '../../src/store/context.ts';
import { aCreditCode } from './factories.ts';
import { openTestStore, type TestStore } from './stores.ts';

const SPECS: Record<Platform, ServiceSpec> = {
  trading: tradingService,
  hub: hubService,
  supervision: supervisionService,
};
export const PASSWORD = 'Passw0rd-test';

export interface TestService extends Service {
  readonly clock: ManualClock;
  readonly store: TestStore;
  /** Adds a user (with a new organisation) and returns a bearer token for it. */
  userWithRoles(
    roles: Role[],
    username?: string,
  ): Promise<{ token: string; organisationId: string; userId: string }>;
  system(): UseCaseContext;
  close(): Promise<void>;
}

let userSerial = 0;

/** A platform service on a fresh database of the dialect, driven in-process with `app.inject`. */
export async function startTestService(
  platform: Platform,
  dialect: DialectName,
  options: { logger?: pino.Logger; config?: Record<string, unknown> } = {},
): Promise<TestService> {
  const store = await openTestStore(dialect, SPECS[platform].migrations);
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  const dataDir = mkdtempSync(join(tmpdir(), 'zhaocai-svc-'));
  // Tests move the clock and open halls themselves; a scheduler would race them.
  const config = loadConfig({
    env: {},
    overrides: { dataDir, schedule: { intervalMs: 0 }, ledger: { treeHeadIntervalMs: 0 }, ...options.config },
  });
  const service = await createService(SPECS[platform], {
    config,
    clock,
    store,
    logger: options.logger ?? pino({ level: 'silent' }),
  });
  const system = (): UseCaseContext => ({ db: store.db, clock, actor: systemActor('test'), platform });
  return {
    ...service,
    clock,
    store,
    system,
    async userWithRoles(roles, username = `user${++userSerial}`) {
      const organisation = await registerOrganisation(system(), {
        creditCode: aCreditCode(),
        name: `${username} 有限公司`,
      });
      const user = await addUser(system(), {
        username,
        displayName: username,
        password: PASSWORD,
        roles,
        organisationId: organisation.id,
      });
      const response = await service.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: PASSWORD },
      });
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
      return { token: response.json().token as string, organisationId: organisation.id, userId: user.id };
    },
    async close() {
      await service.app.close();
      await store.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function errorOf(response: LightMyRequestResponse): {
  code: string;
  message: string;
  details?: { path: string; code: string }[];
} {
  return response.json().error;
}
