// Embedded mode: cache and per-target locks in one SQLite file (node:sqlite, built into Node 24)
// in the data directory, so the service and `mailseal scan` on one machine share probe results.
// Rate limits stay in memory: they are per process anyway without a shared store.

import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Backends, CacheEntry, CacheStore, Clock, LockBackend } from '../core/backends.ts';
import { systemClock } from '../core/backends.ts';
import { MemoryRateLimiter } from './memory-backends.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS cache_expiry ON cache (expires_at);
  CREATE TABLE IF NOT EXISTS locks (key TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at INTEGER NOT NULL);
`;

export const SQLITE_FILE_NAME = 'mailseal-cache.sqlite';

export function openCacheDatabase(dataDir: string): DatabaseSync {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, SQLITE_FILE_NAME));
  // WAL lets readers and one writer from several processes work at once; wait instead of failing.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  db.exec(SCHEMA);
  return db;
}

export class SqliteCache implements CacheStore {
  readonly #get;
  readonly #set;
  readonly #delete;
  readonly #purge;
  readonly #clock: Clock;
  constructor(db: DatabaseSync, clock: Clock = systemClock) {
    this.#clock = clock;
    this.#get = db.prepare('SELECT value, expires_at FROM cache WHERE key = ? AND expires_at > ?');
    this.#set = db.prepare(
      'INSERT INTO cache (key, value, expires_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
    );
    this.#delete = db.prepare('DELETE FROM cache WHERE key = ?');
    this.#purge = db.prepare('DELETE FROM cache WHERE expires_at <= ?');
  }
  async get(key: string): Promise<CacheEntry | null> {
    const row = this.#get.get(key, this.#clock.now()) as
      | { value: string; expires_at: number }
      | undefined;
    return row ? { value: row.value, expiresAt: row.expires_at } : null;
  }
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#set.run(key, value, this.#clock.now() + ttlMs);
  }
  async delete(key: string): Promise<void> {
    this.#delete.run(key);
  }
  purgeExpired(): number {
    return Number(this.#purge.run(this.#clock.now()).changes);
  }
}

/** True while the process with this id runs (on this machine: the SQLite file is local). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

export class SqliteLocks implements LockBackend {
  readonly #clearExpired;
  readonly #insert;
  readonly #holder;
  readonly #renew;
  readonly #release;
  readonly #clock: Clock;
  readonly #alive: (pid: number) => boolean;
  constructor(
    db: DatabaseSync,
    clock: Clock = systemClock,
    alive: (pid: number) => boolean = processAlive,
  ) {
    this.#clock = clock;
    this.#alive = alive;
    this.#clearExpired = db.prepare('DELETE FROM locks WHERE key = ? AND expires_at <= ?');
    this.#insert = db.prepare(
      'INSERT OR IGNORE INTO locks (key, token, expires_at) VALUES (?, ?, ?)',
    );
    this.#holder = db.prepare('SELECT token FROM locks WHERE key = ?');
    this.#renew = db.prepare(
      'UPDATE locks SET expires_at = ? WHERE key = ? AND token = ? AND expires_at > ?',
    );
    this.#release = db.prepare('DELETE FROM locks WHERE key = ? AND token = ?');
  }
  async tryAcquire(key: string, ttlMs: number): Promise<string | null> {
    const now = this.#clock.now();
    // The token names its process: a lock left by a killed scan or service (SIGKILL, crash) is
    // free at once instead of blocking the resumed run until it expires.
    const token = `${process.pid}:${randomUUID()}`;
    this.#clearExpired.run(key, now);
    const held = this.#holder.get(key) as { token: string } | undefined;
    const pid = Number(held?.token.split(':')[0]);
    if (held && Number.isInteger(pid) && pid > 0 && pid !== process.pid && !this.#alive(pid)) {
      this.#release.run(key, held.token);
    }
    const { changes } = this.#insert.run(key, token, now + ttlMs);
    return Number(changes) === 1 ? token : null;
  }
  async renew(key: string, token: string, ttlMs: number): Promise<boolean> {
    const now = this.#clock.now();
    return Number(this.#renew.run(now + ttlMs, key, token, now).changes) === 1;
  }
  async release(key: string, token: string): Promise<void> {
    this.#release.run(key, token);
  }
}

export function createSqliteBackends(dataDir: string, clock: Clock = systemClock): Backends {
  const db = openCacheDatabase(dataDir);
  const cache = new SqliteCache(db, clock);
  const limiter = new MemoryRateLimiter(clock);
  const sweeper = setInterval(() => {
    cache.purgeExpired();
    limiter.sweep();
  }, 60_000);
  sweeper.unref();
  return {
    kind: 'sqlite',
    cache,
    locks: new SqliteLocks(db, clock),
    limiter,
    ping: async () => db.isOpen,
    close: async () => {
      clearInterval(sweeper);
      if (db.isOpen) db.close();
    },
  };
}
