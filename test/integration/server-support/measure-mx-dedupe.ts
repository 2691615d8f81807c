// One-off measurement for docs/benchmarks.md (`npx node test/integration/server-support/
// measure-mx-dedupe.ts [N]`, lab running): N domains on one lab MX host, assessed through the
// service (memory cache, 8 at once) against N bare probeDomain runs (8 at once), counting the
// TCP connections to the MX address and the wall time.

import { createMemoryBackends } from '../../../server/backends/memory-backends.ts';
import { createAddressGuard } from '../../../server/core/address-policy.ts';
import { createAssessmentService } from '../../../server/core/assessment-service.ts';
import { requireLab } from '../../lab/lab-info.ts';
import { lookUpAndProbe } from '../../unit/probe/helpers/look-up-and-probe.ts';
import { aliasDomains, sharedMxAddress, sharedMxEngine } from './shared-mx-world.ts';

const lab = requireLab();
const address = sharedMxAddress(lab);
const count = Number(process.argv[2] ?? 40);

async function pool(
  items: readonly string[],
  width: number,
  task: (item: string) => Promise<unknown>,
) {
  let next = 0;
  const worker = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await task(item);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

for (let round = 1; round <= 3; round++) {
  const viaService = aliasDomains(count, `svc${round}`);
  const world = sharedMxEngine(lab, viaService);
  const backends = createMemoryBackends();
  const service = createAssessmentService({
    engine: world.engine,
    backends,
    guard: createAddressGuard({ lab: true }),
    lab: true,
    maxConcurrentProbes: 8,
  });
  let started = performance.now();
  await pool(viaService, 8, (domain) => service.assess(domain));
  const serviceMs = performance.now() - started;

  const bare = aliasDomains(count, `bare${round}`);
  const bareWorld = sharedMxEngine(lab, bare);
  started = performance.now();
  await pool(bare, 8, (domain) => lookUpAndProbe(domain, { ...bareWorld.probeDeps, lab: true }));
  const bareMs = performance.now() - started;
  console.log(
    `round ${round}: ${count} domains, service ${world.connects.get(address)} connection(s) ` +
      `${Math.round(serviceMs)} ms (probe + DNS posture + scores); bare probeDomain ` +
      `${bareWorld.connects.get(address)} connections ${Math.round(bareMs)} ms (probe only)`,
  );
  await Promise.all([world.close(), bareWorld.close(), backends.close()]);
}
