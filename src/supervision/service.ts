import { COMMON_MIGRATIONS } from '../store/migrator.ts';
import type { ServiceSpec } from '../server/service-spec.ts';
import { registerExchangeRoutes } from '../exchange/transport/exchange-routes.ts';

/** 行政监督平台: live monitoring, warnings, complaints and supervision instructions; never trades. */
export const supervisionService: ServiceSpec = {
  platform: 'supervision',
  title: '招采 行政监督平台 (Zhaocai supervision platform)',
  description:
    'Live monitoring of every tender, rule-based warnings, complaints and binding supervision instructions.',
  migrations: { ...COMMON_MIGRATIONS },
  registerRoutes: (app, deps) => {
    // What hubs forward (by region and sector) arrives in the exchange inbox: monitoring reads it there.
    registerExchangeRoutes(app, deps, { kind: 'supervision', receives: true });
  },
};
