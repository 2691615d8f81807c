// Builds the OpenAPI 3.1 document from the routes as Fastify registered them, so the document
// cannot drift from the schemas that validate requests and shape responses.

import type { FastifyInstance, RouteOptions } from 'fastify';

type Json = Record<string, unknown>;

// Documentation keys next to the validation schemas (Fastify ignores them when validating).
declare module 'fastify' {
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: readonly string[];
    security?: readonly Record<string, readonly string[]>[];
    /** Leave the route out of the OpenAPI document. */
    hide?: boolean;
  }
}

interface CollectedRoute {
  method: string;
  url: string;
  schema: Json;
}

const refToComponent = (ref: string) => `#/components/schemas/${ref.replace(/#$/, '')}`;

/** Rewrites Fastify's `Name#` references to components and drops `$id`. */
function toOpenApiSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toOpenApiSchema);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$id') continue;
    out[key] =
      key === '$ref' && typeof inner === 'string' ? refToComponent(inner) : toOpenApiSchema(inner);
  }
  return out;
}

const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(schema: Json): Json[] {
  const out: Json[] = [];
  for (const [location, key] of [
    ['path', 'params'],
    ['query', 'querystring'],
  ] as const) {
    const object = schema[key] as { properties?: Json; required?: string[] } | undefined;
    for (const [name, property] of Object.entries(object?.properties ?? {})) {
      const { description, ...rest } = property as Json;
      out.push({
        name,
        in: location,
        required: location === 'path' || (object?.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: toOpenApiSchema(rest),
      });
    }
  }
  return out;
}

function operation(route: CollectedRoute): Json {
  const { schema } = route;
  const responses: Json = {};
  for (const [status, body] of Object.entries((schema.response as Json | undefined) ?? {})) {
    const contentType =
      status === '200' && route.url === '/metrics' ? 'text/plain' : 'application/json';
    responses[status] = {
      description: status === '200' ? 'OK' : `HTTP ${status}`,
      content: { [contentType]: { schema: toOpenApiSchema(body) } },
    };
  }
  return {
    ...(schema.summary ? { summary: schema.summary } : {}),
    ...(schema.description ? { description: schema.description } : {}),
    ...(schema.tags ? { tags: schema.tags } : {}),
    ...(schema.security ? { security: schema.security } : {}),
    parameters: parameters(schema),
    ...(schema.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toOpenApiSchema(schema.body) } },
          },
        }
      : {}),
    responses,
  };
}

/** Call before routes are added; returns a function that renders the document. */
export function collectOpenApi(app: FastifyInstance, info: { title: string; version: string }) {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.schema || (route.schema as Json).hide) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({ method: method.toLowerCase(), url: route.url, schema: route.schema as Json });
    }
  });
  return (): Json => {
    const paths: Record<string, Json> = {};
    for (const route of routes) {
      const path = openApiPath(route.url);
      paths[path] = { ...(paths[path] ?? {}), [route.method]: operation(route) };
    }
    const components: Json = {};
    for (const [id, schema] of Object.entries(app.getSchemas())) {
      components[id] = toOpenApiSchema(schema);
    }
    return {
      openapi: '3.1.0',
      info,
      paths,
      components: {
        schemas: components,
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
    };
  };
}
