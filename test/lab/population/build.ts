// Builds a synthetic population into a directory, cached: a second build with the same size,
// seed and generator version reuses it. Writes
//   catalogue.json  lab scenarios (providers, and the two parent zones holding every domain),
//                   loaded by `MAILSEAL_LAB_EXTRA=<dir>/catalogue.json npm run lab:start`
//   domains.txt     the scan input, one domain per line
//   policies.json   MTA-STS policy bodies per policy host, and the names its certificate covers
//   truth.json      the true adoption table (ground-truth.ts)
//
//   node test/lab/population/build.ts [--size 100000] [--seed 22] [--dir /tmp/mailseal-population]

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type DomainFeatures, drawPopulation, SIGNED_PARENT, UNSIGNED_PARENT } from './domains.ts';
import { createTruthAccumulator } from './ground-truth.ts';
import { providerScenarios } from './providers.ts';
import { policyBody, policyCertificateValid, zoneLines } from './zone-lines.ts';

/** Bump when the generator changes what it draws or writes: cached builds are then redone. */
export const GENERATOR_VERSION = 3;
export const DEFAULT_SIZE = 100_000;
export const DEFAULT_SEED = 22;

export interface BuiltPopulation {
  dir: string;
  size: number;
  seed: number;
  catalogue: string;
  domains: string;
  policies: string;
  truth: string;
  /** False when an identical earlier build was reused. */
  built: boolean;
}

function parentScenario(domain: string, signed: boolean, records: string[]): object {
  return {
    name: domain.replace(/\.lab$/, ''),
    domain,
    group: 'good',
    description: `Synthetic population parent zone (${signed ? 'signed' : 'unsigned'}).`,
    dnssec: signed ? 'signed' : 'unsigned',
    records,
    mx: [],
    expect: {},
  };
}

function paths(dir: string) {
  return {
    meta: join(dir, 'meta.json'),
    catalogue: join(dir, 'catalogue.json'),
    domains: join(dir, 'domains.txt'),
    policies: join(dir, 'policies.json'),
    truth: join(dir, 'truth.json'),
  };
}

export function buildPopulation(options: {
  dir: string;
  size?: number;
  seed?: number;
}): BuiltPopulation {
  const size = options.size ?? DEFAULT_SIZE;
  const seed = options.seed ?? DEFAULT_SEED;
  const p = paths(options.dir);
  const meta = JSON.stringify({ size, seed, version: GENERATOR_VERSION });
  const result = { dir: options.dir, size, seed, ...p };
  if (existsSync(p.meta) && readFileSync(p.meta, 'utf8') === meta && existsSync(p.truth))
    return { ...result, built: false };
  mkdirSync(options.dir, { recursive: true });
  const signed: string[] = [];
  const unsigned: string[] = [];
  const domains: string[] = [];
  const policies: Record<string, string> = {};
  const certificateNames: string[] = [];
  const truth = createTruthAccumulator();
  for (const d of drawPopulation(size, seed) as Iterable<DomainFeatures>) {
    (d.signed ? signed : unsigned).push(...zoneLines(d));
    domains.push(d.domain);
    truth.add(d);
    const body = policyBody(d);
    if (body !== null) policies[`mta-sts.${d.domain}`] = body;
    if (policyCertificateValid(d) && body !== null) certificateNames.push(`mta-sts.${d.domain}`);
  }
  const scenarios = [
    ...providerScenarios(),
    parentScenario(SIGNED_PARENT, true, signed),
    parentScenario(UNSIGNED_PARENT, false, unsigned),
  ];
  writeFileSync(p.catalogue, JSON.stringify({ scenarios }));
  writeFileSync(p.domains, `${domains.join('\n')}\n`);
  writeFileSync(p.policies, JSON.stringify({ policies, certificateNames }));
  writeFileSync(p.truth, `${JSON.stringify(truth.result(), null, 2)}\n`);
  writeFileSync(p.meta, meta);
  return { ...result, built: true };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: String(DEFAULT_SIZE) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      dir: { type: 'string', default: '/tmp/mailseal-population' },
    },
  });
  const started = Date.now();
  const built = buildPopulation({
    dir: values.dir,
    size: Number(values.size),
    seed: Number(values.seed),
  });
  console.log(
    `population of ${built.size} (seed ${built.seed}) in ${built.dir}: ${built.built ? 'built' : 'cached'} in ${Date.now() - started} ms`,
  );
}
