// `mailseal history`: the sender profiles `mailseal headers` learns (lib/profile): list them,
// export or import them as JSON (the same format the extension's options page uses), forget one
// sender or clear all.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createProfileStore, dayText, type SenderProfile } from '../../lib/profile/index.ts';
import { defaultHistoryDir } from '../history/file-history-store.ts';
import { createFileProfileStorage } from '../history/profile-file-storage.ts';
import type { CliIo } from '../io.ts';
import type { RegisterCommand } from './command.ts';

interface HistoryOptions {
  historyDir?: string;
  json?: boolean;
}

function summary(p: SenderProfile): string {
  const first = p.observations[0];
  const last = p.observations.at(-1);
  const tls = [...new Set(p.observations.map((o) => o.tls))].join('/');
  const providers = [...new Set(p.observations.map((o) => o.provider ?? '?'))].join(', ');
  const span = first && last ? `${dayText(first.day)} … ${dayText(last.day)}` : '';
  return `${p.sender.padEnd(32)} ${String(p.observations.length).padStart(3)} msgs  ${span}  ${tls}  via ${providers}`;
}

function storeFor(options: HistoryOptions) {
  const storage = createFileProfileStorage(options.historyDir ?? defaultHistoryDir());
  return { store: createProfileStore(storage), path: storage.path };
}

async function guarded(io: CliIo, setExitCode: (c: number) => void, run: () => Promise<void>) {
  try {
    await run();
  } catch (error) {
    io.err(`mailseal history: ${error instanceof Error ? error.message : String(error)}\n`);
    setExitCode(2);
  }
}

export const registerHistory: RegisterCommand = (program: Command, io, setExitCode) => {
  const history = program
    .command('history')
    .description('the sender profiles behind downgrade alerts: list, export, import, forget, clear')
    .option('--history-dir <dir>', 'where the profiles live (default $XDG_STATE_HOME/mailseal)');
  const opts = (cmd: Command): HistoryOptions => cmd.optsWithGlobals<HistoryOptions>();
  history
    .command('list')
    .description('one line per sender: messages, days, transport, providers')
    .option('--json', 'the profiles as JSON')
    .action((_o, cmd: Command) =>
      guarded(io, setExitCode, async () => {
        const { store, path } = storeFor(opts(cmd));
        const all = await store.all();
        if (opts(cmd).json) io.out(`${JSON.stringify(all, null, 2)}\n`);
        else
          io.out(
            all.length === 0
              ? `no sender profiles in ${path}\n`
              : `${all.map(summary).join('\n')}\n`,
          );
      }),
    );
  history
    .command('export')
    .description('print every profile as portable JSON')
    .action((_o, cmd: Command) =>
      guarded(io, setExitCode, async () => {
        io.out(`${JSON.stringify(await storeFor(opts(cmd)).store.exportAll())}\n`);
      }),
    );
  history
    .command('import')
    .argument('<file>', 'a file written by `mailseal history export` or the extension')
    .description('merge exported profiles into this history')
    .action((file: string, _o, cmd: Command) =>
      guarded(io, setExitCode, async () => {
        const count = await storeFor(opts(cmd)).store.importAll(
          JSON.parse(await readFile(file, 'utf8')),
        );
        io.out(`imported ${count} sender profile(s)\n`);
      }),
    );
  history
    .command('forget')
    .argument('<sender>', 'the sender organisational domain')
    .description('forget one sender')
    .action((sender: string, _o, cmd: Command) =>
      guarded(io, setExitCode, async () => {
        await storeFor(opts(cmd)).store.forget(sender.toLowerCase());
        io.out(`forgot ${sender.toLowerCase()}\n`);
      }),
    );
  history
    .command('clear')
    .description('forget every sender')
    .action((_o, cmd: Command) =>
      guarded(io, setExitCode, async () => {
        await storeFor(opts(cmd)).store.clear();
        io.out('cleared every sender profile\n');
      }),
    );
};
