import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CatalogueFile,
  CERT_PROFILES,
  DANE_OUTCOMES,
  DNSSEC_MODES,
  DOH_SERVERS,
  MX_SERVERS,
  POLICY_SERVERS,
  type Scenario,
  TLS_LEVELS,
} from './catalogue-types.ts';

export type * from './catalogue-types.ts';

export const LAB_TLD = 'lab';
export const SCENARIOS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'scenarios');
export const DEFAULT_CATALOGUE = resolve(SCENARIOS_DIR, 'catalogue.json');

/**
 * Every scenario file of the tree: catalogue.json first, then the other scenarios/*.json by
 * name (each owner adds its own file). Addresses are allocated in this order, so a new file
 * does not move the scenarios before it.
 */
export function catalogueFiles(dir = SCENARIOS_DIR): string[] {
  const others = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'catalogue.json')
    .sort();
  return [resolve(dir, 'catalogue.json'), ...others.map((f) => resolve(dir, f))];
}

/** Every scenarios/*.json plus every file named in MAILSEAL_LAB_EXTRA (':'-separated), validated. */
export function loadCatalogue(env: NodeJS.ProcessEnv = process.env): Scenario[] {
  const extra = (env.MAILSEAL_LAB_EXTRA ?? '').split(':').filter((p) => p.trim() !== '');
  const files = [...new Set([...catalogueFiles(), ...extra.map((p) => resolve(p))])];
  const scenarios = files.flatMap((path) => loadCatalogueFile(path));
  const problems = [...checkUnique(scenarios, 'name'), ...checkUnique(scenarios, 'domain')];
  if (problems.length > 0) throw new Error(`lab catalogue:\n  ${problems.join('\n  ')}`);
  return scenarios;
}

