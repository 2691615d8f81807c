// Prints a replay (replay.ts): each message in date order, with the alerts it got.
import type { CliIo } from '../io.ts';
import { formatAlerts } from './format-alerts.ts';
import { replayFolder } from './replay.ts';

/** Exit code: 0 replayed (alerts or not), 2 the folder could not be read. */
export async function runReplay(dir: string, io: CliIo, json: boolean): Promise<number> {
  let result: Awaited<ReturnType<typeof replayFolder>>;
  try {
    result = await replayFolder(dir);
  } catch (error) {
    io.err(`cannot replay ${dir}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  for (const m of result.messages) {
    io.out(
      `${m.day ?? '(undated)'}  ${m.sender ?? '(no sender)'}  ${m.file}${m.alerts.length === 0 ? '' : `  — ${m.alerts.length} alert(s)`}\n`,
    );
    const text = formatAlerts(m.alerts, m.sender);
    if (text !== '') io.out(text.replace(/^/gm, '    '));
  }
  for (const s of result.skipped) io.out(`skipped ${s.file}: ${s.reason}\n`);
  if (result.truncated)
    io.out('note: the folder has more messages than a replay reads; the rest were left out\n');
  const alerts = result.messages.reduce((n, m) => n + m.alerts.length, 0);
  io.out(`${result.messages.length} message(s) replayed, ${alerts} alert(s)\n`);
  return 0;
}
