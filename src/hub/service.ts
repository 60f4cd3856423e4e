import { COMMON_MIGRATIONS } from '../store/migrator.ts';
import type { ServiceSpec } from '../server/service-spec.ts';
import * as hubNotices from './migrations/0014-hub-notices.ts';
import * as hubCa from './migrations/0016-hub-ca.ts';
import * as hubEntities from './migrations/0017-hub-entities.ts';
import { registerCaRoutes } from './ca/routes.ts';
import { registerEntityRoutes } from './entities/routes.ts';
import { applyEntityRecord } from './entities/apply-entity-record.ts';
import { registerNoticeRoutes } from './notices/routes.ts';
import { registerHubOcdsRoutes } from './ocds/routes.ts';
import { registerHubExchange } from './exchange/hub-exchange.ts';

/** 公共服务平台: receives, publishes and forwards data from transaction platforms; never trades. */
export const hubService: ServiceSpec = {
  platform: 'hub',
  title: '招采 公共服务平台 (Zhaocai public service hub)',
  description:
    'Receives data from any transaction platform, publishes it, shares entity registration and CA recognition, pushes to supervisors, syncs upward. It has no trading function.',
  migrations: {
    ...COMMON_MIGRATIONS,
    '0014-hub-notices': hubNotices,
    '0016-hub-ca': hubCa,
    '0017-hub-entities': hubEntities,
  },
  registerRoutes: (app, deps) => {
    // Route modules are added here, one line each: exchange, notices, CA recognition, entities.
    registerHubExchange(app, deps, [
      async (trx, applied, now) => {
        for (const { message } of applied) {
          const origin = { platformCode: String(message.record.PLATFORM_CODE ?? message.platformCode) };
          await applyEntityRecord(trx, origin, message.dataSetCode, message.record, now);
        }
      },
    ]);
    registerNoticeRoutes(app, deps);
    registerEntityRoutes(app, deps);
    registerCaRoutes(app, deps);
    registerHubOcdsRoutes(app, deps);
  },
};
