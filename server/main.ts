// Starts the companion probe service: `npm run server [-- flags]` or `node server/main.ts`.
// Configuration: environment and flags, see README.md "Probe service".

import { runService } from './run-service.ts';

await runService(process.argv.slice(2));
