// Distributed scans on BullMQ, the coordinator side. `mailseal scan --queue redis://…` enqueues
// one job per block of DOMAINS_PER_JOB domains of the list; `mailseal worker` processes
// (cli/scan/scan-worker.ts) run them and push each domain's result line onto the scan's Redis
// list, which this side drains into the results file.
//
// Resume: with a results file the scan id is derived from that file, so a coordinator that was
// killed and started again finds the jobs it queued and the results already pushed. Results are
// counted once per input, whoever pushed them (a worker killed after pushing runs the job again).
// When the queue is idle and results are still missing (a job was lost), the missing domains
// are queued again.

import { createHash, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { readResultText } from '../../lib/scan/result-line.ts';
import { closeRedis, openRedis } from './redis-client.ts';
import type { ScanRecord } from './results-file.ts';
import type { ScanExecutor } from './run-scan.ts';
import type { PlacedWorkItem, ScanWork, WorkItem } from './scan-work.ts';

export const SCAN_QUEUE = 'mailseal-scan';
const RESULTS_TTL_SECONDS = 7 * 24 * 3600;
/** Without a new result for this long, look whether the queue still holds our jobs. */
const STALL_CHECK_MS = 5_000;

/** One job: a block of the list's domains, each assessed and pushed on its own. */
export interface ScanJob {
  items: WorkItem[];
  resultsKey: string;
}

/**
 * Domains per job. Each BullMQ job costs Redis two Lua scripts and four stream events and the
 * worker a few round trips, about as much as a tenth of a domain's whole assessment; a block of
 * domains pays that once. Blocks are fixed by list position, so a resumed coordinator queues a
 * block under the same job id as before and BullMQ keeps the one still queued.
 */
export const DOMAINS_PER_JOB = 8;

export interface QueueScanOptions {
  /** Stable across runs of the same scan (resume); a fresh random id otherwise. */
  scanId?: string;
  /** No earlier results exist: drop what an older run with this id left in Redis. */
  fresh?: boolean;
}

/** A scan id that is the same each time this results file is scanned into. */
export function scanIdForResults(resultsPath: string): string {
  return createHash('sha256').update(resultsPath).digest('hex').slice(0, 24);
}

const jobId = (scanId: string, round: number, block: number) => `${scanId}-${round}-b${block}`;

const ENQUEUE_BATCH = 1000;

/** Pending items grouped into jobs by list block, in list order, without listing them first. */
export function* jobBlocks(
  items: Iterable<PlacedWorkItem>,
  size = DOMAINS_PER_JOB,
): Generator<{ block: number; items: WorkItem[] }> {
  let current: { block: number; items: WorkItem[] } | null = null;
  for (const { input, domain, position } of items) {
    const block = Math.floor(position / size);
    if (current && current.block !== block) {
      yield current;
      current = null;
    }
    current ??= { block, items: [] };
    current.items.push({ input, domain });
  }
  if (current) yield current;
}

/** Queues every unfinished domain, a thousand jobs per round trip. */
async function enqueue(
  queue: Queue<ScanJob>,
  items: Iterable<PlacedWorkItem>,
  scan: { id: string; round: number; resultsKey: string },
): Promise<void> {
  let batch: Array<{ block: number; items: WorkItem[] }> = [];
  const send = () =>
    queue.addBulk(
      batch.map((job) => ({
        name: 'assess',
        data: { items: job.items, resultsKey: scan.resultsKey },
        // Same id on resume: BullMQ keeps the job that is still queued instead of a second one.
        opts: {
          jobId: jobId(scan.id, scan.round, job.block),
          removeOnComplete: true,
          removeOnFail: true,
          attempts: 2,
        },
      })),
    );
  for (const job of jobBlocks(items)) {
    batch.push(job);
    if (batch.length < ENQUEUE_BATCH) continue;
    await send();
    batch = [];
  }
  if (batch.length > 0) await send();
}

async function queueIdle(queue: Queue<ScanJob>): Promise<boolean> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).every((n) => n === 0);
}

/** Result lines taken from Redis per round trip when there are many waiting. */
const DRAIN_BATCH = 200;
/**
 * After a result arrives on an empty list, how long the coordinator lets the others of that
 * moment gather before taking them in one round trip: workers finish domains a few milliseconds
 * apart, and taking each alone cost two round trips and one file write per domain.
 */
export const GATHER_MS = 50;

/** The Redis calls the coordinator drains results with. */
export type ResultsReader = Pick<Redis, 'lpop' | 'blpop'>;

/**
 * The next result lines: every one waiting (up to a batch) in one round trip, else the next one
 * to arrive within a second with those that follow it within `gatherMs`; none when nothing came.
 */
export async function nextResults(
  reader: ResultsReader,
  resultsKey: string,
  gatherMs = GATHER_MS,
): Promise<string[]> {
  const waiting = await reader.lpop(resultsKey, DRAIN_BATCH);
  if (waiting && waiting.length > 0) return waiting;
  const popped = await reader.blpop(resultsKey, 1);
  if (!popped) return [];
  await new Promise((gathered) => setTimeout(gathered, gatherMs));
  return [popped[1], ...((await reader.lpop(resultsKey, DRAIN_BATCH - 1)) ?? [])];
}

async function drainResults(
  reader: Redis,
  queue: Queue<ScanJob>,
  scan: { id: string; resultsKey: string; work: ScanWork },
  emit: (record: ScanRecord) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  let round = 0;
  let lastProgress = Date.now();
  while (scan.work.remaining() > 0 && !signal.aborted) {
    const texts = await nextResults(reader, scan.resultsKey);
    const fresh: ScanRecord[] = [];
    for (const text of texts) {
      // The line's facts record, not its assessment, is read (lib/scan/result-line.ts).
      const record = readResultText(text);
      if (record && scan.work.finish(record.input)) fresh.push(record);
    }
    if (fresh.length > 0) lastProgress = Date.now();
    // Emitted together, so the results writer appends the batch in one write.
    await Promise.all(fresh.map(emit));
    if (texts.length > 0 || Date.now() - lastProgress < STALL_CHECK_MS) continue;
    lastProgress = Date.now();
    if (await queueIdle(queue)) {
      round++;
      await enqueue(queue, scan.work.pending(), { ...scan, round });
    }
  }
}

export function queueExecutor(queueUrl: string, options: QueueScanOptions = {}): ScanExecutor {
  return async (work, emit, signal) => {
    if (work.remaining() === 0) return;
    const scanId = options.scanId ?? randomUUID();
    const resultsKey = `mailseal:scan:${scanId}:results`;
    const queueConnection = openRedis(queueUrl);
    const reader = openRedis(queueUrl);
    const queue = new Queue<ScanJob>(SCAN_QUEUE, { connection: queueConnection });
    queue.on('error', () => {}); // a dropped connection is retried; the loop below notices
    try {
      if (options.fresh) await reader.del(resultsKey);
      await enqueue(queue, work.pending(), { id: scanId, round: 0, resultsKey });
      await reader.expire(resultsKey, RESULTS_TTL_SECONDS);
      await drainResults(reader, queue, { id: scanId, resultsKey, work }, emit, signal);
      if (work.remaining() === 0) await reader.del(resultsKey);
    } finally {
      await queue.close();
      await closeRedis(queueConnection, reader);
    }
  };
}
