import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { PLATFORMS, type Platform } from '../domain/roles.ts';

/** Default ports, fixed and documented: web 3100, trading 3101, hub 3102, supervision 3103. */
export const DEFAULT_PORTS: Record<Platform | 'web', number> = {
  web: 3100,
  trading: 3101,
  hub: 3102,
  supervision: 3103,
};

/** Another platform this one exchanges data with (docs/exchange.md): its platform code and base URL. */
const peerSchema = z.object({
  platformCode: z.string().length(20),
  url: z.url(),
});

/**
 * The platform's place in the data exchange: its own platform code and region, the hub above it
 * (a transaction platform's hub, a city hub's province hub), the supervision platforms a hub
 * forwards to (by region prefix and sector; empty lists mean all), and the delivery worker's pace.
 */
const exchangeSchema = z.object({
  platformCode: z.string().length(20),
  platformName: z.string().min(1),
  regionCode: z.string().regex(/^\d{6}$/),
  /** The address other platforms reach this one at; defaults to http://host:port. */
  baseUrl: z.url().optional(),
  /** Fields of the registration submitted upstream that differ from the defaults (operator, certification, services). */
  registration: z.record(z.string(), z.unknown()).optional(),
  upstream: peerSchema.optional(),
  forwardTo: z
    .array(
      peerSchema.extend({
        regions: z.array(z.string().regex(/^\d{2,6}$/)).default([]),
        sectors: z.array(z.string().min(1)).default([]),
      }),
    )
    .default([]),
  /** Real milliseconds between delivery rounds when idle (0: no worker). */
  deliveryIntervalMs: z.coerce.number().int().min(0).default(1000),
  /** Back-off after a failed delivery: doubles from `retryMinMs` up to `retryMaxMs`, with jitter. */
  retryMinMs: z.coerce.number().int().min(1).default(500),
  retryMaxMs: z.coerce.number().int().min(1).default(60_000),
});

const serviceSchema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  /** `sqlite:<path>` or `postgres://user:pass@host:port/db`; defaults to `sqlite:<dataDir>/<service>.db`. */
  database: z.string().min(1).optional(),
  /** Absent: the platform neither sends nor accepts exchange messages. */
  exchange: exchangeSchema.optional(),
});

export const configSchema = z.object({
  dataDir: z.string().min(1),
  clock: z.object({
    mode: z.enum(['production', 'sandbox']),
    factor: z.coerce.number().min(1),
    realOrigin: z.iso.datetime({ offset: true }).optional(),
    virtualOrigin: z.iso.datetime({ offset: true }).optional(),
  }),
  log: z.object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    pretty: z.union([
      z.boolean(),
      z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
    ]),
  }),
  auth: z.object({
    sessionTtlHours: z.coerce
      .number()
      .positive()
      .max(24 * 30),
  }),
  uploads: z.object({ maxBytes: z.coerce.number().int().positive() }),
  /** How often, in real milliseconds, the platform looks for announced times that have come (0: never). */
  schedule: z.object({ intervalMs: z.coerce.number().int().min(0) }),
  /**
   * The tamper-evident ledger: its tree hash (fixed when the ledger is made; the tree heads are
   * signed SM2 for sm3, ECDSA P-256 for sha256), and how often, in real milliseconds, a new tree
   * head is signed when the tree has grown (0: only on demand).
   */
  ledger: z.object({
    hash: z.enum(['sm3', 'sha256']),
    treeHeadIntervalMs: z.coerce.number().int().min(0),
  }),
  services: z.object({ trading: serviceSchema, hub: serviceSchema, supervision: serviceSchema }),
  web: z.object({ host: z.string().min(1), port: z.coerce.number().int().min(0).max(65535) }),
});

export type Config = z.infer<typeof configSchema>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type ExchangeConfig = z.infer<typeof exchangeSchema>;
export type PeerConfig = z.infer<typeof peerSchema>;

