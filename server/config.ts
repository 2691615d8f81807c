// Service configuration from environment variables and command-line flags (flags win).
// Every setting is listed in README.md under "Probe service".

import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LEASE_MS } from './core/target-lock.ts';
import { parseTrustProxy, type TrustProxy } from './http/trust-proxy.ts';

export interface ServiceConfig {
  host: string;
  port: number;
  /** Shared mode when set: cache, locks and rate limits in Redis. */
  redisUrl: string | null;
  /** Embedded mode: SQLite file in this directory ("memory" keeps nothing on disk). */
  dataDir: string;
  cache: 'sqlite' | 'memory';
  lab: boolean;
  /** DoH resolver URLs, in failover order. */
  resolvers: string[];
  tokens: string[];
  /** Tokens that open /metrics only; without them the API tokens do. */
  metricsTokens: string[];
  extensionIds: string[];
  corsOrigins: string[];
  allowFirefox: boolean;
  rateLimit: number;
  probeRateLimit: number;
  maxProbes: number;
  maxQueue: number;
  maxDomainsPerRequest: number;
  probeTimeoutMs: number;
  /** Per-target lock lease, renewed while work runs: a crashed holder frees it within one lease. */
  lockLeaseMs: number;
  trustProxy: TrustProxy;
  logLevel: string;
  ehloName: string | null;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const flag = (value: string | undefined) => value === '1' || value === 'true' || value === 'yes';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive integer (got ${value})`);
  return n;
}

export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'mailseal');
}

export const SERVICE_FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'redis-url': { type: 'string' },
  'data-dir': { type: 'string' },
  cache: { type: 'string' },
  lab: { type: 'boolean' },
  resolver: { type: 'string', multiple: true },
  'extension-id': { type: 'string', multiple: true },
  'rate-limit': { type: 'string' },
  'probe-rate-limit': { type: 'string' },
  'max-probes': { type: 'string' },
  'max-queue': { type: 'string' },
  'probe-timeout': { type: 'string' },
  'lock-lease': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'trust-proxy-hops': { type: 'string' },
  'trusted-proxy': { type: 'string', multiple: true },
  'log-level': { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** Flags win over MAILSEAL_TRUST_PROXY; a list of proxies wins over a hop count. */
function trustProxyOf(
  f: { 'trust-proxy'?: boolean; 'trust-proxy-hops'?: string; 'trusted-proxy'?: string[] },
  env: NodeJS.ProcessEnv,
): TrustProxy {
  if (f['trusted-proxy']?.length) return parseTrustProxy(f['trusted-proxy'].join(','));
  if (f['trust-proxy-hops'] !== undefined) {
    const hops = positiveInt('trust proxy hops', f['trust-proxy-hops'], 1);
    return { kind: 'hops', hops };
  }
  if (f['trust-proxy'] !== undefined) return parseTrustProxy(f['trust-proxy']);
  return parseTrustProxy(env.MAILSEAL_TRUST_PROXY);
}

export function loadServiceConfig(
  argv: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const { values: f } = parseArgs({ args: [...argv], options: SERVICE_FLAGS, strict: true });
  const cache = f.cache ?? env.MAILSEAL_CACHE ?? 'sqlite';
  if (cache !== 'sqlite' && cache !== 'memory')
    throw new Error(`cache must be sqlite or memory (got ${cache})`);
  const tokens = list(env.MAILSEAL_TOKENS);
  return {
    host: f.host ?? env.MAILSEAL_HOST ?? '127.0.0.1',
    port: positiveInt('port', f.port ?? env.MAILSEAL_PORT, 8787),
    redisUrl: f['redis-url'] ?? env.REDIS_URL ?? null,
    dataDir: f['data-dir'] ?? env.MAILSEAL_DATA_DIR ?? defaultDataDir(env),
    cache,
    lab: f.lab ?? flag(env.MAILSEAL_LAB),
    resolvers: f.resolver ?? list(env.MAILSEAL_RESOLVERS),
    tokens,
    metricsTokens: list(env.MAILSEAL_METRICS_TOKENS),
    extensionIds: f['extension-id'] ?? list(env.MAILSEAL_EXTENSION_IDS),
    corsOrigins: list(env.MAILSEAL_CORS_ORIGINS),
    allowFirefox: env.MAILSEAL_ALLOW_FIREFOX !== '0',
    rateLimit: positiveInt('rate limit', f['rate-limit'] ?? env.MAILSEAL_RATE_LIMIT, 120),
    probeRateLimit: positiveInt(
      'probe rate limit',
      f['probe-rate-limit'] ?? env.MAILSEAL_PROBE_RATE_LIMIT,
      20,
    ),
    maxProbes: positiveInt('max probes', f['max-probes'] ?? env.MAILSEAL_MAX_PROBES, 8),
    maxQueue: positiveInt('max queue', f['max-queue'] ?? env.MAILSEAL_MAX_QUEUE, 64),
    maxDomainsPerRequest: positiveInt('max domains', env.MAILSEAL_MAX_DOMAINS, 4),
    probeTimeoutMs: positiveInt(
      'probe timeout',
      f['probe-timeout'] ?? env.MAILSEAL_PROBE_TIMEOUT_MS,
      120_000,
    ),
    lockLeaseMs: positiveInt(
      'lock lease',
      f['lock-lease'] ?? env.MAILSEAL_LOCK_LEASE_MS,
      DEFAULT_LEASE_MS,
    ),
    trustProxy: trustProxyOf(f, env),
    logLevel: f['log-level'] ?? env.MAILSEAL_LOG_LEVEL ?? 'info',
    ehloName: env.MAILSEAL_EHLO_NAME ?? null,
  };
}
