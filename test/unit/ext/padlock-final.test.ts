// Issue 16, "fast": the padlock is final once the answers it reads are in (lib/score/padlock-facts.ts,
// padlockPendingOf in lib/ext/known-evidence.ts); the details (stars, the standards table) refine
// after it, each cell saying "checking" meanwhile. Here the recipient's SPF record walks an
// include chain three levels deep, as Gmail's does (`include:_spf.google.com` →
// `_netblocks*.google.com`), one DoH round per level: the padlock must not wait for it, and
// must never change after it said it was final.
import { Buffer } from 'node:buffer';
import * as packet from 'dns-packet';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageReport } from '../../../lib/messaging/report.ts';
import { padlockCheckKeys } from '../../../lib/score/index.ts';
import { countRounds } from '../../fixtures/dns/round-counter.ts';
import { fakeDohTransport } from '../dns/dnssec/fake-doh.ts';
import {
  buildZones,
  type FakeResolver,
  fakeResolver,
  type ZoneSpec,
} from '../dns/dnssec/fake-resolver.ts';
import type { Rec } from '../dns/dnssec/fake-zones.ts';
import {
  a,
  fetchThrough,
  gmailTlsRequest,
  labAssessor,
  labSettings,
  mx,
  rootAnchorOf,
  tlsa,
  txt,
} from './assessment-world.ts';

const DOH = 'https://doh.test/dns-query';
const PROBE = 'https://probe.test';

function mailRecords(domain: string, spf: string, dmarc: string): Rec[] {
  return [
    txt(domain, spf),
    txt(`_dmarc.${domain}`, dmarc),
    txt(`_mta-sts.${domain}`, 'v=STSv1; id=20260101'),
    a(`mta-sts.${domain}`, '192.0.2.80'),
    txt(`_smtp._tls.${domain}`, `v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`),
  ];
}

/** sender.example to gmail.com (test/fixtures/webmail/gmail-original-tls.eml.txt). */
function worldOf(variant: { senderDmarc: string; recipientTlsa: boolean }): ZoneSpec[] {
  return [
    { apex: '' },
    { apex: 'example', denial: 'nsec3', nsec3: { optOut: true } },
    { apex: 'com', denial: 'nsec3', nsec3: { optOut: true } },
    {
      apex: 'sender.example',
      records: [
        mx('sender.example', 'mx.sender.example'),
        a('mx.sender.example', '192.0.2.25'),
        ...mailRecords('sender.example', 'v=spf1 ip4:192.0.2.25 -all', variant.senderDmarc),
        txt(
          's1._domainkey.sender.example',
          'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
        ),
      ],
    },
    {
      apex: 'gmail.com',
      records: [
        mx('gmail.com', 'gmail-smtp-in.l.google.com'),
        ...mailRecords('gmail.com', 'v=spf1 include:_spf.google.com ~all', 'v=DMARC1; p=none'),
      ],
    },
    {
      apex: 'google.com',
      records: [
        a('gmail-smtp-in.l.google.com', '192.0.2.26'),
        ...(variant.recipientTlsa ? [tlsa('_25._tcp.gmail-smtp-in.l.google.com')] : []),
        // Three include levels, one DoH round each.
        txt('_spf.google.com', 'v=spf1 include:_netblocks.google.com ~all'),
        txt('_netblocks.google.com', 'v=spf1 include:_netblocks2.google.com ~all'),
        txt('_netblocks2.google.com', 'v=spf1 ip4:192.0.2.0/24 ~all'),
      ],
    },
  ];
}

/** A DoH GET for a name of the SPF walk's deeper levels (the name is in the wire query). */
function isNetblocks(url: string): boolean {
  const dns = new URL(url).searchParams.get('dns');
  return dns !== null && Buffer.from(dns, 'base64url').includes(Buffer.from('_netblocks'));
}

/**
 * Every report of one cold message, each with whether the SPF walk's second include level was
 * still unanswered: those questions are held until the padlock says it is final (or 3 s pass).
 */
