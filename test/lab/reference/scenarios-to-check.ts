import { loadCatalogue } from '../catalogue.ts';
import type { LabInfo, ResolvedScenario } from '../lab-info.ts';

/**
 * The running lab's scenarios (addresses from lab.json) with `expect` read afresh from the
 * catalogue files, so an edited expectation is checked without restarting the lab.
 */
export function scenariosToCheck(
  lab: LabInfo,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedScenario[] {
  const fresh = new Map(loadCatalogue(env).map((s) => [s.name, s]));
  return lab.scenarios.map((s) => {
    const current = fresh.get(s.name);
    return current ? { ...s, expect: current.expect } : s;
  });
}
