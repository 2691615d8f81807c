// Starts the companion probe service: `npm run server [-- flags]` or `node server/main.ts`.
// Configuration: environment and flags, see README.md "Probe service".

import { loadServiceConfig } from './config.ts';
import { startService } from './service.ts';

const config = loadServiceConfig(process.argv.slice(2));
const running = startService(config);
const { app } = running;
await app.listen({ host: config.host, port: config.port });
app.log.info(
  { cache: running.backends.kind, lab: config.lab, auth: config.tokens.length > 0 },
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
