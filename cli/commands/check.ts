// `mailseal check <domain>`: DNS posture plus the SMTP/TLS probe of every MX (or `--dns-only`).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessDomain, postureUntested } from '../../lib/assess/index.ts';
import type { DomainDnsPosture } from '../../lib/checks/domain-dns-posture.ts';
import { DEFAULT_RESOLVERS, resolverUrl } from '../../lib/dns/resolvers.ts';
import { createNodeProbeDeps } from '../../lib/probe/node-deps.ts';
import { localProbe } from '../../lib/probe/probe-source.ts';
import type { DomainProbeReport } from '../../lib/probe/types.ts';
import { EXIT, EXIT_CODES_HELP } from '../exit-codes.ts';
import type { CliHost, CliIo } from '../io.ts';
import { formatDnsPosture } from '../report/dns-posture.ts';
import { formatProbeReport } from '../report/probe-report.ts';
import { formatProviderScore } from '../report/score-report.ts';
import { parseCheckTarget, preflight, preflightHeadline } from './check-input.ts';
import type { RegisterCommand } from './command.ts';
import { runDnssecTrace } from './dnssec-trace.ts';

interface CheckOptions {
  json?: boolean;
  resolver?: string[];
  lab?: boolean;
  dnsOnly?: boolean;
  ehloName?: string;
  color?: boolean;
  /** DKIM selectors to look up (RFC 6376); without them DKIM presence is estimated. */
  dkimSelector?: string[];
  /** Print the DNSSEC chain of the domain's mail records instead of the full check. */
  dnssecTrace?: boolean;
  /** 'local' (default) or 'resolver': trust the resolver's AD flag (the fallback). */
  dnssec?: string;
}

interface LabFile {
  dohUrl: string;
  caCertPem: string;
  trustAnchor?: string;
}

function readLab(env: CliHost['env']): LabFile | null {
  const path = join(env.MAILSEAL_LAB_DIR || '/tmp/mailseal-lab', 'lab.json');
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as LabFile;
}

/**
 * 1 when some sender would refuse or send in cleartext (a problem found wins over anything left
 * untested); 3 when a sender kind could not be tested or a DNS check failed; 0 otherwise. A null
 * MX (RFC 7505) is a declaration, not a failure.
 */
export function exitCodeFor(report: DomainProbeReport, posture: DomainDnsPosture): number {
  const { dane, mtaSts, opportunistic } = report.verdict;
  const bad =
    [dane.outcome, mtaSts.outcome].includes('refuse') || opportunistic.outcome === 'cleartext';
  if (bad || report.mxStatus === 'none') return EXIT.problems;
  if (report.mxStatus === 'null-mx') return EXIT.ok;
  const untested =
    report.mxStatus === 'temperror' ||
    [dane, mtaSts, opportunistic].some((verdict) => verdict.outcome === 'untested') ||
    postureUntested(posture);
  return untested ? EXIT.untested : EXIT.ok;
}

interface CheckSetup {
  domain: string;
  deps: ReturnType<typeof createNodeProbeDeps>;
  resolvers: readonly string[];
}

/** Refuses what cannot be checked (no lab, bad resolver, not a mail domain) before any traffic. */
function prepare(
  rawDomain: string,
  options: CheckOptions,
  io: CliIo,
  env: CliHost['env'],
  setExitCode: (code: number) => void,
): CheckSetup | null {
  const labMode = options.lab === true || env.MAILSEAL_LAB === '1';
  const lab = labMode ? readLab(env) : null;
  if (labMode && !lab) {
    io.err('lab mode needs a running lab: npm run lab:start\n');
    setExitCode(EXIT.usage);
    return null;
  }
  const chosen = options.resolver?.map((r) => ({ r, url: resolverUrl(r) })) ?? [];
  const bad = chosen.find((c) => c.url === undefined);
  if (bad) {
    io.err(`--resolver ${bad.r}: use cloudflare, google, quad9 or an https:// DoH URL\n`);
    setExitCode(EXIT.usage);
    return null;
  }
  const urls = chosen.map((c) => c.url ?? '');
  const target = parseCheckTarget(rawDomain, urls.length > 0 || lab !== null);
  if (!target.ok) {
    io.err(
      `mailseal check: ${JSON.stringify(rawDomain)} is not a mail domain: ${target.message} (${target.reason})\n`,
    );
    setExitCode(EXIT.usage);
    return null;
  }
  const resolvers = urls.length ? urls : lab ? [lab.dohUrl] : DEFAULT_RESOLVERS;
  const deps = createNodeProbeDeps({
    resolvers,
    ...(lab ? { labCaPem: lab.caCertPem } : {}),
    ...(lab?.trustAnchor ? { labTrustAnchor: lab.trustAnchor } : {}),
    dnssec: options.dnssec === 'resolver' ? 'resolver' : 'local',
  });
  return { domain: target.domain, deps, resolvers };
}

