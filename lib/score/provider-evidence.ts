// Turns probe reports, DNS facts and observed handoffs into MECSA tests, one list per protocol
// and channel. Inbound (receiving) evidence comes from the probe of every MX; outbound (sending)
// evidence from the handoffs the recipient's provider recorded, message after message.
// The tests themselves: inbound-tests.ts and outbound-tests.ts.
import { daneTest, dnssecTests, mtaStsTest, starttlsTest, x509Tests } from './inbound-tests.ts';
import { handoffTest, identitySupport } from './outbound-tests.ts';
import type { ChannelSupport, ProviderEvidence } from './provider-evidence-types.ts';
import { presumedFrom, supportOf } from './support.ts';

export type { ChannelSupport, ProviderEvidence };

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
