// A worker that takes one per-target lock through the real Redis backend and works forever,
// renewing its lease, until the test SIGKILLs it. Usage: lease-holder.ts <redis-url> <key> <leaseMs>

import { createRedisBackends } from '../../../server/backends/redis-backends.ts';
import { systemClock } from '../../../server/core/backends.ts';
import { withTargetLock } from '../../../server/core/target-lock.ts';

const [url = '', key = '', leaseMs = '1500'] = process.argv.slice(2);
const backends = createRedisBackends(url);
await withTargetLock(
  backends.locks,
  systemClock,
  key,
  { leaseMs: Number(leaseMs), waitMs: 10_000, pollMs: 50 },
  async (lease) => {
    process.stdout.write('held\n');
    // A probe that never ends; only the kill stops it.
    await new Promise((resolve) => lease.addEventListener('abort', resolve));
    process.stdout.write('lost\n');
  },
);
await backends.close();
