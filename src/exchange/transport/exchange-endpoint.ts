import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { loadOrCreateKeyFile } from '../../crypto/node/key-files.ts';
import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { keyIdOf } from '../../crypto/portable/envelope/key-id.ts';
import { scheduledTaskActor } from '../../domain/actor.ts';
import type { ExchangeConfig, PeerConfig } from '../../server/config.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import type { Trx } from '../../store/schema.ts';
import { DATA_SET_CODES, dataSetSchema } from '../data-sets.ts';
import type { PlatformKind } from '../data-set-schema.ts';
import { PROTOCOL_VERSION } from '../message.ts';
import type { PlatformRegistration } from '../platform-registration.ts';
import type { SigningKey } from '../sign-message.ts';
import { DeliveryWorker } from './delivery-worker.ts';
import type { InboxHooks } from './inbox.ts';
import { stageOutgoing, type OutgoingInput } from './outgoing.ts';

export interface ExchangeKey extends SigningKey {
  readonly publicKeyPem: string;
}

/** What a platform plugs into the exchange: its kind, what it does with applied messages, what it stages. */
export interface ExchangeRole {
  readonly kind: PlatformKind;
  /** Receivers (hub, supervision) have an inbox; a transaction platform only sends. */
  readonly receives: boolean;
  readonly hooks?: InboxHooks;
  /** Runs before each delivery round, e.g. to stage new outbox rows. */
  readonly beforeRound?: (endpoint: ExchangeEndpoint) => Promise<void>;
}

/**
 * A platform's side of the data exchange: its identity and signing key, its delivery worker, and
 * its registration at the platform above it, pushed at start and resubmitted until it is received.
 */
export class ExchangeEndpoint {
  readonly worker: DeliveryWorker;
  private signingKey: Promise<ExchangeKey> | undefined;
  private readonly registrationTimers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    readonly deps: ServiceDeps,
    readonly config: ExchangeConfig,
    readonly role: ExchangeRole,
    private readonly log: FastifyBaseLogger,
  ) {
    this.worker = new DeliveryWorker({
      db: deps.store.db,
      clock: deps.clock,
      actor: scheduledTaskActor('exchange-delivery'),
      platform: deps.platform,
      platformCode: config.platformCode,
      key: () => this.key(),
      intervalMs: config.deliveryIntervalMs,
      retryMinMs: config.retryMinMs,
      retryMaxMs: config.retryMaxMs,
      log,
      ...(role.beforeRound ? { beforeRound: () => role.beforeRound!(this) } : {}),
    });
  }

  get platformCode(): string {
    return this.config.platformCode;
  }

  /** The platform's exchange signing key (SM2), made on first use beside its other keys. */
  key(): Promise<ExchangeKey> {
    this.signingKey ??= (async () => {
      const suite = nodeSuite('gm');
      const dir = join(this.deps.config.dataDir, `${this.deps.platform}-keys`);
      const pair = await loadOrCreateKeyFile(dir, 'exchange-signing-gm', () =>
        suite.generateSigningKeyPair('sm2-sm3'),
      );
      return { suite: 'gm', keyId: await keyIdOf(suite, pair.publicKeyPem), ...pair };
    })();
    return this.signingKey;
  }

  /** Stages records for a receiver in the caller's transaction; the worker sends them on its next round. */
  async stage(trx: Trx, inputs: readonly OutgoingInput[], now: Date): Promise<number> {
    return stageOutgoing(trx, inputs, now);
  }

  /** The registration this platform submits to the one above it (docs/exchange.md, 平台登记). */
  async registration(now: Date): Promise<PlatformRegistration> {
    const key = await this.key();
    const service = this.deps.config.services[this.deps.platform];
    const { kind } = this.role;
    const dataSets = DATA_SET_CODES.filter((code) => dataSetSchema(code)!.senders.includes(kind));
    const defaults: PlatformRegistration = {
      platformCode: this.config.platformCode,
      platformName: this.config.platformName,
      kind,
      regionCode: this.config.regionCode,
      baseUrl: this.config.baseUrl ?? `http://${service.host}:${service.port}`,
      operator: {
        name: `${this.config.platformName}运营机构`,
        creditCode: this.config.platformCode.slice(0, 18),
        contactName: '平台运维值班',
        contactPhone: '0571-00000000',
      },
      certification: {
        reportNo: `ZC-CERT-${this.config.platformCode}`,
        issuedBy: '电子招标投标系统检测认证机构（演示）',
        issuedOn: '2026-01-15',
      },
      interfaceStandard: { name: '招采数据交换协议', version: PROTOCOL_VERSION, dataSets },
      services: [
        {
          name: '信息发布与数据交换',
          description: '依法必须公开的招标投标信息的交换与发布',
          free: true,
          fee: null,
          feeUnit: null,
        },
      ],
      publicKeys: [{ suite: key.suite, keyId: key.keyId, publicKeyPem: key.publicKeyPem }],
      submittedAt: now.toISOString(),
    };
    return { ...defaults, ...(this.config.registration as Partial<PlatformRegistration> | undefined) };
  }

  start(): void {
    this.stopped = false;
    for (const peer of [this.config.upstream, ...this.config.forwardTo]) {
      if (peer) void this.pushRegistration(peer, 1);
    }
    this.worker.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.registrationTimers) clearTimeout(timer);
    await this.worker.stop();
  }

  /** Submits the registration to a platform it sends to, retrying with back-off until it answers. */
  private async pushRegistration(upstream: PeerConfig, attempt: number): Promise<void> {
    try {
      const body = await this.registration(this.deps.clock.now());
      const response = await fetch(new URL('/api/exchange/registrations', upstream.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
      if (!response.ok) {
        this.log.error({ status: response.status, body: await response.text() }, 'registration refused');
        return;
      }
      this.log.info({ upstream: upstream.platformCode }, 'registration submitted');
    } catch (error) {
      if (this.stopped) return;
      const wait = Math.min(this.config.retryMaxMs, this.config.retryMinMs * 2 ** (attempt - 1));
      this.log.warn({ err: (error as Error).message, retryInMs: wait }, 'registration not delivered');
      const timer = setTimeout(() => {
        this.registrationTimers.delete(timer);
        void this.pushRegistration(upstream, attempt + 1);
      }, wait).unref();
      this.registrationTimers.add(timer);
    }
  }
}

/** Starts and stops the endpoint with the app. */
export function attachExchangeEndpoint(app: ZodApp, endpoint: ExchangeEndpoint): void {
  app.addHook('onReady', async () => endpoint.start());
  app.addHook('preClose', async () => endpoint.stop());
}
