// The probe service's HTTP surface. Built as a function so tests can run it in-process.

import Fastify, { type FastifyInstance } from 'fastify';
import { MAILSEAL_VERSION } from '../lib/version.ts';

export interface ServerOptions {
  logger?: boolean;
}

export function buildServer(options: ServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });
  app.get('/healthz', async () => ({ status: 'ok', version: MAILSEAL_VERSION }));
  return app;
}
