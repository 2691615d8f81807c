// The service core: cache first, then at most one engine run per domain (in this process via
// coalescing, across instances via a lock), under a global concurrency cap. MX host probes are
// memoised across domains and connections are serialised per address. No HTTP in here.

import type { Backends, Clock } from './backends.ts';
import { systemClock } from './backends.ts';
import type {
  AddressGuard,
  AssessEngine,
  DomainAssessment,
  EngineContext,
  EngineResult,
} from './engine-types.ts';
import type { MetricsRegistry } from './metrics.ts';
import { Semaphore } from './semaphore.ts';
import { BusyError, DEFAULT_LEASE_MS, type LockWait, withTargetLock } from './target-lock.ts';
import { MECSA_TTLS, type TtlPolicy } from './ttl-policy.ts';

export interface AssessmentServiceOptions {
  engine: AssessEngine;
  backends: Backends;
  guard: AddressGuard;
  lab?: boolean;
  clock?: Clock;
  ttl?: TtlPolicy;
  /** Engine runs at once in this instance. */
  maxConcurrentProbes?: number;
  /** Engine runs allowed to wait for a slot before new ones are refused. */
  maxQueuedProbes?: number;
  /** Hard time limit for one domain's engine run. */
  probeTimeoutMs?: number;
  /** How long a request waits for another holder of the same target. */
  lockWaitMs?: number;
  /**
   * Lease of a per-target lock, renewed every third of it while the work runs: how long the
   * targets of a holder that died (SIGKILL, crash) stay blocked.
   */
  lockLeaseMs?: number;
  metrics?: MetricsRegistry;
}

export interface AssessmentService {
  /** The cached assessment, or a fresh one. Throws BusyError when over capacity. */
  assess(domain: string, signal?: AbortSignal): Promise<DomainAssessment>;
  /** The cached assessment only (no probe). */
  cached(domain: string): Promise<DomainAssessment | null>;
  readonly running: number;
  readonly queued: number;
  /** Stop accepting fresh runs and wait for those in flight (graceful shutdown). */
  drain(): Promise<void>;
}

interface StoredAssessment {
  result: EngineResult;
  checkedAt: string;
}

const domainKey = (domain: string) => `domain:${domain}`;
const hostKey = (host: string) => `mxhost:${host.toLowerCase().replace(/\.$/, '')}`;