export function defaultConfig(): Config {
  const service = (platform: Platform) => ({ host: '127.0.0.1', port: DEFAULT_PORTS[platform] });
  return {
    dataDir: './data',
    clock: { mode: 'production', factor: 1 },
    log: { level: 'info', pretty: false },
    auth: { sessionTtlHours: 12 },
    uploads: { maxBytes: 500 * 1024 * 1024 },
    schedule: { intervalMs: 2000 },
    ledger: { hash: 'sm3', treeHeadIntervalMs: 10_000 },
    services: { trading: service('trading'), hub: service('hub'), supervision: service('supervision') },
    web: { host: '127.0.0.1', port: DEFAULT_PORTS.web },
  };
}

type Json = Record<string, unknown>;

/**
 * Configuration, lowest precedence first: built-in defaults, the JSON file named by `--config` or
 * ZHAOCAI_CONFIG, environment variables (docs/configuration.md lists them), then `overrides`.
 */
export function loadConfig(
  options: { file?: string | undefined; env?: NodeJS.ProcessEnv; overrides?: Json } = {},
): Config {
  const env = options.env ?? process.env;
  let merged: Json = defaultConfig() as unknown as Json;
  const file = options.file ?? env.ZHAOCAI_CONFIG;
  if (file) merged = deepMerge(merged, readConfigFile(file));
  merged = deepMerge(merged, fromEnv(env));
  if (options.overrides) merged = deepMerge(merged, options.overrides);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError('CONFIG_INVALID', { problems });
  }
  if (parsed.data.clock.mode === 'production' && parsed.data.clock.factor !== 1) {
    throw new AppError('ACCELERATION_IN_PRODUCTION');
  }
  return parsed.data;
}

export function databaseUrlFor(config: Config, platform: Platform): string {
  return config.services[platform].database ?? `sqlite:${join(config.dataDir, `${platform}.db`)}`;
}

export function blobDirFor(config: Config, platform: Platform): string {
  return join(config.dataDir, `${platform}-blobs`);
}

function readConfigFile(file: string): Json {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('CONFIG_INVALID', { problems: `cannot read ${file}: ${(error as Error).message}` });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Json;
  } catch (error) {
    throw new AppError('CONFIG_INVALID', {
      problems: `${file} is not a JSON object: ${(error as Error).message}`,
    });
  }
}

function fromEnv(env: NodeJS.ProcessEnv): Json {
  const out: Json = {};
  const set = (path: string[], value: string | undefined) => {
    if (value === undefined || value === '') return;
    let node = out;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Json;
    node[path.at(-1)!] = value;
  };
  set(['dataDir'], env.ZHAOCAI_DATA_DIR);
  set(['clock', 'mode'], env.ZHAOCAI_CLOCK_MODE);
  set(['clock', 'factor'], env.ZHAOCAI_CLOCK_FACTOR);
  set(['clock', 'virtualOrigin'], env.ZHAOCAI_CLOCK_VIRTUAL_ORIGIN);
  set(['clock', 'realOrigin'], env.ZHAOCAI_CLOCK_REAL_ORIGIN);
  set(['log', 'level'], env.ZHAOCAI_LOG_LEVEL);
  set(['log', 'pretty'], env.ZHAOCAI_LOG_PRETTY);
  set(['auth', 'sessionTtlHours'], env.ZHAOCAI_SESSION_TTL_HOURS);
  set(['uploads', 'maxBytes'], env.ZHAOCAI_UPLOAD_MAX_BYTES);
  set(['schedule', 'intervalMs'], env.ZHAOCAI_SCHEDULE_INTERVAL_MS);
  set(['ledger', 'hash'], env.ZHAOCAI_LEDGER_HASH);
  set(['ledger', 'treeHeadIntervalMs'], env.ZHAOCAI_LEDGER_TREE_HEAD_INTERVAL_MS);
  set(['web', 'host'], env.ZHAOCAI_WEB_HOST);
  set(['web', 'port'], env.ZHAOCAI_WEB_PORT);
  for (const platform of PLATFORMS) {
    const prefix = `ZHAOCAI_${platform.toUpperCase()}_`;
    set(['services', platform, 'host'], env[`${prefix}HOST`]);
    set(['services', platform, 'port'], env[`${prefix}PORT`]);
    set(['services', platform, 'database'], env[`${prefix}DATABASE_URL`]);
  }
  return out;
}

function deepMerge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? deepMerge(current as Json, value as Json)
        : value;
  }
  return out;
}
