import type { Command } from 'commander';
import type { CliIo } from '../io.ts';

/** Adds one subcommand to the program. `setExitCode` reports a verdict-driven exit status. */
export type RegisterCommand = (
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
) => void;