export function createAssessmentService(options: AssessmentServiceOptions): AssessmentService {
  const { engine, backends, guard } = options;
  const clock = options.clock ?? systemClock;
  const ttl = options.ttl ?? MECSA_TTLS;
  const lab = options.lab ?? false;
  const probeTimeoutMs = options.probeTimeoutMs ?? 120_000;
  const semaphore = new Semaphore(options.maxConcurrentProbes ?? 8, options.maxQueuedProbes ?? 64);
  const inFlight = new Map<string, Promise<DomainAssessment>>();
  let draining = false;
  const lockWait: LockWait = {
    leaseMs: options.lockLeaseMs ?? DEFAULT_LEASE_MS,
    waitMs: options.lockWaitMs ?? probeTimeoutMs,
    pollMs: 200,
  };
  const count = options.metrics?.counter(
    'mailseal_assessments_total',
    'Domain assessments by where the answer came from.',
  );
  const hostCount = options.metrics?.counter(
    'mailseal_mx_host_probes_total',
    'MX host probes by outcome: probed, or served from the per-host cache.',
  );
  const runSeconds = options.metrics?.histogram(
    'mailseal_engine_run_seconds',
    'Duration of fresh engine runs.',
    [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120],
  );

  async function readCached(domain: string): Promise<DomainAssessment | null> {
    const entry = await backends.cache.get(domainKey(domain));
    if (!entry) return null;
    const stored = JSON.parse(entry.value) as StoredAssessment;
    return {
      domain,
      ...stored.result,
      checkedAt: stored.checkedAt,
      expiresAt: new Date(entry.expiresAt).toISOString(),
      source: 'cached',
      lab,
    };
  }

  // Same-process callers of one MX key share the run instead of polling its lock.
  const hostInFlight = new Map<string, Promise<unknown>>();

  function probeHostOnce<T>(
    host: string,
    probe: (lease: AbortSignal) => Promise<T>,
    incomplete: (value: T) => boolean = () => false,
  ): Promise<T> {
    const key = hostKey(host);
    const pending = hostInFlight.get(key) as Promise<T> | undefined;
    if (pending) {
      hostCount?.({ outcome: 'cached' });
      return pending;
    }
    const run = probeHostShared(key, probe, incomplete).finally(() => hostInFlight.delete(key));
    hostInFlight.set(key, run);
    return run;
  }

  async function probeHostShared<T>(
    key: string,
    probe: (lease: AbortSignal) => Promise<T>,
    incomplete: (value: T) => boolean,
  ): Promise<T> {
    const fromCache = async (): Promise<T | null> => {
      const entry = await backends.cache.get(key);
      return entry ? (JSON.parse(entry.value) as T) : null;
    };
    const hit = await fromCache();
    if (hit !== null) {
      hostCount?.({ outcome: 'cached' });
      return hit;
    }
    const shortcut = async () => {
      const value = await fromCache();
      if (value !== null) hostCount?.({ outcome: 'cached' });
      return value;
    };
    return withTargetLock(
      backends.locks,
      clock,
      key,
      lockWait,
      async (lease) => {
        const again = await fromCache(); // another holder may have finished just before us
        if (again !== null) {
          hostCount?.({ outcome: 'cached' });
          return again;
        }
        const value = await probe(lease);
        hostCount?.({ outcome: 'probed' });
        const ttlMs = incomplete(value) ? ttl.incompleteMs : ttl.completeMs;
        await backends.cache.set(key, JSON.stringify(value), ttlMs);
        return value;
      },
      shortcut,
    );
  }

  function withAddressLock<T>(
    address: string,
    connect: (lease: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return withTargetLock(backends.locks, clock, `addr:${address}`, lockWait, connect);
  }

  // Not tied to the requesting client: the result is cached for everyone, so a client that hangs
  // up must not waste the run. Only the time limit, or losing the domain's lock, stops it.
  async function runEngine(domain: string, lease: AbortSignal): Promise<DomainAssessment> {
    const context: EngineContext = {
      signal: AbortSignal.any([AbortSignal.timeout(probeTimeoutMs), lease]),
      lab,
      guard,
      probeHostOnce,
      withAddressLock,
    };
    const started = clock.now();
    let result: EngineResult;
    let ttlMs: number;
    try {
      result = await engine(domain, context);
      ttlMs = result.incomplete ? ttl.incompleteMs : ttl.completeMs;
    } catch (error) {
      // The engine should report problems, not throw; a throw is still an answer we must cache
      // briefly, or a failing domain could be re-probed by every request.
      result = {
        probe: null,
        dns: null,
        scores: null,
        resolver: null,
        problems: [{ stage: 'probe', message: (error as Error).message }],
        incomplete: true,
      };
      ttlMs = ttl.failureMs;
    }
    runSeconds?.((clock.now() - started) / 1000);
    // Lost the lock: another holder may be probing this domain now. Our (likely cut short)
    // result must not overwrite theirs in the cache; the client gets a retryable 503.
    if (lease.aborted) throw lease.reason;
    const checkedAt = new Date(clock.now()).toISOString();
    await backends.cache.set(domainKey(domain), JSON.stringify({ result, checkedAt }), ttlMs);
    count?.({ source: 'fresh' });
    return {
      domain,
      ...result,
      checkedAt,
      expiresAt: new Date(clock.now() + ttlMs).toISOString(),
      source: 'fresh',
      lab,
    };
  }

  async function assessUncoalesced(
    domain: string,
    signal?: AbortSignal,
  ): Promise<DomainAssessment> {
    return semaphore.run(() =>
      withTargetLock(
        backends.locks,
        clock,
        domainKey(domain),
        lockWait,
        async (lease) => (await readCached(domain)) ?? runEngine(domain, lease),
        () => readCached(domain),
        signal,
      ),
    );
  }

  return {
    async assess(domain, signal) {
      const cached = await readCached(domain);
      if (cached) {
        count?.({ source: 'cached' });
        return cached;
      }
      if (draining) throw new BusyError('the service is shutting down', 10_000);
      const pending = inFlight.get(domain);
      if (pending) return pending;
      const run = assessUncoalesced(domain, signal).finally(() => inFlight.delete(domain));
      inFlight.set(domain, run);
      return run;
    },
    async cached(domain) {
      const hit = await readCached(domain);
      if (hit) count?.({ source: 'cached' });
      return hit;
    },
    get running() {
      return semaphore.running;
    },
    get queued() {
      return semaphore.queued;
    },
    async drain() {
      draining = true;
      await semaphore.idle();
    },
  };
}
