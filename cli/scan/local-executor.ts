// Runs a scan in this process: N domains at a time through the assessment service, which brings
// the shared cache, MX host dedupe and per-address politeness. On interruption no new domain is
// started; those in flight are still written, so the resumed run has less to do.

import { serializeResult } from '../../lib/scan/result-line.ts';
import type { AssessmentService } from '../../server/core/assessment-service.ts';
import type { ResultLine } from './results-file.ts';
import type { ScanExecutor } from './run-scan.ts';

export function localExecutor(service: AssessmentService, concurrency: number): ScanExecutor {
  return async (work, emit, signal) => {
    // One walk over the list shared by every lane: each domain is taken once.
    const items = work.pending()[Symbol.iterator]();
    const lane = async () => {
      while (!signal.aborted) {
        const next = items.next();
        if (next.done) return;
        const { input, domain } = next.value;
        let line: ResultLine;
        try {
          line = { input, ...(await service.assess(domain)) };
        } catch (error) {
          line = { input, domain, error: (error as Error).message };
        }
        if (work.finish(input)) await emit(serializeResult(line));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  };
}
