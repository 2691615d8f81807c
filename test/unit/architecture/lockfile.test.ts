// `npm ci` refuses a lock that lacks any optional platform build; the mirror here omits some.
// scripts/complete-lockfile.ts restores them; this fails when an `npm install` dropped them.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../package-lock.json'), 'utf8'),
) as { packages: Record<string, LockEntry> };

describe('package-lock.json', () => {
  it('lists every optional dependency, so `npm ci` accepts it', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        const base = path === '' ? '' : `${path}/`;
        if (
          !lock.packages[`${base}node_modules/${name}`] &&
          !lock.packages[`node_modules/${name}`]
        ) {
          missing.push(`${path || '(root)'} → ${name}`);
        }
      }
    }
    expect(missing, 'run: npx node scripts/complete-lockfile.ts').toEqual([]);
  });
});