async function assessCold(resolver: FakeResolver, probeAnswers: boolean) {
  const doh = fakeDohTransport(resolver);
  let held = true;
  let release: () => void = () => {};
  const released = new Promise<void>((done) => {
    release = () => {
      held = false;
      done();
    };
  });
  const fallback = setTimeout(release, 3000);
  const counter = countRounds(async (req) => {
    if (isNetblocks(req.url)) await released;
    if (req.url.startsWith(PROBE)) {
      // No probe service reachable: the recipient's DANE and MTA-STS come from DNS.
      if (!probeAnswers) throw new TypeError('Failed to fetch');
      const body = new TextEncoder().encode(JSON.stringify({ results: [] }));
      return { status: 200, contentType: 'application/json', body };
    }
    return doh(req);
  }, 20);
  const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    fetchThrough(counter.transport, input, init);
  const assessor = labAssessor(labSettings(DOH, PROBE, await rootAnchorOf(resolver)), fetch);
  const seen: { report: MessageReport; walkHeld: boolean }[] = [];
  const final = await assessor.assess(gmailTlsRequest, (report) => {
    seen.push({ report, walkHeld: held });
    if (report.pending.length === 0) release();
  });
  clearTimeout(fallback);
  return { seen, final, rounds: counter.rounds() };
}

/** What the inline padlock shows: level, headline, signals, reasons and alerts. */
const padlockPart = (r: MessageReport) => ({
  padlock: r.padlock,
  reasons: r.reasons,
  alerts: r.alerts,
  threats: r.threats,
});

const cell = (r: MessageReport, standard: string) =>
  r.standards.find((row) => row.standard === standard)?.recipient.status;

describe('the padlock is final before the details (issue 16)', () => {
  let resolver: FakeResolver;
  beforeAll(async () => {
    resolver = fakeResolver(
      await buildZones(worldOf({ senderDmarc: 'v=DMARC1; p=reject', recipientTlsa: true })),
    );
  });

  it('does not wait for the recipient SPF include walk, and the details say "checking" meanwhile', async () => {
    const { seen, final, rounds } = await assessCold(resolver, false);
    // The walk: MX and the records in round 1, the MX host and _spf in 2, two levels more.
    expect(rounds).toBeGreaterThanOrEqual(4);
    const firstFinal = seen.find((s) => s.report.pending.length === 0);
    expect(firstFinal).toBeDefined();
    if (!firstFinal) return;
    expect(firstFinal.walkHeld).toBe(true);
    expect(firstFinal.report.refining).toEqual(['dns']);
    expect(cell(firstFinal.report, 'SPF')).toBe('checking');
    expect(cell(final, 'SPF')).toBe('present');
    expect(final.refining).toBeUndefined();
    // Final means final: no later report changes what the padlock shows.
    for (const later of seen.filter((s) => s.report.stage >= firstFinal.report.stage))
      expect(padlockPart(later.report)).toEqual(padlockPart(final));
    expect(padlockPart(firstFinal.report)).toEqual(padlockPart(final));
  });

  it.each([
    { senderDmarc: 'v=DMARC1; p=reject', recipientTlsa: false, probe: true },
    { senderDmarc: 'v=DMARC1; p=none', recipientTlsa: true, probe: false },
    { senderDmarc: 'v=DMARC1; p=quarantine', recipientTlsa: false, probe: false },
  ])('never changes after it said it was final: %o', async (variant) => {
    const world = fakeResolver(await buildZones(worldOf(variant)));
    const { seen, final } = await assessCold(world, variant.probe);
    const finals = seen.filter((s) => s.report.pending.length === 0);
    expect(finals.length).toBeGreaterThan(0);
    for (const s of finals) expect(padlockPart(s.report)).toEqual(padlockPart(final));
  });
});

/**
 * One cold message whose answers arrive one by one (each DoH answer in a task of its own), with
 * the probe calls held until every DoH question has long been answered: the padlock waits for
 * the recipient's probe answer the whole time. Returns the reports seen while it was held.
 */
