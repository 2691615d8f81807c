// JSON Schemas of the HTTP API. Fastify validates input and serialises output with them, and
// the OpenAPI document is generated from the very same objects (see openapi.ts).

import { scoresSchema } from './score-schema.ts';

export const MAX_DOMAIN_INPUT = 512;

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'Stable code, e.g. invalid-domain, rate-limited, busy.' },
    reason: { type: 'string', description: 'Finer code, e.g. ip-literal for invalid-domain.' },
    message: { type: 'string' },
    retryAfterSeconds: { type: 'integer' },
  },
} as const;

const nullableObject = (description: string) =>
  ({ type: ['object', 'null'], additionalProperties: true, description }) as const;

export const assessmentSchema = {
  $id: 'DomainAssessment',
  type: 'object',
  required: [
    'domain',
    'checkedAt',
    'expiresAt',
    'source',
    'lab',
    'resolver',
    'probe',
    'dns',
    'scores',
    'problems',
    'incomplete',
  ],
  properties: {
    domain: { type: 'string', description: 'The domain as assessed: IDNA A-labels, lowercase.' },
    checkedAt: { type: 'string', format: 'date-time', description: 'When the engine ran.' },
    expiresAt: {
      type: 'string',
      format: 'date-time',
      description: 'When the cached answer expires.',
    },
    source: { type: 'string', enum: ['fresh', 'cached'] },
    lab: { type: 'boolean', description: 'Produced in lab mode (loopback targets, lab CA).' },
    resolver: { type: ['string', 'null'], description: 'URL of the DNS-over-HTTPS resolver used.' },
    probe: nullableObject('DomainProbeReport (docs/domain-probe-report.schema.json).'),
    dns: nullableObject('DomainDnsPosture from the DNS checks.'),
    scores: scoresSchema,
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['stage', 'message'],
        properties: {
          stage: { type: 'string', enum: ['dns', 'probe', 'score'] },
          message: { type: 'string' },
        },
      },
    },
    incomplete: { type: 'boolean', description: 'Something could not be tested; cached briefly.' },
  },
} as const;

export const domainParamsSchema = {
  type: 'object',
  required: ['domain'],
  properties: {
    domain: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_DOMAIN_INPUT,
      description: 'A mail domain; Unicode (IDNA) or A-labels. No URL, port or IP address.',
    },
  },
} as const;

export function assessBodySchema(maxDomains: number) {
  return {
    type: 'object',
    required: ['domains'],
    additionalProperties: false,
    properties: {
      domains: {
        type: 'array',
        minItems: 1,
        maxItems: maxDomains,
        items: { type: 'string', minLength: 1, maxLength: MAX_DOMAIN_INPUT },
        description: 'For the extension: the sender and recipient domains of one message.',
      },
    },
  } as const;
}

export const assessResponseSchema = {
  type: 'object',
  required: ['results'],
  properties: { results: { type: 'array', items: { $ref: 'DomainAssessment#' } } },
} as const;

export const healthSchema = {
  type: 'object',
  required: ['status', 'version'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    version: { type: 'string' },
    cache: { type: 'string', enum: ['memory', 'sqlite', 'redis'] },
    lab: { type: 'boolean' },
  },
} as const;

export const errorResponses = {
  400: { $ref: 'Error#' },
  401: { $ref: 'Error#' },
  403: { $ref: 'Error#' },
  429: { $ref: 'Error#' },
  503: { $ref: 'Error#' },
} as const;
