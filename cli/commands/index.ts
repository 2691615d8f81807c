import { registerCheck } from './check.ts';
import type { RegisterCommand } from './command.ts';
import { registerHeaders } from './headers.ts';

/** Every `mailseal` subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly RegisterCommand[] = [registerCheck, registerHeaders];
