// The one settings shape, shared by the extension, the CLI and the probe service.
// Stored objects carry `schemaVersion`; older shapes are upgraded by `migrateSettings`.

import { BUILTIN_RESOLVERS, type BuiltinResolver, type ResolverSetting } from '../dns/resolvers.ts';

export const SETTINGS_VERSION = 1;

// The resolver table and its URLs have one home, lib/dns/resolvers.ts.
export { resolverUrl } from '../dns/resolvers.ts';

export interface FeatureToggles {
  /** Padlock beside the sender inside the webmail page. */
  inlineBadge: boolean;
  /** Score on the toolbar icon. */
  toolbarBadge: boolean;
  /** Ask the companion probe about STARTTLS, certificates, DANE and MTA-STS. */
  useProbe: boolean;
  /** Remember per-sender-domain handoffs so MECSA's 80% rule can apply across messages. */
  keepSenderHistory: boolean;
}

export interface Settings {
  schemaVersion: number;
  resolver: ResolverSetting;
  probe: { url: string; token: string };
  features: FeatureToggles;
  /** Trust the lab CA and allow loopback targets. Never on outside the lab. */
  labMode: boolean;
  /**
   * DNSSEC: 'local' validates every answer from the root trust anchor (default); 'resolver'
   * trusts the resolver's AD flag, the fallback for resolvers that strip DNSSEC records.
   */
  dnssecValidation: 'local' | 'resolver';
  /**
   * Lab mode only: the lab's DNSSEC trust anchor (DS or DNSKEY lines, as `npm run lab:start`
   * writes them), so local validation starts at the lab's signed TLD. Ignored outside lab mode.
   */
  labTrustAnchor?: string;
}

export const DEFAULT_SETTINGS: Settings = {
  schemaVersion: SETTINGS_VERSION,
  resolver: { kind: 'cloudflare' },
  probe: { url: 'http://127.0.0.1:8787', token: '' },
  features: { inlineBadge: true, toolbarBadge: true, useProbe: true, keepSenderHistory: true },
  labMode: false,
  dnssecValidation: 'local',
};

type Loose = Record<string, unknown>;

export type SettingsMigration = (old: Loose) => Loose;

/**
 * Upgrades, keyed by the version they produce: entry N turns the shape of version N-1 into N.
 * Version 1 is the first shipped shape, so there is nothing to upgrade yet. When a field
 * moves, add an entry here and bump SETTINGS_VERSION; sanitizing afterwards fills the rest.
 */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {};

/** Turns whatever is in storage (any version, partial, or garbage) into valid current settings. */
export function migrateSettings(
  stored: unknown,
  migrations: Readonly<Record<number, SettingsMigration>> = SETTINGS_MIGRATIONS,
): Settings {
  if (!isObject(stored)) return structuredClone(DEFAULT_SETTINGS);
  let current: Loose = { ...stored };
  const from = typeof current.schemaVersion === 'number' ? current.schemaVersion : 0;
  const target = Math.max(SETTINGS_VERSION, ...Object.keys(migrations).map(Number));
  for (let version = from + 1; version <= target; version++) {
    const step = migrations[version];
    if (step) current = step(current);
  }
  return sanitize(current);
}

/** A lab anchor is a few DS/DNSKEY lines; anything longer is not one. */
const MAX_ANCHOR_TEXT = 8192;

function sanitize(raw: Loose): Settings {
  const defaults = DEFAULT_SETTINGS;
  const features = isObject(raw.features) ? raw.features : {};
  const probe = isObject(raw.probe) ? raw.probe : {};
  return {
    schemaVersion: SETTINGS_VERSION,
    resolver: sanitizeResolver(raw.resolver),
    probe: {
      url: isHttpUrl(probe.url) || probe.url === '' ? (probe.url as string) : defaults.probe.url,
      token: typeof probe.token === 'string' ? probe.token : defaults.probe.token,
    },
    features: {
      inlineBadge: bool(features.inlineBadge, defaults.features.inlineBadge),
      toolbarBadge: bool(features.toolbarBadge, defaults.features.toolbarBadge),
      useProbe: bool(features.useProbe, defaults.features.useProbe),
      keepSenderHistory: bool(features.keepSenderHistory, defaults.features.keepSenderHistory),
    },
    labMode: bool(raw.labMode, defaults.labMode),
    dnssecValidation: raw.dnssecValidation === 'resolver' ? 'resolver' : 'local',
    ...(typeof raw.labTrustAnchor === 'string' && raw.labTrustAnchor.length <= MAX_ANCHOR_TEXT
      ? { labTrustAnchor: raw.labTrustAnchor }
      : {}),
  };
}

function sanitizeResolver(raw: unknown): Settings['resolver'] {
  if (isObject(raw)) {
    if (raw.kind === 'custom' && isHttpsUrl(raw.url)) return { kind: 'custom', url: raw.url };
    if (typeof raw.kind === 'string' && Object.hasOwn(BUILTIN_RESOLVERS, raw.kind)) {
      return { kind: raw.kind as BuiltinResolver };
    }
  }
  return { ...DEFAULT_SETTINGS.resolver };
}

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/[^\s/]+/i.test(value);
}

/** DoH must be HTTPS (RFC 8484 §5). */
function isHttpsUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https:\/\/[^\s/]+/i.test(value);
}
