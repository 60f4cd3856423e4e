import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';

export function registerBidsRoutes(_app: ZodApp, _deps: ServiceDeps): void {}
