// MECSA's outbound (sending) and identity tests: one STARTTLS test per observed handoff from
// the sender domain (recipient evidence, handoff-history.ts), and SPF, DKIM and DMARC from the
// trusted results of those messages plus the published records.
import { classifyTlsVersion } from '../tls/index.ts';
import { weak } from './inbound-tests.ts';
import type { DnsFactsInput, HandoffObservation } from './inputs.ts';
import type { ChannelSupport, ProviderEvidence } from './provider-evidence-types.ts';
import { averagedSupport, type ProtocolTest, resultOf, supportOf } from './support.ts';

export function handoffTest(o: HandoffObservation): ProtocolTest {
  const when = o.at ?? o.seenAt;
  if (o.encrypted === null) return { result: 'untested', subject: `${when}: no TLS evidence` };
  if (!o.encrypted) return { result: 'fail', subject: `${when}: cleartext handoff` };
  const cls = o.tlsClass ?? classifyTlsVersion(o.tlsVersion);
  if (weak(cls))
    return { result: 'fail', subject: `${when}: ${cls} TLS (${o.tlsVersion ?? o.cipher})` };
  return { result: 'pass', subject: `${when}: ${o.tlsVersion ?? 'TLS'}` };
}

export function authTest(value: string | null, label: string, when: string): ProtocolTest {
  if (value === null || value === 'temperror') {
    return { result: 'untested', subject: `${when}: ${label} not reported` };
  }
  return { result: resultOf(value === 'pass'), subject: `${when}: ${label}=${value}` };
}

export function recordTest(
  state: DnsFactsInput['spf'],
  label: string,
  domain: string,
): ProtocolTest[] {
  if (state === null) return [];
  return [{ result: resultOf(state === 'valid'), subject: `${domain}: ${label} record ${state}` }];
}

export function identitySupport(
  e: ProviderEvidence,
): Pick<ChannelSupport, 'spf' | 'dkim' | 'dmarc'> {
  const obs = e.observations ?? [];
  const when = (o: HandoffObservation) => o.at ?? o.seenAt;
  const spf = averagedSupport([
    obs.map((o) => authTest(o.spf, 'spf', when(o))),
    recordTest(e.dns?.spf ?? null, 'SPF', e.domain),
  ]);
  let dkim = supportOf(obs.map((o) => authTest(o.dkim, 'dkim', when(o))));
  if (dkim.status === 'unknown' && e.dns?.dkim !== undefined && e.dns.dkim !== null) {
    // MECSA-ST's estimate when no message was seen: is a DKIM key published?
    dkim = supportOf([
      { result: resultOf(e.dns.dkim), subject: `${e.domain}: DKIM key (estimate)` },
    ]);
  }
  let dmarc = supportOf(recordTest(e.dns?.dmarc.state ?? null, 'DMARC', e.domain));
  if (dmarc.status === 'unknown') {
    // A trusted dmarc=pass/fail proves a record exists; dmarc=none proves there is none.
    const seen = obs.filter((o) => o.dmarc !== null && o.dmarc !== 'temperror');
    dmarc = supportOf(
      seen.map((o) => ({
        result: resultOf(o.dmarc !== 'none'),
        subject: `${when(o)}: dmarc=${o.dmarc}`,
      })),
    );
  }
  return { spf, dkim, dmarc };
}
