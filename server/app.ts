// The probe service's HTTP surface. Built as a function so tests can run it in-process.
// Without a `service` it serves only the operational routes; server/main.ts wires the engine.

import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { MAILSEAL_VERSION } from '../lib/version.ts';
import type { AssessmentService } from './core/assessment-service.ts';
import type { Backends } from './core/backends.ts';
import { MetricsRegistry } from './core/metrics.ts';
import { BusyError } from './core/target-lock.ts';
import { HttpError, type RateLimits, registerApiRoutes } from './http/api-routes.ts';
import { createTokenCheck } from './http/bearer-auth.ts';
import { CORS_HEADERS, type CorsPolicy, isAllowedOrigin } from './http/cors.ts';
import { collectOpenApi } from './http/openapi.ts';
import { assessmentSchema, errorSchema, healthSchema } from './http/schemas.ts';
import { fastifyTrustProxy, type TrustProxy } from './http/trust-proxy.ts';

export interface ServerOptions {
  /** true for pino's defaults, or a pino options object. */
  logger?: FastifyServerOptions['logger'];
  /** Engine and cache; without it /v1 is not served. */
  service?: AssessmentService;
  backends?: Backends;
  metrics?: MetricsRegistry;
  lab?: boolean;
  tokens?: readonly string[];
  /** Tokens for /metrics alone (a scraper's credential); without them the API tokens open it. */
  metricsTokens?: readonly string[];
  cors?: Partial<CorsPolicy>;
  rateLimits?: Partial<RateLimits>;
  maxDomainsPerRequest?: number;
  /** Which proxies' X-Forwarded-For entries are believed (server/http/trust-proxy.ts). */
  trustProxy?: TrustProxy;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { requests: 120, probes: 20, windowMs: 60_000 };

function sendError(reply: FastifyReply, error: HttpError) {
  if (error.retryAfterMs !== undefined) {
    reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
  }
  return reply.code(error.statusCode).send({
    error: error.code,
    message: error.message,
    ...(error.reason ? { reason: error.reason } : {}),
    ...(error.retryAfterMs !== undefined
      ? { retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)) }
      : {}),
  });
}

/**
 * An onRequest hook that lets a request through only with one of the tokens, when any are
 * configured. Used for /metrics and /openapi.json: with tokens on, nothing but /healthz (a
 * liveness check for load balancers) answers an anonymous caller.
 */
function requireToken(tokens: readonly string[]) {
  const check = createTokenCheck(tokens);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!check.required || check.verify(request.headers.authorization) !== null) return;
    reply.header('www-authenticate', 'Bearer realm="mailseal"');
    throw new HttpError(401, 'unauthorized', 'a valid bearer token is required');
  };
}

export function buildServer(options: ServerOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? { kind: 'off' }),
    bodyLimit: 16 * 1024,
    // Long enough for the 512-character domain cap, so long input gets a 400 with a reason.
    routerOptions: { maxParamLength: 2048 },
    // Unknown properties are an error, not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
    // Shutdown: stop accepting, let in-flight requests finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  const metrics = options.metrics ?? new MetricsRegistry();
  const renderOpenApi = collectOpenApi(app, {
    title: 'MailSeal probe service',
    version: MAILSEAL_VERSION,
  });
  app.addSchema(errorSchema);
  app.addSchema(assessmentSchema);

  const cors: CorsPolicy = {
    chromeExtensionIds: options.cors?.chromeExtensionIds ?? [],
    allowFirefox: options.cors?.allowFirefox ?? true,
    extraOrigins: options.cors?.extraOrigins ?? [],
  };
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    if (!isAllowedOrigin(origin, cors)) {
      return sendError(
        reply,
        new HttpError(
          403,
          'origin-not-allowed',
          'only the MailSeal extension may call this service from a browser',
        ),
      );
    }
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    for (const [name, value] of Object.entries(CORS_HEADERS)) reply.header(name, value);
    if (request.method === 'OPTIONS') return reply.code(204).send();
  });
  // Preflight requests for every path end in the hook above; this route only makes them match.
  app.options('/*', async (_request, reply) => reply.code(204).send());

  const httpRequests = metrics.counter(
    'mailseal_http_requests_total',
    'HTTP requests by route and status.',
  );
  const httpSeconds = metrics.histogram(
    'mailseal_http_request_duration_seconds',
    'HTTP request latency by route.',
    [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
  );
  const rss = metrics.gauge('mailseal_process_resident_memory_bytes', 'Resident set size.');
  // The JavaScript heap apart from RSS: a heap that stays flat while RSS grows is allocator
  // behaviour, a growing heap is something retained (docs/benchmarks.md, soak runs).
  const heapUsed = metrics.gauge('mailseal_process_heap_used_bytes', 'V8 heap in use.');
  const heapTotal = metrics.gauge(
    'mailseal_process_heap_total_bytes',
    'V8 heap reserved (in use plus room V8 keeps for the next allocations).',
  );
  const external = metrics.gauge(
    'mailseal_process_external_memory_bytes',
    'Memory of C++ objects bound to JavaScript (buffers, SQLite statements).',
  );
  const probesRunning = metrics.gauge('mailseal_probes_running', 'Engine runs in progress.');
  const probesQueued = metrics.gauge('mailseal_probes_queued', 'Engine runs waiting for a slot.');
  metrics.onCollect(() => {
    const usage = process.memoryUsage();
    rss(usage.rss);
    heapUsed(usage.heapUsed);
    heapTotal(usage.heapTotal);
    external(usage.external);
    probesRunning(options.service?.running ?? 0);
    probesQueued(options.service?.queued ?? 0);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpRequests({ route, method: request.method, status: String(reply.statusCode) });
    httpSeconds(reply.elapsedTime / 1000, { route });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) return sendError(reply, error);
    if (error instanceof BusyError) {
      return sendError(
        reply,
        new HttpError(503, 'busy', error.message, { retryAfterMs: error.retryAfterMs }),
      );
    }
    if (error.validation) {
      return sendError(
        reply,
        new HttpError(400, 'bad-request', error.message, { reason: 'schema' }),
      );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, new HttpError(error.statusCode, 'bad-request', error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, new HttpError(500, 'internal', 'internal error'));
  });

  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness and cache backend health',
        tags: ['operations'],
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      if (!options.backends) return { status: 'ok', version: MAILSEAL_VERSION };
      const healthy = await options.backends.ping();
      return reply.code(healthy ? 200 : 503).send({
        status: healthy ? 'ok' : 'degraded',
        version: MAILSEAL_VERSION,
        cache: options.backends.kind,
        lab: options.lab ?? false,
      });
    },
  );

  const apiTokens = options.tokens ?? [];
  const metricsTokens = options.metricsTokens?.length ? options.metricsTokens : apiTokens;
  app.get(
    '/metrics',
    {
      onRequest: requireToken(metricsTokens),
      schema: {
        summary: 'Prometheus metrics (text format 0.0.4)',
        tags: ['operations'],
        response: { 200: { type: 'string' } },
      },
    },
    async (_request, reply) => reply.type('text/plain; version=0.0.4').send(metrics.render()),
  );

  if (options.service && options.backends) {
    registerApiRoutes(app, {
      service: options.service,
      limiter: options.backends.limiter,
      limits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
      tokens: options.tokens ?? [],
      maxDomainsPerRequest: options.maxDomainsPerRequest ?? 4,
      domainOptions: {},
    });
  }

  app.get(
    '/openapi.json',
    { onRequest: requireToken(apiTokens), schema: { hide: true } },
    async () => renderOpenApi(),
  );
  return app;
}
