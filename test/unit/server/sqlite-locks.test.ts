// SQLite locks across processes on one machine: a lock is exclusive while its holder lives, and
// a lock whose holder process is gone (a SIGKILLed scan) is free at once, not after its TTL.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCacheDatabase, SqliteLocks } from '../../../server/backends/sqlite-backends.ts';

const dir = mkdtempSync(join(tmpdir(), 'mailseal-locks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SqliteLocks', () => {
  const db = openCacheDatabase(dir);
  afterAll(() => db.close());

  it('is exclusive while the holder lives, and free after release', async () => {
    const locks = new SqliteLocks(db);
    const token = await locks.tryAcquire('domain:a.example', 60_000);
    expect(token).toMatch(new RegExp(`^${process.pid}:`));
    expect(await locks.tryAcquire('domain:a.example', 60_000)).toBeNull();
    await locks.release('domain:a.example', token ?? '');
    expect(await locks.tryAcquire('domain:a.example', 60_000)).not.toBeNull();
  });

  it('frees a lock whose holder process is dead, but not one whose holder is alive', async () => {
    db.prepare('INSERT INTO locks (key, token, expires_at) VALUES (?, ?, ?)').run(
      'domain:b.example',
      '999999:left-by-a-killed-scan',
      Date.now() + 3_600_000,
    );
    const stillAlive = new SqliteLocks(db, undefined, () => true);
    expect(await stillAlive.tryAcquire('domain:b.example', 60_000)).toBeNull();
    const dead = new SqliteLocks(db, undefined, (pid) => pid !== 999999);
    expect(await dead.tryAcquire('domain:b.example', 60_000)).not.toBeNull();
  });
});
