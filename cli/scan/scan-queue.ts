// Distributed scans on BullMQ. `mailseal scan --queue redis://…` enqueues one job per domain;
// `mailseal worker --queue redis://…` (on any number of machines sharing the Redis cache) runs
// them and pushes each result line onto a per-scan Redis list, which the scanner drains into the
// results file. The summary is built from that stream, like a local scan.

import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { AssessmentService } from '../../server/core/assessment-service.ts';
import type { ResultLine } from './results-file.ts';
import type { ScanExecutor } from './run-scan.ts';

export const SCAN_QUEUE = 'mailseal-scan';
const RESULTS_TTL_SECONDS = 7 * 24 * 3600;

interface ScanJob {
  input: string;
  domain: string;
  resultsKey: string;
}

const connection = (url: string) => new Redis(url, { maxRetriesPerRequest: null });

export function queueExecutor(queueUrl: string): ScanExecutor {
  return async (work, emit, signal) => {
    if (work.length === 0) return;
    const scanId = randomUUID();
    const resultsKey = `mailseal:scan:${scanId}:results`;
    const queue = new Queue<ScanJob>(SCAN_QUEUE, { connection: connection(queueUrl) });
    const reader = connection(queueUrl);
    try {
      for (let i = 0; i < work.length; i += 1000) {
        const chunk = work.slice(i, i + 1000);
        await queue.addBulk(
          chunk.map((item, j) => ({
            name: 'assess',
            data: { ...item, resultsKey },
            opts: {
              jobId: `${scanId}-${i + j}`,
              removeOnComplete: true,
              removeOnFail: true,
              attempts: 2,
            },
          })),
        );
      }
      await reader.expire(resultsKey, RESULTS_TTL_SECONDS);
      let received = 0;
      while (received < work.length && !signal.aborted) {
        const popped = await reader.blpop(resultsKey, 1);
        if (!popped) continue;
        received++;
        await emit(JSON.parse(popped[1]) as ResultLine);
      }
    } finally {
      await queue.close();
      reader.disconnect();
    }
  };
}

export interface ScanWorker {
  /** Finishes the jobs in progress, then stops. */
  close(): Promise<void>;
}

export function startScanWorker(
  queueUrl: string,
  service: AssessmentService,
  concurrency: number,
): ScanWorker {
  const pusher = connection(queueUrl);
  const worker = new Worker<ScanJob>(
    SCAN_QUEUE,
    async (job) => {
      const { input, domain, resultsKey } = job.data;
      let line: ResultLine;
      try {
        line = { input, ...(await service.assess(domain)) };
      } catch (error) {
        line = { input, domain, error: (error as Error).message };
      }
      await pusher.rpush(resultsKey, JSON.stringify(line));
      return { domain, source: line.source ?? 'error' };
    },
    { connection: connection(queueUrl), concurrency },
  );
  return {
    async close() {
      await worker.close();
      await service.drain();
      pusher.disconnect();
    },
  };
}
