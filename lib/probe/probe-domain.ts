// probeDomain: every MX in preference order, each address probed politely, then DANE, MTA-STS
// and the per-MX "would a strict sender deliver?" verdict. Every side effect comes from `deps`.

import tls from 'node:tls';
import type { MailFacts, MxHostFacts } from '../checks/mail-facts.ts';
import { type MxHostSet, NULL_MX_ALONE_RULE } from '../checks/mx-lookup.ts';
import type { DnsClient } from '../dns/types.ts';
import { type Finding, wordedFinding as finding } from '../outcome.ts';
import { text } from '../score/text.ts';
import { type AddressLock, sharedAddressLock } from './address-lock.ts';
import { createTrustStore, type TrustStore } from './certificate-chain.ts';
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
import type { DaneReport, DomainProbeReport, MtaStsReport, MxProbe } from './types.ts';
import { combineVerdicts } from './verdict.ts';

export interface ProbeDeps {
  /**
   * For the MTA-STS policy host's addresses only. The MX set, host addresses, TLSA and the
   * _mta-sts record are the DNS facts lib/checks looked up (`MailFacts`), handed in.
   */
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

export const DEFAULT_EHLO_NAME = 'mailseal-probe.invalid';

function summarizeDane(addresses: MxProbe['addresses'], fallback: DaneReport): DaneReport {
  const withTls = addresses.filter((a) => a.starttls.negotiated);
  const failing = withTls.find((a) => a.dane.matched === false);
  return failing?.dane ?? withTls[0]?.dane ?? addresses[0]?.dane ?? fallback;
}

interface HostContext {
  domain: string;
  deps: ProbeDeps;
  limits: ProbeLimits;
  store: TrustStore;
  clock: () => number;
  mtaSts: MtaStsReport;
  /** The MX RRset validated (for the implicit MX, the domain's address records). */
  mxSecure: boolean;
}

/** The session runner: a real connection takes the politeness lock; a memoised one needs none. */
function sessionRunner(deps: ProbeDeps): (options: SessionOptions) => Promise<SessionResult> {
  const lock = deps.lock ?? sharedAddressLock;
  const connect = (options: SessionOptions) =>
    lock.run(options.address, () => runSmtpSession(options));
  const runner = deps.runSession;
  return runner ? (options) => runner(options, connect) : connect;
}

async function probeMxHost(
  facts: Promise<MxHostFacts>,
  implicit: boolean,
  ctx: HostContext,
): Promise<MxProbe> {
  const { deps, limits, clock } = ctx;
  // RFC 7672 §2.2.2: the TLSA lookup tried the CNAME-expanded name first, then the host name.
  const { host, preference, addresses: resolved, tlsa } = await facts;
  const daneSecure = ctx.mxSecure && tlsa.hostSecure;
  // RFC 7672 §3.2.2: DANE-TA names are checked against the TLSA base domain and the MX host name.
  const referenceNames = [...new Set([tlsa.baseDomain, host])];
  const policy = policyContext(ctx.mtaSts, host);
  const deadline = clock() + limits.hostBudgetMs;
  const runSession = sessionRunner(deps);
  const addresses = [];
  for (const address of resolved.addresses.slice(0, limits.maxAddressesPerHost)) {
    const probe = await probeAddress({
      domain: ctx.domain,
      host,
      // RFC 7672 §8.1: SNI carries the TLSA base domain.
      serverName: tlsa.baseDomain,
      address,
      port: deps.smtpPort ?? 25,
      ehloName: deps.ehloName ?? DEFAULT_EHLO_NAME,
      tryUnadvertised: deps.tryUnadvertisedStartTls ?? true,
      allowLoopback: deps.lab === true,
      deadline,
      limits,
      transport: deps.transport ?? nodeTransport,
      runSession,
      store: ctx.store,
      clock,
      ...(deps.fetchBytes ? { fetchBytes: deps.fetchBytes } : {}),
      tlsa: tlsa.answer,
      tlsaBaseDomain: tlsa.baseDomain,
      mxSecure: daneSecure,
      referenceNames,
      policy,
    });
    addresses.push(probe);
  }
  const untestedDane = assessDane({
    tlsa: tlsa.answer,
    baseDomain: tlsa.baseDomain,
    mxSecure: daneSecure,
    chain: [],
    tlsNegotiated: false,
    referenceNames,
    now: new Date(clock()),
  });
  const dane = summarizeDane(addresses, untestedDane);
  const findings = mxFindings(host, addresses, dane, ctx.mxSecure);
  if (addresses.length === 0)
    findings.push(finding('mx.no-address', 'high', text('probe_no_address', host)));
  const pattern = ctx.mtaSts.policy ? matchingPattern(host, ctx.mtaSts.policy.mx) : null;
  return {
    host,
    preference,
    implicit,
    dnssecSecure: ctx.mxSecure,
    addresses,
    skippedAddresses: resolved.addresses.slice(limits.maxAddressesPerHost),
    certificate: addresses.find((a) => a.certificate)?.certificate ?? null,
    dane,
    // Only a valid policy has mx patterns worth matching against.
    mtaSts: {
      matchesPolicy: ctx.mtaSts.mode !== null ? pattern !== null : null,
      matchedPattern: pattern,
    },
    verdict: combineVerdicts(addresses.map((a) => a.verdict)),
    findings,
  };
}

/** What the MX RRset itself says about the domain (null MX, implicit MX, no MX, the cap). */
function domainFindings(set: MxHostSet, domain: string, maxMxHosts: number): Finding[] {
  const findings: Finding[] = [];
  const records = set.answer.records.map(
    (r) => `${domain} MX ${r.preference} ${r.exchange || '.'}`,
  );
  if (set.status === 'null-mx')
    findings.push(finding('mx.null', 'info', text('probe_mx_null', domain)));
  if (set.nullMixed)
    findings.push(
      finding('mx.null-mixed', 'high', text('probe_mx_null_mixed', domain), {
        evidence: `${NULL_MX_ALONE_RULE} Published: ${records.join(' | ')}`,
      }),
    );
  if (set.status === 'none')
    findings.push(finding('mx.none', 'high', text('probe_mx_none', domain)));
  if (set.status === 'temperror')
    findings.push(finding('mx.temperror', 'info', text('probe_mx_temperror', domain)));
  if (set.status === 'implicit')
    findings.push(finding('mx.implicit', 'low', text('probe_mx_implicit', domain)));
  if (set.hostCount > maxMxHosts)
    findings.push(
      finding(
        'mx.capped',
        'info',
        text('probe_mx_capped', String(maxMxHosts), String(set.hostCount)),
      ),
    );
  return findings;
}

/**
 * Probes the domain's MX hosts from the DNS facts lib/checks looked up (`lookupMailFacts`, called
 * by lib/assess): the probe connects, fetches the MTA-STS policy and judges; it asks DNS only for
 * the policy host's addresses.
 */
export async function probeDomain(facts: MailFacts, deps: ProbeDeps): Promise<DomainProbeReport> {
  const clock = deps.clock ?? Date.now;
  const started = clock();
  const domain = normalizeHostName(facts.domain);
  const limits = { ...DEFAULT_PROBE_LIMITS, ...deps.limits };
  const roots = deps.trustedRoots ?? tls.rootCertificates;
  const lab = deps.lab === true;
  const [mx, mtaSts] = await Promise.all([
    facts.mx,
    fetchMtaSts(domain, facts.mtaStsRecord, {
      dns: deps.dns,
      ca: roots,
      allowLoopback: lab,
      timeoutMs: limits.connectTimeoutMs,
      ...(deps.httpsPort === undefined ? {} : { port: deps.httpsPort }),
    }),
  ]);
  const { set } = mx;
  const ctx: HostContext = {
    domain,
    deps,
    limits,
    store: createTrustStore(roots),
    clock,
    mtaSts,
    mxSecure: set.secure,
  };
  const hosts = mx.hosts.slice(0, limits.maxMxHosts);
  const probes = await Promise.all(hosts.map((h) => probeMxHost(h, set.implicit, ctx)));
  finishMtaSts(mtaSts, domain, probes);
  return {
    domain,
    probedAt: new Date(started).toISOString(),
    durationMs: clock() - started,
    lab,
    mxStatus: set.status,
    mxDnssecSecure: set.secure,
    mx: probes,
    mtaSts,
    verdict: combineVerdicts(
      probes.map((p) => p.verdict),
      (index) => probes[index]?.host ?? '?',
    ),
    findings: domainFindings(set, domain, limits.maxMxHosts),
  };
}
