import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';

export function registerDocumentsRoutes(_app: ZodApp, _deps: ServiceDeps): void {}
