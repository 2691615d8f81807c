import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedScenario } from '../lab-info.ts';
import { signBogus } from './bogus-sig.ts';
import { readText, writeIfChanged } from './files.ts';
import { OFFLINE_MODES, type OfflineMode, signOffline } from './offline-sign.ts';
import { pidFileAlive, waitFor } from './process.ts';
import { ADDR } from './resolve.ts';
import { run, runOrThrow, withSbinPath } from './run.ts';
import { ensureDir } from './state.ts';
import { breakDs, labZone, scenarioZone } from './zones.ts';

const env = withSbinPath();
/** knot policy per DNSSEC mode (the default policy "auto" signs with NSEC3, no opt-out). */
const POLICIES: Partial<Record<string, string>> = {
  'signed-nsec': 'nsec',
  'signed-nsec3-optout': 'optout',
};
const dirs = () => ({
  base: ensureDir('knot'),
  zones: ensureDir('knot', 'zones'),
  keys: ensureDir('knot', 'keys'),
  db: ensureDir('knot', 'db'),
  run: ensureDir('knot', 'run'),
  ldns: ensureDir('knot', 'ldns'),
});
const confPath = () => join(dirs().base, 'knot.conf');
const pidPath = () => join(dirs().run, 'knot.pid');

function knotConf(scenarios: readonly ResolvedScenario[], bogusFiles: Map<string, string>): string {
  const d = dirs();
  const zone = (domain: string, file: string, signing: boolean, policy = 'auto') =>
    `  - domain: ${domain}\n    file: ${file}\n    dnssec-signing: ${signing ? 'on' : 'off'}\n` +
    (signing ? `    dnssec-policy: ${policy}\n` : '');
  const zones = [zone('lab', join(d.zones, 'lab.zone'), true)];
  for (const s of scenarios) {
    const bogus = bogusFiles.get(s.domain);
    if (bogus) zones.push(zone(s.domain, bogus, false));
    else
      zones.push(
        zone(
          s.domain,
          join(d.zones, `${s.domain}.zone`),
          s.dnssec !== 'unsigned',
          POLICIES[s.dnssec] ?? 'auto',
        ),
      );
  }
  return `server:
    listen: ${ADDR.authoritative}@53
    rundir: ${d.run}
    pidfile: ${pidPath()}
    user: root
log:
  - target: ${join(d.base, 'knot.log')}
    any: info
database:
    storage: ${d.db}
control:
    listen: ${join(d.run, 'knot.sock')}
keystore:
  - id: default
    backend: pem
    config: ${d.keys}
policy:
  - id: auto
    algorithm: ecdsap256sha256
    single-type-signing: on
    nsec3: on
  - id: nsec
    algorithm: ecdsap256sha256
    single-type-signing: on
    nsec3: off
  - id: optout
    algorithm: ecdsap256sha256
    single-type-signing: on
    nsec3: on
    nsec3-opt-out: on
template:
  - id: default
    zonefile-sync: -1
    zonefile-load: difference-no-serial
    journal-content: all
    semantic-checks: off
zone:
${zones.join('')}`;
}

const knotc = (...args: string[]) => run('knotc', ['-c', confPath(), ...args], { env });

/**
 * DS records (data part) of knot's key per signed zone. Keys appear once a zone is first
 * signed and never roll (ksk-lifetime 0), so they are cached in the state dir.
 */
const dsCachePath = () => join(dirs().base, 'ds-cache.json');
function dsOf(domain: string): string[] {
  const cache = JSON.parse(readText(dsCachePath()) ?? '{}') as Record<string, string[]>;
  const cached = cache[domain];
  if (cached) return cached;
  const out = run('keymgr', ['-c', confPath(), domain, 'ds'], { env });
  if (out.status !== 0) return [];
  const ds = out.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.includes('DS'))
    .map((f) => f.slice(f.indexOf('DS') + 1).join(' '));
  if (ds.length > 0) writeFileSync(dsCachePath(), JSON.stringify({ ...cache, [domain]: ds }));
  return ds;
}

/** Writes the zones, starts or reloads knotd, and chains every secure child to `lab` with DS. */
export async function startKnot(
  scenarios: readonly ResolvedScenario[],
  zoneRecords: Map<string, string[]>,
): Promise<{ trustAnchor: string; changed: boolean }> {
  const d = dirs();
  const bogusFiles = new Map<string, string>();
  const bogusDs = new Map<string, string>();
  let changed = false;
  for (const s of scenarios) {
    const text = scenarioZone(s.domain, zoneRecords.get(s.domain) ?? []);
    if (s.dnssec === 'bogus-sig' || OFFLINE_MODES.includes(s.dnssec)) {
      const bogus =
        s.dnssec === 'bogus-sig'
          ? signBogus(d.ldns, s.domain, text)
          : signOffline(d.ldns, s.domain, text, s.dnssec as OfflineMode);
      bogusFiles.set(s.domain, bogus.file);
      bogusDs.set(s.domain, bogus.ds);
      changed = bogus.changed || changed;
    } else {
      changed = writeIfChanged(join(d.zones, `${s.domain}.zone`), text) || changed;
    }
  }
  const dsFor = (s: ResolvedScenario): string[] => {
    if (s.dnssec === 'unsigned') return [];
    if (bogusDs.has(s.domain)) return [bogusDs.get(s.domain) ?? ''];
    const ds = dsOf(s.domain);
    return s.dnssec === 'bogus-ds' ? ds.map(breakDs) : ds;
  };
  const labFile = join(d.zones, 'lab.zone');
  changed = writeIfChanged(labFile, labZone(scenarios, dsFor)) || changed;
  const confChanged = writeIfChanged(confPath(), knotConf(scenarios, bogusFiles));
  if (!pidFileAlive(pidPath())) {
    runOrThrow('knotd', ['-c', confPath(), '-d'], { env });
    await waitFor('knotd', () => pidFileAlive(pidPath()) && knotc('status').status === 0);
  } else if (confChanged || changed) {
    runOrThrow('knotc', ['-c', confPath(), 'reload'], { env });
  }
  // Children get their keys when first signed; then the parent needs their DS.
  const secure = scenarios.filter((s) =>
    ['signed', 'bogus-ds', 'signed-nsec', 'signed-nsec3-optout'].includes(s.dnssec),
  );
  await waitFor(
    'knot to sign every zone',
    () => secure.every((s) => dsOf(s.domain).length > 0),
    30_000,
  );
  if (writeIfChanged(labFile, labZone(scenarios, dsFor))) {
    runOrThrow('knotc', ['-c', confPath(), 'zone-reload', 'lab'], { env });
    changed = true;
  }
  return { trustAnchor: trustAnchor(), changed: changed || confChanged };
}

/** The lab KSK as a DNSKEY line, read from the running server. */
function trustAnchor(): string {
  const out = runOrThrow(
    'kdig',
    [`@${ADDR.authoritative}`, 'lab.', 'DNSKEY', '+noall', '+answer'],
    { env },
  );
  const ksk = out.split('\n').filter((l) => /\sDNSKEY\s+257\s/.test(l));
  if (ksk.length === 0) throw new Error(`lab: no KSK for lab. in\n${out}`);
  return `${ksk.join('\n')}\n`;
}

export async function stopKnot(): Promise<boolean> {
  if (!pidFileAlive(pidPath())) return false;
  knotc('stop');
  await waitFor('knotd to exit', () => !pidFileAlive(pidPath()));
  return true;
}

export const knotPidFile = pidPath;
