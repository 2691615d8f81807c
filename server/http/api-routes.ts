// /v1: GET /v1/domains/:domain and POST /v1/assess, behind bearer tokens (optional) and
// per-client rate limits. Cheap cached answers count against the request limit; answers that
// need a fresh probe also count against the much smaller probe limit.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type DomainParseOptions, parseDomainName } from '../../lib/scan/domain-name.ts';
import type { AssessmentService } from '../core/assessment-service.ts';
import type { RateLimiter } from '../core/backends.ts';
import { createTokenCheck, tokenId } from './bearer-auth.ts';
import {
  assessBodySchema,
  assessResponseSchema,
  domainParamsSchema,
  errorResponses,
} from './schemas.ts';

export interface RateLimits {
  /** Requests per client per window. */
  requests: number;
  /** Domains needing a fresh probe per client per window. */
  probes: number;
  windowMs: number;
}

export interface ApiOptions {
  service: AssessmentService;
  limiter: RateLimiter;
  limits: RateLimits;
  tokens: readonly string[];
  maxDomainsPerRequest: number;
  domainOptions: DomainParseOptions;
}

export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly reason: string | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(
    statusCode: number,
    code: string,
    message: string,
    extra: { reason?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.reason = extra.reason;
    this.retryAfterMs = extra.retryAfterMs;
  }
}

const security = [{ bearer: [] }];

export function registerApiRoutes(app: FastifyInstance, options: ApiOptions): void {
  const tokens = createTokenCheck(options.tokens);
  const { limiter, limits, service } = options;

  function normalise(inputs: readonly string[]): string[] {
    return inputs.map((input, index) => {
      const parsed = parseDomainName(input, options.domainOptions);
      if (parsed.ok) return parsed.domain;
      const where = inputs.length > 1 ? `domains[${index}]: ` : '';
      throw new HttpError(400, 'invalid-domain', `${where}${parsed.message}`, {
        reason: parsed.reason,
      });
    });
  }

  async function admit(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    let client = `ip:${request.ip}`;
    if (tokens.required) {
      const token = tokens.verify(request.headers.authorization);
      if (!token) {
        reply.header('www-authenticate', 'Bearer realm="mailseal"');
        throw new HttpError(401, 'unauthorized', 'a valid bearer token is required');
      }
      client = `token:${tokenId(token)}`;
    }
    const decision = await limiter.hit(`req:${client}`, 1, limits.requests, limits.windowMs);
    reply.header('x-ratelimit-remaining', String(decision.remaining));
    if (!decision.allowed) {
      throw new HttpError(429, 'rate-limited', 'too many requests', {
        retryAfterMs: decision.retryAfterMs,
      });
    }
    return client;
  }

  async function assessAll(client: string, domains: string[]) {
    const unique = [...new Set(domains)];
    const cached = await Promise.all(unique.map((d) => service.cached(d)));
    const needProbe = cached.filter((c) => c === null).length;
    if (needProbe > 0) {
      const decision = await limiter.hit(
        `probe:${client}`,
        needProbe,
        limits.probes,
        limits.windowMs,
      );
      if (!decision.allowed) {
        throw new HttpError(
          429,
          'rate-limited',
          'too many fresh probes; cached domains are still served',
          {
            retryAfterMs: decision.retryAfterMs,
          },
        );
      }
    }
    const results = await Promise.all(
      unique.map((domain, i) => cached[i] ?? service.assess(domain)),
    );
    const byDomain = new Map(results.map((r) => [r.domain, r]));
    return domains.map((d) => byDomain.get(d));
  }

  // Token and request limit run in onRequest, before the body is parsed or the input validated:
  // an anonymous caller learns nothing about the schema, and invalid bodies count against the
  // limit like any other request.
  const clients = new WeakMap<FastifyRequest, string>();
  const onRequest = async (request: FastifyRequest, reply: FastifyReply) => {
    clients.set(request, await admit(request, reply));
  };
  const clientOf = (request: FastifyRequest) => clients.get(request) ?? `ip:${request.ip}`;

  app.get<{ Params: { domain: string } }>(
    '/v1/domains/:domain',
    {
      onRequest,
      schema: {
        summary: 'Transport security of one mail domain',
        description:
          'The DomainProbeReport (every MX: STARTTLS, certificate, DANE, MTA-STS, verdicts), the DNS posture and the scores; from the cache when fresh enough.',
        tags: ['assess'],
        security,
        params: domainParamsSchema,
        response: { 200: { $ref: 'DomainAssessment#' }, ...errorResponses },
      },
    },
    async (request) => {
      const [domain = ''] = normalise([request.params.domain]);
      const [result] = await assessAll(clientOf(request), [domain]);
      return result;
    },
  );

  app.post<{ Body: { domains: string[] } }>(
    '/v1/assess',
    {
      onRequest,
      schema: {
        summary: 'Assess a few domains at once',
        description: `Up to ${options.maxDomainsPerRequest} domains (the sender and recipient of one message). Results come back in request order.`,
        tags: ['assess'],
        security,
        body: assessBodySchema(options.maxDomainsPerRequest),
        response: { 200: assessResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const domains = normalise(request.body.domains);
      return { results: await assessAll(clientOf(request), domains) };
    },
  );
}
