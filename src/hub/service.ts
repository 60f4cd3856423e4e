import { COMMON_MIGRATIONS } from '../store/migrator.ts';
import type { ServiceSpec } from '../server/service-spec.ts';

/** 公共服务平台: receives, publishes and forwards data from transaction platforms; never trades. */
export const hubService: ServiceSpec = {
  platform: 'hub',
  title: '招采 公共服务平台 (Zhaocai public service hub)',
  description:
    'Receives data from any transaction platform, publishes it, shares entity registration and CA recognition, pushes to supervisors, syncs upward. It has no trading function.',
  migrations: { ...COMMON_MIGRATIONS },
};
