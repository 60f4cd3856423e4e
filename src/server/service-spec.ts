import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Migration } from 'kysely';
import type { Clock } from '../domain/clock.ts';
import type { Platform } from '../domain/roles.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { Store } from '../store/database.ts';
import type { LedgerRowCheck } from '../store/ledger-verification.ts';
import type { Config } from './config.ts';
import type { LedgerService } from './ledger-service.ts';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What a platform service is: its name, its migrations and the routes it adds to the common ones. */
export interface ServiceSpec {
  readonly platform: Platform;
  readonly title: string;
  readonly description: string;
  readonly migrations: Record<string, Migration>;
  readonly registerRoutes?: (app: ZodApp, deps: ServiceDeps) => void;
  /** The platform's rows `zhaocai ledger verify` checks against the ledger's events. */
  readonly ledgerRowChecks?: readonly LedgerRowCheck[];
}

/** Everything a service's routes and use cases need; built once per service at start. */
export interface ServiceDeps {
  readonly platform: Platform;
  readonly config: Config;
  readonly clock: Clock;
  readonly store: Store;
  readonly blobs: BlobStore;
  /** The service's tamper-evident ledger: tree heads and proofs (docs/ledger.md). */
  readonly ledger: LedgerService;
}
