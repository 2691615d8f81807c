import type { RegisterCommand } from './command.ts';

/** A subcommand and how to load it: its module (and what it imports) only when it is run. */
export interface CommandEntry {
  name: string;
  load(): Promise<RegisterCommand>;
}

/**
 * Every `mailseal` subcommand, in the order `--help` lists them. Loaded on demand: loading every
 * command's modules took 1.3 s of CPU at each start, most of it the engine, mailauth and BullMQ,
 * which a scan's coordinator, for one, never uses (issue 22).
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'check', load: async () => (await import('./check.ts')).registerCheck },
  { name: 'headers', load: async () => (await import('./headers.ts')).registerHeaders },
  { name: 'history', load: async () => (await import('./history.ts')).registerHistory },
  { name: 'scan', load: async () => (await import('./scan.ts')).registerScan },
  { name: 'worker', load: async () => (await import('./worker.ts')).registerWorker },
  { name: 'verify', load: async () => (await import('./verify.ts')).registerVerify },
];

/**
 * The commands an invocation needs: the one it names, or all of them (help, version, a typo:
 * Commander then lists or suggests from the full set).
 */
export function commandsFor(argv: readonly string[]): readonly CommandEntry[] {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const named = COMMANDS.filter((command) => command.name === name);
  return named.length > 0 ? named : COMMANDS;
}
