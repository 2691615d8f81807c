// `mailseal scan`: read the list, skip what an earlier run finished, run the rest through an
// executor (local pool or the BullMQ queue), append one JSON line per domain, and build the
// adoption summary from the whole results stream. Per domain the process keeps a few dozen
// bytes of list and one bit (cli/scan/scan-work.ts), never the results. What the summary counts
// of a line is its facts record (lib/scan/result-line.ts), made where the domain was assessed:
// this process never parses an assessment it did not make, nor one it resumes.

import type { Readable } from 'node:stream';
import { createScanAccumulator, type ScanSummary } from '../../lib/scan/adoption-summary.ts';
import { parseDomainName } from '../../lib/scan/domain-name.ts';
import { serializeResult } from '../../lib/scan/result-line.ts';
import type { CliIo } from '../io.ts';
import { readDomainList } from './domain-input.ts';
import { createProgress } from './progress.ts';
import { createResultsWriter, type ScanRecord, streamExistingResults } from './results-file.ts';
import { createScanWork, type ScanWork } from './scan-work.ts';

/**
 * Runs the unfinished domains of `work` and calls `emit` once per domain, in completion order,
 * for each result whose input `work.finish` accepts (a result that arrives twice counts once).
 */
export type ScanExecutor = (
  work: ScanWork,
  emit: (record: ScanRecord) => Promise<void>,
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
  const work = createScanWork(await readDomainList(run.source, run.stdin));
  const accumulator = createScanAccumulator();
  if (run.out)
    await streamExistingResults(run.out, (record) => {
      if (work.finish(record.input)) accumulator.addEntry(record.entry);
    });
  const resumed = work.total - work.remaining();
  const writer = createResultsWriter(run.out, run.io.out);
  const progress =
    run.progress === 'off'
      ? { tick() {}, stop() {} }
      : createProgress({
          total: work.total,
          alreadyDone: resumed,
          tty: run.progress === 'auto' && run.tty,
          write: run.io.err,
        });
  if (resumed > 0) run.io.err(`scan: resuming, ${resumed} of ${work.total} domains already done\n`);

  const emit = async (record: ScanRecord) => {
    await writer.write(record.text);
    accumulator.addEntry(record.entry);
    progress.tick(record.entry.kind !== 'assessed');
  };
  const signal = run.signal ?? new AbortController().signal;
  try {
    await emitInvalidNames(work, emit);
    await execute(work, emit, signal);
  } finally {
    await writer.close();
    progress.stop();
  }
  return {
    summary: accumulator.summary(),
    total: work.total,
    resumed,
    interrupted: signal.aborted,
  };
}

/** Names that are no domain get their line (with the reason) without reaching an executor. */
async function emitInvalidNames(work: ScanWork, emit: (record: ScanRecord) => Promise<void>) {
  for (const input of work.unfinishedInputs()) {
    const parsed = parseDomainName(input);
    // Finishing the name just visited leaves the walk over the others as it was.
    if (!parsed.ok && work.finish(input))
      await emit(
        serializeResult({ input, domain: null, reason: parsed.reason, error: parsed.message }),
      );
  }
}
