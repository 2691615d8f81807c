// Runs a scan in this process: N domains at a time through the assessment service, which brings
// the shared cache, MX host dedupe and per-address politeness. On interruption no new domain is
// started; those in flight are still written, so the resumed run has less to do.

import type { AssessmentService } from '../../server/core/assessment-service.ts';
import type { ScanExecutor } from './run-scan.ts';

export function localExecutor(service: AssessmentService, concurrency: number): ScanExecutor {
  return async (work, emit, signal) => {
    let next = 0;
    const worker = async () => {
      while (!signal.aborted) {
        const item = work[next++];
        if (!item) return;
        try {
          const assessment = await service.assess(item.domain);
          await emit({ input: item.input, ...assessment });
        } catch (error) {
          await emit({ input: item.input, domain: item.domain, error: (error as Error).message });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  };
}
