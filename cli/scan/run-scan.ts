// `mailseal scan`: read the list, skip what an earlier run finished, run the rest through an
// executor (local pool or the BullMQ queue), append one JSON line per domain, and build the
// adoption summary from the whole results stream.

import type { Readable } from 'node:stream';
import { createScanAccumulator, type ScanSummary } from '../../lib/scan/adoption-summary.ts';
import { parseDomainName } from '../../lib/scan/domain-name.ts';
import type { CliIo } from '../io.ts';
import { readDomainList } from './domain-input.ts';
import { createProgress } from './progress.ts';
import { createResultsWriter, loadExistingResults, type ResultLine } from './results-file.ts';

/** Runs the domains and calls `emit` once per domain, in completion order. */
export type ScanExecutor = (
  work: Array<{ input: string; domain: string }>,
  emit: (line: ResultLine) => Promise<void>,
  signal: AbortSignal,
) => Promise<void>;

export interface ScanRun {
  source: string;
  out: string | null;
  /** Progress display: auto = bar on a TTY, lines otherwise. */
  progress: 'auto' | 'plain' | 'off';
  tty: boolean;
  io: CliIo;
  stdin?: Readable;
  signal?: AbortSignal;
}

export interface ScanOutcome {
  summary: ScanSummary;
  total: number;
  resumed: number;
  interrupted: boolean;
}

export async function runScan(run: ScanRun, execute: ScanExecutor): Promise<ScanOutcome> {
  const inputs = await readDomainList(run.source, run.stdin);
  const wanted = new Set(inputs);
  const accumulator = createScanAccumulator();
  const done = run.out
    ? await loadExistingResults(run.out, (line) => {
        if (wanted.has(line.input)) accumulator.add(line);
      })
    : new Set<string>();
  const pending = inputs.filter((input) => !done.has(input));
  const resumed = inputs.length - pending.length;
  const writer = createResultsWriter(run.out, run.io.out);
  const progress =
    run.progress === 'off'
      ? { tick() {}, stop() {} }
      : createProgress({
          total: inputs.length,
          alreadyDone: resumed,
          tty: run.progress === 'auto' && run.tty,
          write: run.io.err,
        });
  if (resumed > 0)
    run.io.err(`scan: resuming, ${resumed} of ${inputs.length} domains already done\n`);

  const emit = async (line: ResultLine) => {
    await writer.write(line);
    accumulator.add(line);
    progress.tick(line.error !== undefined);
  };
  const work: Array<{ input: string; domain: string }> = [];
  for (const input of pending) {
    const parsed = parseDomainName(input);
    if (parsed.ok) work.push({ input, domain: parsed.domain });
    else await emit({ input, domain: null, reason: parsed.reason, error: parsed.message });
  }
  const signal = run.signal ?? new AbortController().signal;
  try {
    await execute(work, emit, signal);
  } finally {
    await writer.flush();
    progress.stop();
  }
  return {
    summary: accumulator.summary(),
    total: inputs.length,
    resumed,
    interrupted: signal.aborted,
  };
}