/** Runs the assessment and prints it; exits 0/1/3 by what it found (exitCodeFor). */
async function assessAndPrint(
  setup: CheckSetup,
  options: CheckOptions,
  io: CliIo,
  color: boolean,
): Promise<number> {
  const { domain, deps } = setup;
  const probe = options.dnsOnly
    ? null
    : localProbe({ ...deps, ...(options.ehloName ? { ehloName: options.ehloName } : {}) });
  const assessed = await assessDomain(domain, {
    dns: deps.dns,
    probe,
    ...(options.dkimSelector?.length ? { dkimSelectors: options.dkimSelector } : {}),
  });
  // A failure of the tool itself stays one: main prints it as one line.
  if (!assessed.dns.ok) throw new Error(assessed.dns.error);
  const posture = assessed.dns.value;
  if (assessed.probe === null) {
    io.out(
      options.json ? `${JSON.stringify(posture, null, 2)}\n` : formatDnsPosture(posture, { color }),
    );
    return postureUntested(posture) ? EXIT.untested : EXIT.ok;
  }
  if (!assessed.probe.ok) throw new Error(assessed.probe.error);
  if (assessed.scores?.ok === false) throw new Error(assessed.scores.error);
  const report = assessed.probe.value;
  const scores = assessed.scores?.value;
  if (options.json) {
    // The DomainProbeReport fields unchanged, plus `dns` and `scores` (documented in the schema).
    io.out(`${JSON.stringify({ ...report, dns: posture, scores }, null, 2)}\n`);
  } else {
    io.out(formatDnsPosture(posture, { color }));
    io.out('\n');
    io.out(formatProbeReport(report, { color }));
    if (scores) io.out(`\n${formatProviderScore(scores, { color })}`);
  }
  return exitCodeFor(report, posture);
}

async function runCheck(
  rawDomain: string,
  options: CheckOptions,
  io: CliIo,
  host: CliHost,
  setExitCode: (code: number) => void,
) {
  const setup = prepare(rawDomain, options, io, host.env, setExitCode);
  if (!setup) return;
  const { domain, deps, resolvers } = setup;
  const color = options.color !== false && !host.env.NO_COLOR && host.stdoutIsTty;
  try {
    if (options.dnssecTrace) {
      await runDnssecTrace(deps.dns, domain, io, options.json === true);
      return;
    }
    const first = await preflight(deps.dns, domain, resolvers);
    if (first.kind !== 'exists') {
      io.err(preflightHeadline(domain, first));
      setExitCode(first.kind === 'nxdomain' ? EXIT.noSuchDomain : EXIT.untested);
      return;
    }
    setExitCode(await assessAndPrint(setup, options, io, color));
  } finally {
    await deps.close();
  }
}

export const registerCheck: RegisterCommand = (program, io, setExitCode, host) => {
  program
    .command('check')
    .description(
      'DNS posture and STARTTLS/TLS/certificate/DANE/MTA-STS probe of every MX of a domain',
    )
    .argument('<domain>', 'mail domain to check')
    .option(
      '--json',
      'print the DomainProbeReport JSON with `dns` and `scores` (docs/domain-probe-report.schema.json)',
    )
    .option('--resolver <url...>', 'DoH resolver(s): cloudflare, google, quad9 or an https:// URL')
    .option(
      '--lab',
      'lab mode: use the running lab resolver, trust only the lab CA, allow loopback',
    )
    .option('--dns-only', 'only the DNS posture, no SMTP connections')
    .option('--ehlo-name <name>', 'EHLO name to announce')
    .option('--dkim-selector <selector...>', 'DKIM selector(s) whose keys to fetch and judge')
    .option('--no-color', 'plain output')
    .option('--dnssec-trace', 'print the DNSSEC chain of the mail records, zone by zone')
    .option(
      '--dnssec <mode>',
      'local (default: validate from the root) or resolver (trust its AD flag)',
    )
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (domain: string, options: CheckOptions) => {
      await runCheck(domain, options, io, host, setExitCode);
    });
};
