// The DNS-only part of a scan beside checkdmarc, a peer admins use for bulk DNS posture checks,
// on the same population domains and the same lab resolver (Unbound: MailSeal asks it over DoH,
// checkdmarc over plain DNS on port 53, as each does by default). MailSeal runs in this process
// (`assessDomain` without a probe, as `mailseal check --dns-only`), one domain at a time and 16 at
// a time; checkdmarc runs as its own CLI (`--skip-tls`: no SMTP), which checks one domain at a
// time. Reports domains/s, CPU per domain and the ratios.
//
// checkdmarc is not part of MailSeal and is not installed by it: pass the command that runs it
// (e.g. `--checkdmarc "python3 /path/to/checkdmarc"`); without one the comparison is skipped.
//
//   node bench/scan-peer.ts --checkdmarc "<command>" [--size 1000] [--count 300]   (lab running)

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assessDomain } from '../lib/assess/index.ts';
import { createNodeProbeDeps } from '../lib/probe/node-deps.ts';
import { requireLab } from '../test/lab/lab-info.ts';
import { buildPopulation, DEFAULT_SEED } from '../test/lab/population/build.ts';
import { loadPopulation } from '../test/lab/population/lab-population.ts';

const { values } = parseArgs({
  options: {
    checkdmarc: { type: 'string', default: '' },
    size: { type: 'string', default: '1000' },
    count: { type: 'string', default: '300' },
  },
});
const lab = requireLab();
const work = mkdtempSync(join(tmpdir(), 'mailseal-bench-peer-'));

interface Timed {
  seconds: number;
  cpuSeconds: number;
  failed: number;
}

/** MailSeal's DNS posture of every domain, `lanes` at a time, on one fresh DoH client. */
async function mailsealDnsOnly(domains: string[], lanes: number): Promise<Timed> {
  const deps = createNodeProbeDeps({
    resolvers: [lab.dohUrl],
    labCaPem: lab.caCertPem,
    labTrustAnchor: lab.trustAnchor,
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  let failed = 0;
  const lane = async () => {
    for (let d = domains[next++]; d !== undefined; d = domains[next++]) {
      const assessed = await assessDomain(d, { dns: deps.dns, probe: null });
      if (!assessed.dns.ok) failed++;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  const used = process.cpuUsage(cpu);
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    failed,
  };
}

/** checkdmarc over the same list, timed by /usr/bin/time; counts domains it reports at all. */
function checkdmarc(command: string, domains: string[]): Timed & { reported: number } {
  const list = join(work, 'domains.txt');
  const out = join(work, 'checkdmarc.json');
  writeFileSync(list, `${domains.join('\n')}\n`);
  const [program = '', ...args] = command.split(' ').filter((p) => p !== '');
  const started = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'CPU_S %U %S',
      program,
      ...args,
      list, // first: -o and -n take several values each
      '--skip-tls',
      '-n',
      lab.resolverAddress,
      '-o',
      out,
    ],
    // The lab CA, so its MTA-STS policy fetch is judged as MailSeal's is.
    { env: { ...process.env, REQUESTS_CA_BUNDLE: lab.caCertPath }, encoding: 'utf8' },
  );
  const timing = run.stderr;
  const complaints = timing.split('\n').filter((l) => l !== '' && !l.startsWith('CPU_S'));
  if (complaints.length > 0) console.error(`checkdmarc said:\n${complaints.slice(-20).join('\n')}`);
  if (run.status !== 0) throw new Error(`checkdmarc exited with ${run.status}`);
  const seconds = (performance.now() - started) / 1000;
  const cpu = /CPU_S ([\d.]+) ([\d.]+)/.exec(timing);
  const results = JSON.parse(readFileSync(out, 'utf8')) as Array<{ domain: string }>;
  return {
    seconds,
    cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : 0,
    // A runner may record a domain that made checkdmarc raise as `CHECKDMARC_FAILED <domain> …`.
    failed: complaints.filter((l) => l.startsWith('CHECKDMARC_FAILED')).length,
    reported: results.length,
  };
}

const perDomain = (t: Timed, n: number) =>
  `${(n / t.seconds).toFixed(1)} | ${t.seconds.toFixed(1)} | ${((t.cpuSeconds * 1000) / n).toFixed(1)}`;

async function main(): Promise<void> {
  const population = buildPopulation({
    dir: join(tmpdir(), `mailseal-population-${values.size}`),
    size: Number(values.size),
    seed: DEFAULT_SEED,
  });
  const domains = readFileSync(population.domains, 'utf8')
    .trim()
    .split('\n')
    .slice(0, Number(values.count));
  const loaded = await loadPopulation(population.dir);
  try {
    const n = domains.length;
    console.log(`${n} population domains, load average ${readFileSync('/proc/loadavg', 'utf8')}`);
    console.log('| tool | domains/s | wall (s) | CPU ms/domain |');
    console.log('| --- | ---: | ---: | ---: |');
    const one = await mailsealDnsOnly(domains, 1);
    console.log(`| MailSeal DNS-only, 1 at a time (DoH) | ${perDomain(one, n)} |`);
    const many = await mailsealDnsOnly(domains, 16);
    console.log(`| MailSeal DNS-only, 16 at a time (DoH) | ${perDomain(many, n)} |`);
    if (!values.checkdmarc) {
      console.log('checkdmarc: no --checkdmarc command given; comparison skipped.');
      return;
    }
    const peer = checkdmarc(values.checkdmarc, domains);
    console.log(`| checkdmarc --skip-tls, 1 at a time (port 53) | ${perDomain(peer, n)} |`);
    console.log(
      `checkdmarc reported ${peer.reported} of ${n} domains (${peer.failed} raised); MailSeal failed on ${one.failed + many.failed}.`,
    );
    console.log(
      `Ratio (domains/s, MailSeal ÷ checkdmarc): ${(peer.seconds / one.seconds).toFixed(2)}× one at a time, ${(peer.seconds / many.seconds).toFixed(2)}× with 16 at a time; CPU per domain ${(one.cpuSeconds / peer.cpuSeconds).toFixed(2)}× checkdmarc's.`,
    );
  } finally {
    await loaded.unload();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
