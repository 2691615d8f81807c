// Starts the companion probe service: `npm run server` or `node server/main.ts`.

import { buildServer } from './app.ts';

const host = process.env.MAILSEAL_HOST ?? '127.0.0.1';
const port = Number(process.env.MAILSEAL_PORT ?? 8787);

const app = buildServer({ logger: true });
await app.listen({ host, port });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
