import type { Platform } from '../domain/roles.ts';
import type { ServiceSpec } from '../server/service-spec.ts';

/**
 * Loads a platform's spec on demand, so a process serving the hub never loads trading code.
 * (The CLI is the one place that knows all three.)
 */
export async function loadServiceSpec(platform: Platform): Promise<ServiceSpec> {
  switch (platform) {
    case 'trading':
      return (await import('../trading/service.ts')).tradingService;
    case 'hub':
      return (await import('../hub/service.ts')).hubService;
    case 'supervision':
      return (await import('../supervision/service.ts')).supervisionService;
  }
}
