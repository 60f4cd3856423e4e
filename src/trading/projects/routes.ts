import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';

export function registerProjectsRoutes(_app: ZodApp, _deps: ServiceDeps): void {}
