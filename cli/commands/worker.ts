// `mailseal worker --queue redis://…`: runs distributed scan jobs from BullMQ until stopped.
// Workers on any number of machines share the Redis cache, so each MX host is probed once.

import { startScanWorker } from '../scan/scan-queue.ts';
import { createScanService } from '../scan/scan-service.ts';
import type { RegisterCommand } from './command.ts';

interface WorkerFlags {
  queue: string;
  concurrency: string;
  redisUrl?: string;
  lab?: boolean;
  resolver?: string[];
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
      const { service, close } = createScanService({
        redisUrl: flags.redisUrl ?? flags.queue,
        lab: flags.lab,
        resolvers: flags.resolver,
        concurrency,
      });
      const worker = startScanWorker(flags.queue, service, concurrency);
      io.err(
        `worker: taking scan jobs from ${new URL(flags.queue).host} (concurrency ${concurrency})\n`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      io.err('worker: finishing jobs in progress\n');
      await worker.close();
      await close();
      setExitCode(0);
    });
};
