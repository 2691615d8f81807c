// In-flight assessments the content script follows stage by stage: it asks once and gets the
// first verdict (headers alone) at once, then asks again with the stage it has and gets the next
// refinement as soon as DNS or probe answers arrive. One job per tab, view ticket and header
// block: a message brought back into view (a new ticket) is assessed afresh, from the caches. A
// finished job is kept a little while, so a late or repeated question is answered from it.

import type { AssessMessage } from '../messaging/protocol.ts';
import type { MessageReport } from '../messaging/report.ts';

export type RunAssessment = (
  request: AssessMessage,
  onProgress: (report: MessageReport) => void,
) => Promise<MessageReport>;

export interface VerdictJobs {
  /**
   * The newest report after `after` (a higher stage, or the final one). Without
   * `after`, the newest report there is (waiting for the first when there is none yet).
   */
  next(
    request: AssessMessage,
    after?: number,
    scope?: string,
  ): Promise<{ report: MessageReport; final: boolean }>;
  /** Drops finished jobs, so the next question assesses afresh (after forgetting a sender). */
  forgetFinished(): void;
}

interface Job {
  reports: MessageReport[];
  final: boolean;
  error: unknown;
  wake: Set<() => void>;
}

export function createVerdictJobs(run: RunAssessment, keepMs = 60_000): VerdictJobs {
  const jobs = new Map<string, Job>();

  function start(request: AssessMessage, scope: string): Job {
    const key = `${scope}\n${request.seq}\n${request.site}\n${request.headers.block}`;
    const known = jobs.get(key);
    if (known && (!known.final || known.error === undefined)) return known;
    const job: Job = { reports: [], final: false, error: undefined, wake: new Set() };
    jobs.set(key, job);
    const notify = () => {
      for (const wake of [...job.wake]) wake();
    };
    run(request, (report) => {
      job.reports.push(report);
      notify();
    })
      .then(
        (report) => job.reports.push(report),
        (error: unknown) => {
          job.error = error ?? new Error('assessment failed');
        },
      )
      .finally(() => {
        job.final = true;
        notify();
        setTimeout(() => {
          if (jobs.get(key) === job) jobs.delete(key);
        }, keepMs);
      });
    return job;
  }

  function pick(job: Job, after: number | undefined): MessageReport | undefined {
    // The newest report past `after`: a caller that fell behind skips the steps in between.
    const newest = job.reports.at(-1);
    if (after === undefined) return newest;
    return newest !== undefined && (newest.stage > after || job.final) ? newest : undefined;
  }

  return {
    forgetFinished() {
      for (const [key, job] of jobs) if (job.final) jobs.delete(key);
    },
    async next(request, after, scope = '') {
      const job = start(request, scope);
      for (;;) {
        if (job.error !== undefined) throw job.error;
        const report = pick(job, after);
        if (report !== undefined)
          return { report, final: job.final && report === job.reports.at(-1) };
        await new Promise<void>((resolve) => {
          const wake = () => {
            job.wake.delete(wake);
            resolve();
          };
          job.wake.add(wake);
        });
      }
    },
  };
}
