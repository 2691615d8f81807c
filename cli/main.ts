import { Command, CommanderError } from 'commander';
import { MAILSEAL_VERSION } from '../lib/version.ts';
import { commandsFor } from './commands/index.ts';
import { EXIT } from './exit-codes.ts';
import { type CliHost, type CliIo, processHost, processIo } from './io.ts';

/** Runs `mailseal` with the given arguments and returns the exit code. */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo,
  host: CliHost = processHost(),
): Promise<number> {
  const program = new Command('mailseal')
    .description('How securely does mail travel? Header analysis, DNS posture and SMTP probing.')
    .version(MAILSEAL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  let exitCode = 0;
  const registers = await Promise.all(commandsFor(argv).map((command) => command.load()));
  for (const register of registers) {
    register(
      program,
      io,
      (code) => {
        exitCode = code;
      },
      host,
    );
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // A failure of the tool itself: one line, not a stack dump (MAILSEAL_DEBUG=1 shows it).
    io.err(`mailseal: ${(error as Error).message ?? String(error)}\n`);
    if (host.env.MAILSEAL_DEBUG === '1') io.err(`${(error as Error).stack ?? ''}\n`);
    return EXIT.internal;
  }
}
