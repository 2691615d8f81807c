// probeDomain: every MX in preference order, each address probed politely, then DANE, MTA-STS
// and the per-MX "would a strict sender deliver?" verdict. Every side effect comes from `deps`.

import tls from 'node:tls';
import type { DnsAnswer, DnsClient } from '../dns/types.ts';
import { finding } from '../outcome.ts';
import { type AddressLock, sharedAddressLock } from './address-lock.ts';
import { createTrustStore } from './certificate-chain.ts';
import { assessDane } from './dane.ts';
import { DEFAULT_PROBE_LIMITS, type ProbeLimits } from './limits.ts';
import { fetchMtaSts, finishMtaSts, policyContext } from './mta-sts-assess.ts';
import { matchingPattern } from './mta-sts-mx-match.ts';
import { mxFindings } from './mx-findings.ts';
import { normalizeHostName } from './name-match.ts';
import { probeAddress } from './probe-address.ts';
import type { FetchBytes } from './revocation.ts';
import { runSmtpSession, type SessionOptions, type SessionResult } from './smtp-session.ts';
import { nodeTransport, type ProbeTransport } from './transport.ts';
import type { DaneReport, DomainProbeReport, MxProbe } from './types.ts';
import { combineVerdicts } from './verdict.ts';

export interface ProbeDeps {
  dns: DnsClient;
  transport?: ProbeTransport;
  /** PEM trust anchors for MX and policy host certificates. Default: Node's Mozilla roots. */
  trustedRoots?: readonly string[];
  clock?: () => number;
  /** CRL fetcher; without it revocation is "unknown". */
  fetchBytes?: FetchBytes;
  /** Lab mode: private/loopback addresses may be probed (the lab CA comes via trustedRoots). */
  lab?: boolean;
  limits?: Partial<ProbeLimits>;
  ehloName?: string;
  smtpPort?: number;
  httpsPort?: number;
  tryUnadvertisedStartTls?: boolean;
  lock?: AddressLock;
  /**
   * Wraps each SMTP session of one MX address (banner, EHLO, STARTTLS, handshake), which does not
   * depend on the mail domain, so a caller can run it once for many domains (the service
   * memoises it per host and address). `connect` is the real session under the address lock.
   * Certificate name matching against the domain, DANE and the verdict stay per domain.
   */
  runSession?: SessionRunner;
}

export type SessionRunner = (
  options: SessionOptions,
  connect: (options: SessionOptions) => Promise<SessionResult>,
) => Promise<SessionResult>;

interface MxTarget {
  host: string;
  preference: number;
  implicit: boolean;
  secure: boolean;
}

export const DEFAULT_EHLO_NAME = 'mailseal-probe.invalid';

async function addressesOf(dns: DnsClient, host: string) {
  const [a, aaaa] = await Promise.all([dns.query(host, 'A'), dns.query(host, 'AAAA')]);
  return { addresses: [...a.records, ...aaaa.records], secure: a.authenticData };
}

async function findMx(dns: DnsClient, domain: string) {
  const answer = await dns.query(domain, 'MX');
  if (answer.status === 'servfail' || answer.status === 'temperror') {
    return { status: 'temperror' as const, targets: [], secure: false };
  }
  if (answer.status === 'nxdomain')
    return { status: 'none' as const, targets: [], secure: answer.authenticData };
  const records = [...answer.records].sort((x, y) => x.preference - y.preference);
  if (records.length === 1 && ['', '.'].includes(records[0]?.exchange ?? '')) {
    return { status: 'null-mx' as const, targets: [], secure: answer.authenticData };
  }
  if (records.length === 0) {
    const implicit = await addressesOf(dns, domain);
    if (implicit.addresses.length === 0)
      return { status: 'none' as const, targets: [], secure: false };
    const target: MxTarget = {
      host: domain,
      preference: 0,
      implicit: true,
      secure: implicit.secure,
    };
    return { status: 'implicit' as const, targets: [target], secure: implicit.secure };
  }
  const targets = records.map((r) => ({
    host: normalizeHostName(r.exchange),
    preference: r.preference,
    implicit: false,
    secure: answer.authenticData,
  }));
  return { status: 'ok' as const, targets, secure: answer.authenticData };
}

function summarizeDane(addresses: MxProbe['addresses'], fallback: DaneReport): DaneReport {
  const withTls = addresses.filter((a) => a.starttls.negotiated);
  const failing = withTls.find((a) => a.dane.matched === false);
  return failing?.dane ?? withTls[0]?.dane ?? addresses[0]?.dane ?? fallback;
}