export function loadCatalogueFile(path: string): Scenario[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`lab catalogue ${path}: cannot read JSON: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  const list = (parsed as Partial<CatalogueFile> | null)?.scenarios;
  if (!Array.isArray(list))
    throw new Error(`lab catalogue ${path}: expected { "scenarios": [...] }`);
  list.forEach((s: unknown, i) => {
    for (const p of validateScenario(s)) problems.push(`scenarios[${i}] ${nameOf(s)}: ${p}`);
  });
  if (problems.length > 0) throw new Error(`lab catalogue ${path}:\n  ${problems.join('\n  ')}`);
  return (list as Scenario[]).map((s) => ({ ...s, source: path }));
}

function nameOf(s: unknown): string {
  const name = (s as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? `(${name})` : '';
}

function checkUnique(scenarios: readonly Scenario[], key: 'name' | 'domain'): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const s of scenarios) {
    const prior = seen.get(s[key]);
    if (prior) problems.push(`duplicate ${key} "${s[key]}" in ${s.source} and ${prior}`);
    seen.set(s[key], s.source ?? '?');
  }
  return problems;
}

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function oneOf(v: unknown, allowed: readonly string[], what: string, out: string[]): void {
  if (v !== undefined && !allowed.includes(v as string)) {
    out.push(`${what} must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`);
  }
}

function validateScenario(s: unknown): string[] {
  const out: string[] = [];
  if (!isObj(s)) return ['not an object'];
  for (const key of ['name', 'domain', 'description', 'group', 'dnssec'] as const) {
    if (typeof s[key] !== 'string' || s[key] === '')
      out.push(`"${key}" must be a non-empty string`);
  }
  if (typeof s.name === 'string' && !LABEL.test(s.name)) out.push('"name" must be a DNS label');
  if (typeof s.domain === 'string') {
    const labels = s.domain.split('.');
    if (labels.length !== 2 || labels[1] !== LAB_TLD || !LABEL.test(labels[0] ?? '')) {
      out.push(`"domain" must be <label>.${LAB_TLD}`);
    }
  }
  oneOf(s.dnssec, DNSSEC_MODES, '"dnssec"', out);
  if (!Array.isArray(s.records) || s.records.some((r) => typeof r !== 'string')) {
    out.push('"records" must be an array of zone-file lines');
  }
  const ids = new Set<string>(['policy', 'doh', 'nginx']);
  if (s.mx !== undefined) {
    if (!Array.isArray(s.mx)) out.push('"mx" must be an array');
    else
      s.mx.forEach((mx: unknown, i) => {
        out.push(...validateMx(mx, i, ids));
      });
  }
  if (s.policy !== undefined) out.push(...validatePolicy(s.policy));
  if (s.doh !== undefined) {
    if (!isObj(s.doh)) out.push('"doh" must be an object');
    else {
      oneOf(s.doh.server, DOH_SERVERS, 'doh.server', out);
      checkAddress(s.doh.address, 'doh.address', out);
    }
  }
  if (!isObj(s.expect)) out.push('"expect" must be an object (one key per consumer)');
  else if (s.expect.lab !== undefined) out.push(...validateLabExpect(s.expect.lab, ids));
  if (Array.isArray(s.records)) out.push(...checkPlaceholders(s.records as string[], ids));
  return out;
}

function checkAddress(v: unknown, what: string, out: string[]): void {
  if (v !== undefined && (typeof v !== 'string' || !LOOPBACK.test(v))) {
    out.push(`${what} must be a 127.0.0.0/8 address`);
  }
}

function validateMx(mx: unknown, i: number, ids: Set<string>): string[] {
  const out: string[] = [];
  const at = `mx[${i}]`;
  if (!isObj(mx)) return [`${at} must be an object`];
  if (typeof mx.id !== 'string' || !LABEL.test(mx.id)) out.push(`${at}.id must be a DNS label`);
  else if (ids.has(mx.id)) out.push(`${at}.id "${mx.id}" is used twice or reserved`);
  else ids.add(mx.id);
  if (typeof mx.hostname !== 'string' || mx.hostname === '') out.push(`${at}.hostname is required`);
  oneOf(mx.server, MX_SERVERS, `${at}.server`, out);
  oneOf(mx.certificate, CERT_PROFILES, `${at}.certificate`, out);
  checkAddress(mx.address, `${at}.address`, out);
  if (mx.tls !== undefined && !isObj(mx.tls)) out.push(`${at}.tls must be an object`);
  return out;
}

function validatePolicy(p: unknown): string[] {
  const out: string[] = [];
  if (!isObj(p)) return ['"policy" must be an object'];
  oneOf(p.server, POLICY_SERVERS, 'policy.server', out);
  oneOf(p.certificate, CERT_PROFILES, 'policy.certificate', out);
  checkAddress(p.address, 'policy.address', out);
  if (
    p.body !== undefined &&
    (!Array.isArray(p.body) || p.body.some((l) => typeof l !== 'string'))
  ) {
    out.push('policy.body must be an array of lines');
  }
  if (p.status !== undefined && typeof p.status !== 'number')
    out.push('policy.status must be a number');
  return out;
}

function validateLabExpect(lab: unknown, ids: Set<string>): string[] {
  const out: string[] = [];
  if (!isObj(lab)) return ['expect.lab must be an object'];
  oneOf(lab.dnssec, ['secure', 'insecure', 'bogus'], 'expect.lab.dnssec', out);
  if (lab.smtp !== undefined) {
    if (!isObj(lab.smtp)) out.push('expect.lab.smtp must be an object keyed by MX id');
    else {
      for (const [id, e] of Object.entries(lab.smtp)) {
        if (!ids.has(id)) out.push(`expect.lab.smtp.${id}: no MX listener with that id`);
        if (!isObj(e)) continue;
        oneOf(e.level, TLS_LEVELS, `expect.lab.smtp.${id}.level`, out);
        oneOf(e.dane, DANE_OUTCOMES, `expect.lab.smtp.${id}.dane`, out);
        oneOf(e.daneLevel, TLS_LEVELS, `expect.lab.smtp.${id}.daneLevel`, out);
      }
    }
  }
  if (lab.dns !== undefined && !Array.isArray(lab.dns)) out.push('expect.lab.dns must be an array');
  return out;
}

function checkPlaceholders(records: readonly string[], ids: Set<string>): string[] {
  const out: string[] = [];
  for (const line of records) {
    const placeholders = /\{\{(addr|tlsa):([a-z0-9-]+)(?::([0-3] [01] [0-2]))?(:root)?\}\}/g;
    for (const m of line.matchAll(placeholders)) {
      if (!ids.has(m[2] ?? '')) out.push(`record "${line}": unknown id "${m[2]}"`);
      if (m[1] === 'tlsa' && !m[3]) out.push(`record "${line}": tlsa needs "usage selector type"`);
      if (m[4] && !m[3]?.startsWith('2 ')) out.push(`record "${line}": ":root" is for usage 2`);
    }
    const rest = line.replace(/\{\{(addr|tlsa):[^}]*\}\}/g, '');
    if (rest.includes('{{')) out.push(`record "${line}": unknown placeholder`);
  }
  return out;
}
