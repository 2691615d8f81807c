// Distributed scans on BullMQ, the worker side (`mailseal worker --queue redis://…`): runs scan
// jobs (a block of domains each) through the assessment service and pushes each domain's result
// line, with the facts the summary counts already read from it (lib/scan/result-line.ts), onto
// the scan's Redis list as soon as that domain is done.

import { Worker } from 'bullmq';
import { serializeResult } from '../../lib/scan/result-line.ts';
import type { AssessmentService } from '../../server/core/assessment-service.ts';
import { closeRedis, openRedis } from './redis-client.ts';
import type { ResultLine } from './results-file.ts';
import { DOMAINS_PER_JOB, SCAN_QUEUE, type ScanJob } from './scan-queue.ts';
import type { WorkItem } from './scan-work.ts';

/** A job queued by a coordinator from before jobs held a block of domains: one domain. */
type LegacyScanJob = WorkItem & { resultsKey: string };

export interface ScanWorker {
  /** Jobs (blocks of domains) in progress now. */
  active(): number;
  /** Domains finished (result pushed) by this worker. */
  completed(): number;
  /** Finishes the jobs in progress, then releases every Redis connection. */
  close(): Promise<void>;
}

export interface ScanWorkerOptions {
  /**
   * How long a job's lock lives without renewal. A killed worker's job is taken over once its
   * lock has expired and a stall check ran, so this bounds how late a resumed job starts.
   */
  lockDurationMs?: number;
}

export function startScanWorker(
  queueUrl: string,
  service: AssessmentService,
  concurrency: number,
  options: ScanWorkerOptions = {},
): ScanWorker {
  const pusher = openRedis(queueUrl);
  const connection = openRedis(queueUrl);
  let running = 0;
  let completed = 0;
  const lockDuration = options.lockDurationMs ?? 10_000;
  const assessAndPush = async (item: WorkItem, resultsKey: string) => {
    let line: ResultLine;
    try {
      line = { input: item.input, ...(await service.assess(item.domain)) };
    } catch (error) {
      line = { input: item.input, domain: item.domain, error: (error as Error).message };
    }
    // With its facts record, so the coordinator counts it without parsing the assessment.
    // Pushed as soon as it is done: a worker killed mid-job loses none that were finished.
    await pusher.rpush(resultsKey, serializeResult(line).text);
    completed++;
  };
  const worker = new Worker<ScanJob | LegacyScanJob>(
    SCAN_QUEUE,
    async (job) => {
      running++;
      try {
        const items = 'items' in job.data ? job.data.items : [job.data];
        // The block's domains at once; the assessment service holds them to `concurrency` runs.
        await Promise.all(items.map((item) => assessAndPush(item, job.data.resultsKey)));
        return { domains: items.length };
      } finally {
        running--;
      }
    },
    {
      connection,
      // Jobs of a block each: enough blocks that the service's `concurrency` runs never wait
      // for the last domain of one block before the next block is taken.
      concurrency: Math.ceil(concurrency / DOMAINS_PER_JOB) * 2,
      lockDuration,
      stalledInterval: Math.max(1_000, Math.floor(lockDuration / 2)),
      maxStalledCount: 3,
    },
  );
  worker.on('error', () => {}); // connection trouble is retried by BullMQ; never a crash
  let closing: Promise<void> | null = null;
  return {
    active: () => running,
    completed: () => completed,
    close() {
      closing ??= (async () => {
        await worker.close();
        await service.drain();
        await closeRedis(pusher, connection);
      })();
      return closing;
    },
  };
}
