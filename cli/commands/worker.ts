// `mailseal worker --queue redis://…`: runs distributed scan jobs from BullMQ until stopped.
// Workers on any number of machines share the Redis cache, so each MX host is probed once.
// SIGINT/SIGTERM: finish the jobs in progress, release every connection and exit; a second
// signal exits at once (BullMQ hands the abandoned jobs to another worker once their locks lapse).

import { createScanService, describeCost } from '../scan/scan-service.ts';
import { startScanWorker } from '../scan/scan-worker.ts';
import type { RegisterCommand } from './command.ts';

interface WorkerFlags {
  queue: string;
  concurrency: string;
  redisUrl?: string;
  lab?: boolean;
  resolver?: string[];
}

/** Resolves on the first SIGINT/SIGTERM; `again` fires on a second one. */
function stopSignals(again: () => void): { stopped: Promise<string>; dispose(): void } {
  let count = 0;
  let resolve: (signal: string) => void = () => {};
  const stopped = new Promise<string>((done) => {
    resolve = done;
  });
  const handler = (signal: string) => {
    count++;
    if (count === 1) resolve(signal);
    else again();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    stopped,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

export const registerWorker: RegisterCommand = (program, io, setExitCode) => {
  program
    .command('worker')
    .description('Run distributed `mailseal scan --queue` jobs (BullMQ) until SIGINT/SIGTERM')
    .requiredOption('--queue <redis-url>', 'the Redis the scan was queued on')
    .option('-c, --concurrency <n>', 'jobs in progress at once', '16')
    .option('--redis-url <url>', 'Redis for the shared cache (default: the queue Redis)')
    .option('--lab', 'lab mode: the lab resolver and CA, loopback targets allowed')
    .option('--resolver <url...>', 'DNS-over-HTTPS resolver URLs')
    .action(async (flags: WorkerFlags) => {
      const concurrency = Number(flags.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        io.err('mailseal worker: --concurrency must be a positive integer\n');
        setExitCode(2);
        return;
      }
      const { service, cost, close } = createScanService({
        redisUrl: flags.redisUrl ?? flags.queue,
        lab: flags.lab,
        resolvers: flags.resolver,
        concurrency,
      });
      const worker = startScanWorker(flags.queue, service, concurrency);
      const signals = stopSignals(() => {
        io.err('worker: second signal, abandoning the jobs in progress\n');
        process.exit(130);
      });
      io.err(
        `worker: taking scan jobs from ${new URL(flags.queue).host} (concurrency ${concurrency})\n`,
      );
      await signals.stopped;
      const active = worker.active();
      io.err(
        active > 0
          ? `worker: finishing ${active} job${active === 1 ? '' : 's'} in progress\n`
          : 'worker: no job in progress, stopping\n',
      );
      try {
        await worker.close();
        // CPU time tells whether the worker was busy (CPU-bound) or waiting on the network.
        const cpu = process.cpuUsage();
        const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(1);
        io.err(
          `worker: ${describeCost(cost(), worker.completed())} over ${worker.completed()} domains, ${cpuSeconds} s CPU\n`,
        );
        await close();
      } finally {
        signals.dispose();
      }
      setExitCode(0);
    });
};
