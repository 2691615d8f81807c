// Turns probe reports, DNS facts and observed handoffs into MECSA tests, one list per protocol
// and channel. Inbound (receiving) evidence comes from the probe of every MX; outbound (sending)
// evidence from the handoffs the recipient's provider recorded, message after message.
import { classifyTlsVersion, type SecurityClass } from '../tls/index.ts';
import type { HandoffObservation } from './handoff-history.ts';
import type { DnsFactsInput, MxProbeInput, ProbeInput } from './inputs.ts';
import type { Protocol } from './mecsa-tables.ts';
import {
  averagedSupport,
  type ProtocolTest,
  presumedFrom,
  type Support,
  supportOf,
  type TestResult,
} from './support.ts';

export type ChannelSupport = Readonly<Record<Protocol, Support>>;

export interface ProviderEvidence {
  domain: string;
  dns?: DnsFactsInput | null;
  probe?: ProbeInput | null;
  /** Handoffs from this domain's outbound servers (handoff-history.ts). */
  observations?: readonly HandoffObservation[];
}

const weak = (c: SecurityClass | null): boolean => c === 'obsolete' || c === 'insecure';

function result(ok: boolean | null): TestResult {
  return ok === null ? 'untested' : ok ? 'pass' : 'fail';
}

// ---------------------------------------------------------------------------------------------
// Inbound: one test per MX (MECSA tests every MX; an MX we could not reach is not counted).

function starttlsTest(mx: MxProbeInput): ProtocolTest {
  const tested = mx.addresses.filter((a) => a.status !== 'temperror');
  if (tested.length === 0) return { result: 'untested', subject: `${mx.host}: not reachable` };
  const bad = tested.find(
    (a) => !a.starttls.negotiated || weak(a.starttls.versionClass) || weak(a.starttls.cipherClass),
  );
  if (bad === undefined) {
    return { result: 'pass', subject: `${mx.host}: ${tested[0]?.starttls.version ?? 'TLS'}` };
  }
  const why = bad.starttls.negotiated ? `weak TLS (${bad.starttls.version})` : 'no STARTTLS';
  return { result: 'fail', subject: `${mx.host} ${bad.address}: ${why}` };
}

/** MECSA's four certificate tests per MX that speaks TLS: CA, name, dates, revocation. */
function x509Tests(mx: MxProbeInput, starttlsOk: boolean): ProtocolTest[] {
  const c = mx.certificate;
  if (!starttlsOk || c === null) return [];
  const rev = c.revocation.status;
  return [
    { result: result(c.pkixValid), subject: `${mx.host}: trusted CA` },
    { result: result(c.hostnameMatch !== 'none'), subject: `${mx.host}: name matches` },
    { result: result(!c.expired && !c.notYetValid), subject: `${mx.host}: in date` },
    {
      result: rev === 'unknown' ? 'untested' : result(rev === 'good'),
      subject: `${mx.host}: not revoked`,
    },
  ];
}

function daneTest(mx: MxProbeInput): ProtocolTest {
  const d = mx.dane;
  if (d.lookupError !== null)
    return { result: 'untested', subject: `${mx.host}: TLSA lookup failed` };
  if (!d.tlsaPresent || !d.applicable || !d.usable) {
    return { result: 'fail', subject: `${mx.host}: no usable TLSA under DNSSEC` };
  }
  if (d.matched === null) return { result: 'untested', subject: `${mx.host}: TLSA not matched` };
  return {
    result: result(d.matched),
    subject: `${mx.host}: TLSA ${d.matched ? '' : 'does not '}match`,
  };
}

function mtaStsTest(mx: MxProbeInput, probe: ProbeInput): ProtocolTest {
  if (probe.mtaSts.status === 'temperror' || mx.verdict.mtaSts.outcome === 'untested') {
    return { result: 'untested', subject: `${mx.host}: policy not fetched` };
  }
  if (probe.mtaSts.mode !== 'enforce') {
    return { result: 'fail', subject: `${mx.host}: no MTA-STS policy in enforce mode` };
  }
  // The probe's MTA-STS sender verdict already requires a valid record, policy and MX match.
  const ok = mx.verdict.mtaSts.outcome === 'authenticated-tls' && mx.mtaSts.matchesPolicy === true;
  return { result: result(ok), subject: `${mx.host}: ${mx.verdict.mtaSts.reason}` };
}