async function assessWhileProbeHeld(resolver: FakeResolver) {
  const doh = fakeDohTransport(resolver);
  let held = true;
  let answered = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.startsWith(PROBE)) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      held = false;
      const body = JSON.stringify({ results: [] });
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    }
    const order = answered++;
    await new Promise((resolve) => setTimeout(resolve, 2 * order));
    return fetchThrough(doh, url, init);
  };
  const assessor = labAssessor(labSettings(DOH, PROBE, await rootAnchorOf(resolver)), fetch);
  const whileHeld: MessageReport[] = [];
  const final = await assessor.assess(gmailTlsRequest, (report) => {
    if (held) whileHeld.push(report);
  });
  return { whileHeld, final };
}

describe('while the padlock waits, only its own answers are scored (issue 16)', () => {
  it('answers only the details read (SPF, TLS-RPT, BIMI, ...) bring no report of their own', async () => {
    const world = fakeResolver(
      await buildZones(worldOf({ senderDmarc: 'v=DMARC1; p=reject', recipientTlsa: true })),
    );
    const { whileHeld, final } = await assessWhileProbeHeld(world);
    // Every DoH answer was in long before the probe's: both postures are complete meanwhile.
    const last = whileHeld.at(-1);
    expect(last?.pending).toEqual(['probe']);
    expect(cell(last as MessageReport, 'SPF')).toBe('present');
    // The first verdict, then at most one report per answer the padlock reads: each check of
    // its own per domain, each whole posture, the signers' keys and the alerts.
    const padlockAnswers =
      padlockCheckKeys('sender').length + padlockCheckKeys('recipient').length + 2 + 2;
    expect(whileHeld.length).toBeLessThanOrEqual(1 + padlockAnswers);
    expect(final.pending).toEqual([]);
    expect(final.refining).toBeUndefined();
  });
});

/** What one request asks: `TYPE name` for DoH, `probe domain` for a probe call. */
function asked(url: string, body: string): string {
  const dns = new URL(url).searchParams.get('dns');
  if (dns === null) return `probe ${(JSON.parse(body) as { domains: string[] }).domains.join(',')}`;
  const q = packet.decode(Buffer.from(dns, 'base64url')).questions?.[0];
  return `${q?.type} ${q?.name}`;
}

/** Every request of one cold message in the order the assessor sent them. */
async function sendOrder(resolver: FakeResolver): Promise<string[]> {
  const doh = fakeDohTransport(resolver);
  const sent: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    sent.push(asked(url, typeof init?.body === 'string' ? init.body : ''));
    if (url.startsWith(PROBE)) throw new TypeError('Failed to fetch');
    return fetchThrough(doh, url);
  };
  const assessor = labAssessor(labSettings(DOH, PROBE, await rootAnchorOf(resolver)), fetch);
  await assessor.assess(gmailTlsRequest);
  return sent;
}

describe('the padlock questions go out first (issue 16)', () => {
  it('sends what the padlock reads before what only the details read, all in the first round', async () => {
    const world = fakeResolver(
      await buildZones(worldOf({ senderDmarc: 'v=DMARC1; p=reject', recipientTlsa: true })),
    );
    const sent = await sendOrder(world);
    const at = (what: string) => {
      const i = sent.indexOf(what);
      expect(i, `${what} in ${sent.join(' | ')}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    // The padlock: the recipient's probe answer; the sender's DMARC policy and zone signing; the
    // signer's key; the recipient's MTA-STS record and MX (its DANE) when no probe answer decides.
    const padlock = [
      'probe gmail.com',
      'TXT _dmarc.sender.example',
      'DS sender.example',
      'TXT s1._domainkey.sender.example',
      'TXT _mta-sts.gmail.com',
      'MX gmail.com',
    ].map(at);
    // Only the details: TLS-RPT, BIMI, SPF, the recipient's DMARC, the sender's probe answer.
    // (The sender's apex TXT is asked first too: its DNSSEC check reads it.)
    const details = [
      'TXT _smtp._tls.sender.example',
      'TXT default._bimi.sender.example',
      'TXT gmail.com',
      'TXT _dmarc.gmail.com',
      'TXT _smtp._tls.gmail.com',
      'probe sender.example',
    ].map(at);
    expect(Math.max(...padlock)).toBeLessThan(Math.min(...details));
    // The padlock's longest question, the probe call, goes first of the recipient's.
    expect(at('probe gmail.com')).toBeLessThan(at('MX gmail.com'));
  });
});
