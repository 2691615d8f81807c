import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  migrateSettings,
  resolverUrl,
  SETTINGS_VERSION,
} from '../../../lib/settings/settings.ts';

describe('migrateSettings', () => {
  it('returns defaults for empty or garbage storage', () => {
    expect(migrateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings([1, 2])).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid values and repairs invalid ones field by field', () => {
    const settings = migrateSettings({
      schemaVersion: SETTINGS_VERSION,
      resolver: { kind: 'custom', url: 'https://doh.example/dns-query' },
      probe: { url: 'javascript:alert(1)', token: 'secret' },
      features: { inlineBadge: false, toolbarBadge: 'yes' },
      labMode: true,
    });
    expect(settings.resolver).toEqual({ kind: 'custom', url: 'https://doh.example/dns-query' });
    expect(settings.probe).toEqual({ url: DEFAULT_SETTINGS.probe.url, token: 'secret' });
    expect(settings.features.inlineBadge).toBe(false);
    expect(settings.features.toolbarBadge).toBe(true);
    expect(settings.labMode).toBe(true);
  });

  it('refuses resolver kinds that only Object.prototype knows', () => {
    for (const kind of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(migrateSettings({ resolver: { kind } }).resolver).toEqual(DEFAULT_SETTINGS.resolver);
    }
  });

  it('refuses a plain-HTTP DoH resolver (RFC 8484 requires HTTPS)', () => {
    const settings = migrateSettings({ resolver: { kind: 'custom', url: 'http://doh.example/q' } });
    expect(settings.resolver).toEqual(DEFAULT_SETTINGS.resolver);
  });

  it('applies every migration step in order from the stored version', () => {
    const seen: number[] = [];
    const migrations = {
      2: (old: Record<string, unknown>) => {
        seen.push(2);
        return { ...old, labMode: old.lab };
      },
      3: (old: Record<string, unknown>) => {
        seen.push(3);
        return { ...old, probe: { url: old.probeUrl, token: '' } };
      },
    };
    const settings = migrateSettings(
      { schemaVersion: 1, lab: true, probeUrl: 'https://probe.example' },
      migrations,
    );
    expect(seen).toEqual([2, 3]);
    expect(settings.labMode).toBe(true);
    expect(settings.probe.url).toBe('https://probe.example');
    expect(settings.schemaVersion).toBe(SETTINGS_VERSION);
  });

  it('skips migrations the stored object already has', () => {
    const seen: number[] = [];
    migrateSettings(
      { schemaVersion: 2 },
      {
        2: (old) => {
          seen.push(2);
          return old;
        },
      },
    );
    expect(seen).toEqual([]);
  });

  it('maps built-in resolvers to their RFC 8484 endpoints', () => {
    expect(resolverUrl(DEFAULT_SETTINGS)).toBe('https://cloudflare-dns.com/dns-query');
    expect(resolverUrl({ ...DEFAULT_SETTINGS, resolver: { kind: 'quad9' } })).toBe(
      'https://dns.quad9.net/dns-query',
    );
  });

  it('DNSSEC: local validation by default, the AD-flag mode only when asked for', () => {
    expect(migrateSettings({}).dnssecValidation).toBe('local');
    expect(migrateSettings({ dnssecValidation: 'resolver' }).dnssecValidation).toBe('resolver');
    expect(migrateSettings({ dnssecValidation: 'off' }).dnssecValidation).toBe('local');
  });

  it("keeps the lab's trust anchor text, and drops one that is not text or far too long", () => {
    const anchor = `lab. 3600 IN DS 12345 13 2 ${'ab'.repeat(32)}`;
    expect(migrateSettings({ labMode: true, labTrustAnchor: anchor }).labTrustAnchor).toBe(anchor);
    expect(migrateSettings({ labTrustAnchor: 42 })).not.toHaveProperty('labTrustAnchor');
    expect(migrateSettings({ labTrustAnchor: 'x'.repeat(9000) })).not.toHaveProperty(
      'labTrustAnchor',
    );
    expect(migrateSettings({})).not.toHaveProperty('labTrustAnchor');
  });
});
