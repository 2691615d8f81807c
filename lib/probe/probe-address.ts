// Probes one MX address and judges it: session, certificate, DANE, verdict.

import { X509Certificate } from 'node:crypto';
import type { DnsAnswer } from '../dns/types.ts';
import { text } from '../score/text.ts';
import { classifyCipher, classifyTlsVersion } from '../tls/index.ts';
import { refusedAddressReason } from './address-guard.ts';
import type { TrustStore } from './certificate-chain.ts';
import { analyzeCertificate } from './certificate-report.ts';
import { assessDane } from './dane.ts';
import type { ProbeLimits } from './limits.ts';
import type { FetchBytes } from './revocation.ts';
import { blankSessionResult, type SessionOptions, type SessionResult } from './smtp-session.ts';
import type { ProbeTransport } from './transport.ts';
import type { AddressProbe, StartTlsReport } from './types.ts';
import { addressVerdict, type PolicyContext } from './verdict.ts';

export interface AddressContext {
  domain: string;
  host: string;
  /** SNI: the TLSA base domain (RFC 7672 §8.1), the host name itself unless a CNAME target has TLSA. */
  serverName: string;
  address: string;
  port: number;
  ehloName: string;
  tryUnadvertised: boolean;
  allowLoopback: boolean;
  deadline: number;
  limits: ProbeLimits;
  transport: ProbeTransport;
  /** Runs (or recalls) the SMTP session; see ProbeDeps.runSession. */
  runSession: (options: SessionOptions) => Promise<SessionResult>;
  store: TrustStore;
  clock: () => number;
  fetchBytes?: FetchBytes;
  tlsa: DnsAnswer<'TLSA'> | null;
  /** The name the TLSA records belong to (RFC 7672 §2.2.2). */
  tlsaBaseDomain: string;
  /** The MX RRset and the host's address (or CNAME) records validated. */
  mxSecure: boolean;
  /** DANE-TA reference identifiers (RFC 7672 §3.2.2). */
  referenceNames: readonly string[];
  policy: PolicyContext;
}

function starttlsReport(session: SessionResult): StartTlsReport {
  const tls = session.tls;
  return {
    offered: session.starttlsOffered,
    attempted: session.starttlsAttempted,
    negotiated: tls !== null,
    version: tls?.version ?? null,
    cipher: tls?.cipher ?? null,
    group: tls?.group ?? null,
    forwardSecrecy: tls?.forwardSecrecy ?? null,
    versionClass: tls ? classifyTlsVersion(tls.version) : null,
    cipherClass: tls ? classifyCipher(tls.cipher) : null,
    error: session.starttlsError,
  };
}

function guardedSession(context: AddressContext): SessionResult | null {
  const reason = refusedAddressReason(context.address, context.allowLoopback);
  if (reason === null) return null;
  const detail = `${context.address} is ${reason}; only public addresses are probed (lab mode adds loopback)`;
  return {
    ...blankSessionResult(),
    cutOff: { reason: 'address-not-public', detail },
    transcript: [`!: ${detail}`],
  };
}

export async function probeAddress(context: AddressContext): Promise<AddressProbe> {
  const session =
    guardedSession(context) ??
    (await context.runSession({
      address: context.address,
      host: context.host,
      ...(context.serverName === context.host ? {} : { serverName: context.serverName }),
      port: context.port,
      ehloName: context.ehloName,
      tryUnadvertised: context.tryUnadvertised,
      deadline: context.deadline,
      limits: context.limits,
      transport: context.transport,
      now: context.clock,
    }));
  const now = new Date(context.clock());
  const starttls = starttlsReport(session);
  const reachedEhlo =
    session.banner !== null && (session.ehloKeywords.length > 0 || session.usedHelo);
  // A handshake that stalls after EHLO counts as "STARTTLS fails": a sender would give up on TLS too.
  const tested = reachedEhlo;
  const certificate = session.tls
    ? await analyzeCertificate(session.tls.chain, {
        domain: context.domain,
        mxHost: context.host,
        store: context.store,
        now,
        ...(context.fetchBytes ? { fetchBytes: context.fetchBytes } : {}),
      })
    : null;
  const chain = (session.tls?.chain ?? []).map((der) => new X509Certificate(der));
  const dane = assessDane({
    tlsa: context.tlsa,
    baseDomain: context.tlsaBaseDomain,
    mxSecure: context.mxSecure,
    chain,
    tlsNegotiated: session.tls !== null,
    referenceNames: context.referenceNames,
    now,
  });
  const verdict = addressVerdict({
    tested,
    untestedReason: session.cutOff
      ? `${session.cutOff.reason}: ${session.cutOff.detail}`
      : text('probe_no_ehlo_reply'),
    starttlsOffered: starttls.offered,
    negotiated: starttls.negotiated,
    hiddenStarttls: !starttls.offered && starttls.negotiated,
    starttlsError: starttls.error,
    version: starttls.version,
    certificate,
    dane,
    policy: context.policy,
  });
  return {
    address: context.address,
    family: context.address.includes(':') ? 6 : 4,
    status: !tested ? 'temperror' : starttls.offered && starttls.negotiated ? 'pass' : 'fail',
    banner: session.banner,
    ehloKeywords: session.ehloKeywords,
    usedHelo: session.usedHelo,
    starttls,
    certificate,
    dane,
    verdict,
    cutOff: session.cutOff,
    transcript: session.transcript,
    durationMs: session.durationMs,
  };
}
