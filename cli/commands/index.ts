import { registerCheck } from './check.ts';
import type { RegisterCommand } from './command.ts';
import { registerHeaders } from './headers.ts';
import { registerHistory } from './history.ts';
import { registerScan } from './scan.ts';
import { registerVerify } from './verify.ts';
import { registerWorker } from './worker.ts';

/** Every `mailseal` subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerCheck,
  registerHeaders,
  registerHistory,
  registerScan,
  registerWorker,
  registerVerify,
];
