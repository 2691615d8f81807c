import { describe, expect, it } from 'vitest';
import { loadServiceConfig } from '../../../server/config.ts';
import { DEFAULT_LEASE_MS } from '../../../server/core/target-lock.ts';

describe('service configuration', () => {
  it('uses embedded defaults on loopback', () => {
    const config = loadServiceConfig([], {});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8787, cache: 'sqlite', lab: false });
    expect(config.redisUrl).toBeNull();
    expect(config.lockLeaseMs).toBe(DEFAULT_LEASE_MS);
  });

  it('reads the environment, and flags win over it', () => {
    const env = { MAILSEAL_PORT: '9000', MAILSEAL_LOCK_LEASE_MS: '5000', MAILSEAL_LAB: '1' };
    expect(loadServiceConfig([], env)).toMatchObject({ port: 9000, lockLeaseMs: 5000, lab: true });
    expect(loadServiceConfig(['--lock-lease', '2500', '--port', '9100'], env)).toMatchObject({
      port: 9100,
      lockLeaseMs: 2500,
    });
  });

  it('refuses nonsense numbers and unknown flags with a message', () => {
    expect(() => loadServiceConfig(['--lock-lease=0'], {})).toThrow(/lock lease/);
    expect(() => loadServiceConfig([], { MAILSEAL_CACHE: 'disk' })).toThrow(/sqlite or memory/);
    expect(() => loadServiceConfig(['--frobnicate'], {})).toThrow();
  });
});
