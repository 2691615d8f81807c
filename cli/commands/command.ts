import type { Command } from 'commander';
import type { CliHost, CliIo } from '../io.ts';

/**
 * Adds one subcommand to the program. `setExitCode` reports a verdict-driven exit status; `host`
 * carries the environment and terminal facts, so commands do not read `process` themselves.
 */
export type RegisterCommand = (
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
  host: CliHost,
) => void;
