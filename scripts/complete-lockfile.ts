// The registry mirror here serves only some platform builds of packages that ship native
// binaries as optional dependencies (Biome, msgpackr-extract). npm then leaves the missing
// platforms out of package-lock.json, and `npm ci` refuses the lock as out of sync.
// This adds the missing optional entries exactly as a lock made against the full registry
// would have them: marked optional, with os/cpu, so npm skips them on other platforms.
// Run it after any `npm install`: `node scripts/complete-lockfile.ts`.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface LockEntry {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
  license?: string;
}

const lockPath = resolve(import.meta.dirname, '../package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, LockEntry> };

const OS = ['android', 'darwin', 'linux', 'win32', 'freebsd'];
const CPU = ['arm64', 'x64', 'arm', 'ia32'];

function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> | null {
  const parts = name.split('/').pop()?.split('-') ?? [];
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.find((part) => CPU.includes(part));
  if (!os || !cpu) return null;
  return { os: [os], cpu: [cpu], ...(parts.includes('musl') ? { libc: ['musl'] } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path === '' ? '' : `${path}/`;
    const nested = `${base}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    lock.packages[hoisted] = {
      version: range.replace(/^[\^~=]/, ''),
      optional: true,
      ...platform,
      ...(entry.license ? { license: entry.license } : {}),
    };
    added++;
  }
}

const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(lockPath, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
process.stdout.write(`complete-lockfile: added ${added} optional platform entries\n`);