export async function probeDomain(
  domainInput: string,
  deps: ProbeDeps,
): Promise<DomainProbeReport> {
  const clock = deps.clock ?? Date.now;
  const started = clock();
  const domain = normalizeHostName(domainInput);
  const limits = { ...DEFAULT_PROBE_LIMITS, ...deps.limits };
  const roots = deps.trustedRoots ?? tls.rootCertificates;
  const store = createTrustStore(roots);
  const lab = deps.lab === true;
  const [mx, mtaSts] = await Promise.all([
    findMx(deps.dns, domain),
    fetchMtaSts(domain, {
      dns: deps.dns,
      ca: roots,
      allowPrivateAddresses: lab,
      timeoutMs: limits.connectTimeoutMs,
      ...(deps.httpsPort === undefined ? {} : { port: deps.httpsPort }),
    }),
  ]);
  const targets = mx.targets.slice(0, limits.maxMxHosts);
  const probes = await Promise.all(
    targets.map(async (target): Promise<MxProbe> => {
      const [resolved, tlsa] = await Promise.all([
        addressesOf(deps.dns, target.host),
        deps.dns.query(`_25._tcp.${target.host}`, 'TLSA') as Promise<DnsAnswer<'TLSA'>>,
      ]);
      const secure = target.implicit ? resolved.secure : target.secure;
      const policy = policyContext(mtaSts, target.host);
      const deadline = clock() + limits.hostBudgetMs;
      const chosen = resolved.addresses.slice(0, limits.maxAddressesPerHost);
      const addresses = [];
      const lock = deps.lock ?? sharedAddressLock;
      // Only a real connection takes the politeness lock; a memoised session needs none.
      const connect = (options: SessionOptions) =>
        lock.run(options.address, () => runSmtpSession(options));
      const runner = deps.runSession;
      const runSession = runner ? (options: SessionOptions) => runner(options, connect) : connect;
      for (const address of chosen) {
        const probe = await probeAddress({
          domain,
          host: target.host,
          address,
          port: deps.smtpPort ?? 25,
          ehloName: deps.ehloName ?? DEFAULT_EHLO_NAME,
          tryUnadvertised: deps.tryUnadvertisedStartTls ?? true,
          allowPrivateAddresses: lab,
          deadline,
          limits,
          transport: deps.transport ?? nodeTransport,
          runSession,
          store,
          clock,
          ...(deps.fetchBytes ? { fetchBytes: deps.fetchBytes } : {}),
          tlsa,
          mxSecure: secure,
          policy,
        });
        addresses.push(probe);
      }
      const untestedDane = assessDane({
        tlsa,
        mxSecure: secure,
        chain: [],
        tlsNegotiated: false,
        referenceNames: [target.host],
        now: new Date(clock()),
      });
      const dane = summarizeDane(addresses, untestedDane);
      const noAddress = addresses.length === 0;
      const findings = mxFindings(target.host, addresses, dane, secure);
      if (noAddress)
        findings.push(finding('mx.no-address', 'high', `${target.host} has no A or AAAA record`));
      const pattern = mtaSts.policy ? matchingPattern(target.host, mtaSts.policy.mx) : null;
      return {
        host: target.host,
        preference: target.preference,
        implicit: target.implicit,
        dnssecSecure: secure,
        addresses,
        skippedAddresses: resolved.addresses.slice(limits.maxAddressesPerHost),
        certificate: addresses.find((a) => a.certificate)?.certificate ?? null,
        dane,
        // Only a valid policy has mx patterns worth matching against.
        mtaSts: {
          matchesPolicy: mtaSts.mode !== null ? pattern !== null : null,
          matchedPattern: pattern,
        },
        verdict: combineVerdicts(addresses.map((a) => a.verdict)),
        findings,
      };
    }),
  );
  finishMtaSts(mtaSts, domain, probes);
  const findings = [];
  if (mx.status === 'null-mx')
    findings.push(
      finding('mx.null', 'info', `${domain} publishes a null MX: it accepts no mail (RFC 7505)`),
    );
  if (mx.status === 'none')
    findings.push(
      finding('mx.none', 'high', `${domain} has no MX and no A/AAAA: it cannot receive mail`),
    );
  if (mx.status === 'temperror')
    findings.push(
      finding('mx.temperror', 'info', `the MX lookup for ${domain} failed; could not test`),
    );
  if (mx.status === 'implicit')
    findings.push(
      finding(
        'mx.implicit',
        'low',
        `${domain} has no MX record; mail goes to its A/AAAA (implicit MX)`,
      ),
    );
  if (mx.targets.length > limits.maxMxHosts)
    findings.push(
      finding(
        'mx.capped',
        'info',
        `only the first ${limits.maxMxHosts} of ${mx.targets.length} MX hosts were probed`,
      ),
    );
  return {
    domain,
    probedAt: new Date(started).toISOString(),
    durationMs: clock() - started,
    lab,
    mxStatus: mx.status,
    mxDnssecSecure: mx.secure,
    mx: probes,
    mtaSts,
    verdict: combineVerdicts(
      probes.map((p) => p.verdict),
      (index) => probes[index]?.host ?? '?',
    ),
    findings,
  };
}