function dnssecTests(dns: DnsFactsInput | null | undefined, probe: ProbeInput | null | undefined) {
  if (dns !== null && dns !== undefined && dns.dnssec !== null) {
    return [{ result: result(dns.dnssec), subject: `${dns.domain}: DNSSEC` }];
  }
  // Without the DNS checks, an insecure MX answer already settles it; a secure one is not enough.
  if (probe !== null && probe !== undefined && probe.mxStatus === 'ok' && !probe.mxDnssecSecure) {
    return [{ result: 'fail' as const, subject: `${probe.domain}: MX answer not DNSSEC-secure` }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Outbound and identity

function handoffTest(o: HandoffObservation): ProtocolTest {
  const when = o.at ?? o.seenAt;
  if (o.encrypted === null) return { result: 'untested', subject: `${when}: no TLS evidence` };
  if (!o.encrypted) return { result: 'fail', subject: `${when}: cleartext handoff` };
  const cls = o.tlsClass ?? classifyTlsVersion(o.tlsVersion);
  if (weak(cls))
    return { result: 'fail', subject: `${when}: ${cls} TLS (${o.tlsVersion ?? o.cipher})` };
  return { result: 'pass', subject: `${when}: ${o.tlsVersion ?? 'TLS'}` };
}

function authTest(value: string | null, label: string, when: string): ProtocolTest {
  if (value === null || value === 'temperror') {
    return { result: 'untested', subject: `${when}: ${label} not reported` };
  }
  return { result: result(value === 'pass'), subject: `${when}: ${label}=${value}` };
}

function recordTest(state: DnsFactsInput['spf'], label: string, domain: string): ProtocolTest[] {
  if (state === null) return [];
  return [{ result: result(state === 'valid'), subject: `${domain}: ${label} record ${state}` }];
}

function identitySupport(e: ProviderEvidence): Pick<ChannelSupport, 'spf' | 'dkim' | 'dmarc'> {
  const obs = e.observations ?? [];
  const when = (o: HandoffObservation) => o.at ?? o.seenAt;
  const spf = averagedSupport([
    obs.map((o) => authTest(o.spf, 'spf', when(o))),
    recordTest(e.dns?.spf ?? null, 'SPF', e.domain),
  ]);
  let dkim = supportOf(obs.map((o) => authTest(o.dkim, 'dkim', when(o))));
  if (dkim.status === 'unknown' && e.dns?.dkim !== undefined && e.dns.dkim !== null) {
    // MECSA-ST's estimate when no message was seen: is a DKIM key published?
    dkim = supportOf([{ result: result(e.dns.dkim), subject: `${e.domain}: DKIM key (estimate)` }]);
  }
  let dmarc = supportOf(recordTest(e.dns?.dmarc.state ?? null, 'DMARC', e.domain));
  if (dmarc.status === 'unknown') {
    // A trusted dmarc=pass/fail proves a record exists; dmarc=none proves there is none.
    const seen = obs.filter((o) => o.dmarc !== null && o.dmarc !== 'temperror');
    dmarc = supportOf(
      seen.map((o) => ({
        result: result(o.dmarc !== 'none'),
        subject: `${when(o)}: dmarc=${o.dmarc}`,
      })),
    );
  }
  return { spf, dkim, dmarc };
}

export interface ProviderSupport {
  inbound: ChannelSupport;
  outbound: ChannelSupport;
  /** MECSA's own pooling: STARTTLS over every MX and every observed sender together. */
  combined: ChannelSupport;
}

export function providerSupport(e: ProviderEvidence): ProviderSupport {
  const probe = e.probe ?? null;
  const mxs = probe === null || probe.mxStatus === 'temperror' ? [] : probe.mx;
  const inboundStarttls = mxs.map(starttlsTest);
  const x509 = mxs.flatMap((mx, i) => x509Tests(mx, inboundStarttls[i]?.result === 'pass'));
  const dane = mxs.map(daneTest);
  const mtaSts = probe === null ? [] : mxs.map((mx) => mtaStsTest(mx, probe));
  const dnssec = supportOf(dnssecTests(e.dns, probe));
  const outboundStarttls = (e.observations ?? []).map(handoffTest);
  const identity = identitySupport(e);
  const observed = (e.observations ?? []).length > 0;

  const inbound: ChannelSupport = {
    starttls: supportOf(inboundStarttls),
    x509: supportOf(x509),
    dane: supportOf(dane),
    'mta-sts': supportOf(mtaSts),
    // MECSA cannot test the receiving side's SPF/DKIM checks without sending forged mail, so it
    // presumes a domain that signs and publishes also checks.
    spf: observed ? presumedFrom(identity.spf) : identity.spf,
    dkim: observed ? presumedFrom(identity.dkim) : identity.dkim,
    dmarc: identity.dmarc,
    dnssec,
  };
  const outbound: ChannelSupport = {
    ...identity,
    starttls: supportOf(outboundStarttls),
    // A received message cannot show the sender's certificate or DANE; MECSA presumes inbound.
    x509: presumedFrom(inbound.x509),
    dane: presumedFrom(inbound.dane),
    'mta-sts': presumedFrom(inbound['mta-sts']),
    dnssec,
  };
  const combined: ChannelSupport = {
    ...inbound,
    spf: identity.spf,
    dkim: identity.dkim,
    starttls: supportOf([...inboundStarttls, ...outboundStarttls]),
  };
  return { inbound, outbound, combined };
}
