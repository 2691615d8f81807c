// MECSA's inbound (receiving) tests from the probe: one test per MX for STARTTLS, DANE and
// MTA-STS, four certificate tests per MX that speaks TLS, and DNSSEC from the DNS checks. MECSA
// tests every MX; an MX we could not reach is not counted.
import type { SecurityClass } from '../tls/index.ts';
import type { DnsFactsInput, MxProbeInput, ProbeInput } from './inputs.ts';
import { type ProtocolTest, resultOf } from './support.ts';

/** Obsolete or insecure TLS fails MECSA's STARTTLS test as much as no TLS does. */
export const weak = (c: SecurityClass | null): boolean => c === 'obsolete' || c === 'insecure';

export function starttlsTest(mx: MxProbeInput): ProtocolTest {
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
export function x509Tests(mx: MxProbeInput, starttlsOk: boolean): ProtocolTest[] {
  const c = mx.certificate;
  if (!starttlsOk || c === null) return [];
  const rev = c.revocation.status;
  return [
    { result: resultOf(c.pkixValid), subject: `${mx.host}: trusted CA` },
    { result: resultOf(c.hostnameMatch !== 'none'), subject: `${mx.host}: name matches` },
    { result: resultOf(!c.expired && !c.notYetValid), subject: `${mx.host}: in date` },
    {
      result: rev === 'unknown' ? 'untested' : resultOf(rev === 'good'),
      subject: `${mx.host}: not revoked`,
    },
  ];
}

export function daneTest(mx: MxProbeInput): ProtocolTest {
  const d = mx.dane;
  if (d.lookupError !== null)
    return { result: 'untested', subject: `${mx.host}: TLSA lookup failed` };
  if (!d.tlsaPresent || !d.applicable || !d.usable) {
    return { result: 'fail', subject: `${mx.host}: no usable TLSA under DNSSEC` };
  }
  if (d.matched === null) return { result: 'untested', subject: `${mx.host}: TLSA not matched` };
  return {
    result: resultOf(d.matched),
    subject: `${mx.host}: TLSA ${d.matched ? '' : 'does not '}match`,
  };
}

export function mtaStsTest(mx: MxProbeInput, probe: ProbeInput): ProtocolTest {
  if (probe.mtaSts.status === 'temperror' || mx.verdict.mtaSts.outcome === 'untested') {
    return { result: 'untested', subject: `${mx.host}: policy not fetched` };
  }
  if (probe.mtaSts.mode !== 'enforce') {
    return { result: 'fail', subject: `${mx.host}: no MTA-STS policy in enforce mode` };
  }
  // The probe's MTA-STS sender verdict already requires a valid record, policy and MX match.
  const ok = mx.verdict.mtaSts.outcome === 'authenticated-tls' && mx.mtaSts.matchesPolicy === true;
  return { result: resultOf(ok), subject: `${mx.host}: ${mx.verdict.mtaSts.reason}` };
}

export function dnssecTests(
  dns: DnsFactsInput | null | undefined,
  probe: ProbeInput | null | undefined,
) {
  if (dns !== null && dns !== undefined && dns.dnssec !== null) {
    return [{ result: resultOf(dns.dnssec), subject: `${dns.domain}: DNSSEC` }];
  }
  // Without the DNS checks, an insecure MX answer already settles it; a secure one is not enough.
  if (probe !== null && probe !== undefined && probe.mxStatus === 'ok' && !probe.mxDnssecSecure) {
    return [{ result: 'fail' as const, subject: `${probe.domain}: MX answer not DNSSEC-secure` }];
  }
  return [];
}
