// Distributed scans on BullMQ, the worker side (`mailseal worker --queue redis://…`): runs scan
// jobs through the assessment service and pushes each result line, with the facts the summary
// counts already read from it (lib/scan/result-line.ts), onto the scan's Redis list.

import { Worker } from 'bullmq';
import { serializeResult } from '../../lib/scan/result-line.ts';
import type { AssessmentService } from '../../server/core/assessment-service.ts';
import { closeRedis, openRedis } from './redis-client.ts';
import type { ResultLine } from './results-file.ts';
import { SCAN_QUEUE, type ScanJob } from './scan-queue.ts';

export interface ScanWorker {
  /** Jobs running now. */
  active(): number;
  /** Jobs finished (result pushed) by this worker. */
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
  const worker = new Worker<ScanJob>(
    SCAN_QUEUE,
    async (job) => {
      running++;
      try {
        const { input, domain, resultsKey } = job.data;
        let line: ResultLine;
        try {
          line = { input, ...(await service.assess(domain)) };
        } catch (error) {
          line = { input, domain, error: (error as Error).message };
        }
        // With its facts record, so the coordinator counts it without parsing the assessment.
        await pusher.rpush(resultsKey, serializeResult(line).text);
        completed++;
        return { domain, source: line.source ?? 'error' };
      } finally {
        running--;
      }
    },
    {
      connection,
      concurrency,
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
