// `mailseal scan <file|-> [--out results.jsonl] [--concurrency N] [--queue redis://…]`
// Bulk assessment with resume, a progress display and an adoption summary (terminal, Markdown, CSV).

import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { summaryChartSvg } from '../../lib/scan/summary-chart.ts';
import { summaryCsv, summaryMarkdown } from '../../lib/scan/summary-format.ts';
import { EXIT } from '../exit-codes.ts';
import { renderScanSummary } from '../report/scan-summary.ts';
import { domainListProblem } from '../scan/domain-list-problem.ts';
import { runScan } from '../scan/run-scan.ts';
import { queueExecutor, scanIdForResults } from '../scan/scan-queue.ts';
import type { RegisterCommand } from './command.ts';

interface ScanFlags {
  out?: string;
  concurrency: string;
  queue?: string;
  redisUrl?: string;
  dataDir?: string;
  lab?: boolean;
  resolver?: string[];
  markdown?: string;
  csv?: string;
  chart?: string;
  json?: string;
  progress: boolean;
}

export const registerScan: RegisterCommand = (program, io, setExitCode, host) => {
  program
    .command('scan')
    .description(
      'Assess a list of domains (one per line, or rank,domain CSV) and summarise adoption',
    )
    .argument('<source>', 'domain list file, or - for standard input')
    .option('-o, --out <file>', 'append one JSON line per domain here (resumes an earlier run)')
    .option('-c, --concurrency <n>', 'domains in progress at once', '16')
    .option('--queue <redis-url>', 'distribute over BullMQ workers (`mailseal worker --queue …`)')
    .option(
      '--redis-url <url>',
      'shared cache in Redis (default: REDIS_URL, else SQLite in the data directory)',
    )
    .option('--data-dir <dir>', 'directory of the SQLite cache (default: MAILSEAL_DATA_DIR)')
    .option('--lab', 'lab mode: the lab resolver and CA, loopback targets allowed')
    .option('--resolver <url...>', 'DNS-over-HTTPS resolver URLs')
    .option('--markdown <file>', 'also write the summary as Markdown')
    .option('--csv <file>', 'also write the summary as CSV')
    .option('--chart <file>', 'also write an SVG chart of the adoption shares')
    .option('--json <file>', 'also write the summary as JSON (every count, as the scan made it)')
    .option('--no-progress', 'no progress display')
    .addHelpText(
      'after',
      `
Exit codes:
  0    the scan finished (domains that could not be assessed are recorded with an error)
  2    bad invocation or input (unreadable domain list, bad --concurrency)
  130  interrupted; run the same command again to resume
`,
    )
    .action(async (source: string, flags: ScanFlags) => {
      const concurrency = Number(flags.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        io.err('mailseal scan: --concurrency must be a positive integer\n');
        setExitCode(EXIT.usage);
        return;
      }
      const problem = await domainListProblem(source);
      if (problem) {
        io.err(`mailseal scan: ${problem}\n`);
        setExitCode(EXIT.usage);
        return;
      }
      const abort = new AbortController();
      const onSignal = () => {
        io.err('\nscan: interrupted; finishing domains in progress (run again to resume)\n');
        abort.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      // A distributed scan's coordinator never assesses a domain: the engine is loaded only
      // for a local scan (most of the coordinator's start-up CPU otherwise).
      const engine = flags.queue ? null : await loadLocalScan();
      const local = engine
        ? engine.createScanService({
            redisUrl: flags.redisUrl,
            dataDir: flags.dataDir,
            lab: flags.lab,
            resolvers: flags.resolver,
            concurrency,
          })
        : null;
      try {
        const outcome = await runScan(
          {
            source,
            out: flags.out ?? null,
            progress: flags.progress ? 'auto' : 'off',
            tty: host.stderrIsTty,
            io,
            signal: abort.signal,
          },
          flags.queue
            ? queueExecutor(flags.queue, queueOptions(flags.out))
            : (engine ?? never()).localExecutor(local?.service ?? never(), concurrency),
        );
        // With results on stdout, keep stdout pure JSON lines.
        (flags.out ? io.out : io.err)(renderScanSummary(outcome.summary));
        if (local && engine)
          io.err(`scan: ${engine.describeCost(local.cost(), outcome.total - outcome.resumed)}\n`);
        if (flags.markdown) await writeFile(flags.markdown, summaryMarkdown(outcome.summary));
        if (flags.csv) await writeFile(flags.csv, summaryCsv(outcome.summary));
        if (flags.chart) await writeFile(flags.chart, summaryChartSvg(outcome.summary));
        if (flags.json)
          await writeFile(flags.json, `${JSON.stringify(outcome.summary, null, 1)}\n`);
        setExitCode(outcome.interrupted ? EXIT.interrupted : EXIT.ok);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await local?.close();
      }
    });
};

/** With a results file, the same queued scan on every run into it, so a restart resumes it. */
function queueOptions(out: string | undefined) {
  if (!out) return {};
  const path = resolve(out);
  return { scanId: scanIdForResults(path), fresh: !existsSync(path) || statSync(path).size === 0 };
}

/** The engine side of a local scan, loaded on demand. */
async function loadLocalScan() {
  const [service, executor] = await Promise.all([
    import('../scan/scan-service.ts'),
    import('../scan/local-executor.ts'),
  ]);
  return { ...service, localExecutor: executor.localExecutor };
}

function never(): never {
  throw new Error('local scan without a service');
}
