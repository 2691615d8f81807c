// Starts the configured service, listens, and shuts down gracefully on SIGINT/SIGTERM.
// Shared by `npm run server` (server/main.ts) and `npm start` (scripts/start.ts).

import { loadServiceConfig, type ServiceConfig } from './config.ts';
import { describeTrustProxy } from './http/trust-proxy.ts';
import { type RunningService, startService } from './service.ts';

export async function runService(
  argv: readonly string[],
): Promise<{ running: RunningService; config: ServiceConfig }> {
  const config = loadServiceConfig([...argv]);
  const running = startService(config);
  const { app } = running;
  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    {
      cache: running.backends.kind,
      lab: config.lab,
      auth: config.tokens.length > 0,
      trustProxy: describeTrustProxy(config.trustProxy),
    },
    'probe service ready',
  );

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down: finishing in-flight probes');
      void running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return { running, config };
}
