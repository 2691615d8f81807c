import { beforeAll, describe, expect, it } from 'vitest';
import type { StorageAreaLike } from '../../../lib/ext/domain-cache.ts';
import type { MessageReport } from '../../../lib/messaging/report.ts';
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
  aaaa,
  fetchThrough,
  gmailTlsRequest,
  labAssessor,
  labSettings,
  mx,
  rootAnchorOf,
  tlsa,
  txt,
} from './assessment-world.ts';
import { createMemoryArea as memoryArea } from './memory-area.ts';

const DOH = 'https://doh.test/dns-query';
const PROBE = 'https://probe.test';

/** The mail records of a domain whose MX host is `host` (in its own zone or another). */
function mailRecords(domain: string, spf: string): Rec[] {
  return [
    txt(domain, spf),
    txt(`_dmarc.${domain}`, `v=DMARC1; p=reject; rua=mailto:dmarc@${domain}`),
    txt(`_mta-sts.${domain}`, 'v=STSv1; id=20260101'),
    a(`mta-sts.${domain}`, '192.0.2.80'),
    txt(`_smtp._tls.${domain}`, `v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`),
  ];
}

/**
 * The message of test/fixtures/webmail/gmail-original-tls.eml.txt: sender.example (MX in its
 * own zone, DKIM s=s1 verified by Gmail) to gmail.com, whose MX host and SPF include live in
 * another signed zone (google.com), as Gmail's do.
 */
const WORLD: ZoneSpec[] = [
  { apex: '' },
  { apex: 'example', denial: 'nsec3', nsec3: { optOut: true } },
  { apex: 'com', denial: 'nsec3', nsec3: { optOut: true } },
  {
    apex: 'sender.example',
    records: [
      mx('sender.example', 'mx.sender.example'),
      a('mx.sender.example', '192.0.2.25'),
      aaaa('mx.sender.example', '2001:db8::25'),
      tlsa('_25._tcp.mx.sender.example'),
      ...mailRecords('sender.example', 'v=spf1 mx -all'),
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
      ...mailRecords('gmail.com', 'v=spf1 include:_spf.google.com ~all'),
    ],
  },
  {
    apex: 'google.com',
    records: [
      a('gmail-smtp-in.l.google.com', '192.0.2.26'),
      aaaa('gmail-smtp-in.l.google.com', '2001:db8::26'),
      txt('_spf.google.com', 'v=spf1 ip4:192.0.2.0/24 ~all'),
    ],
  },
];

let resolver: FakeResolver;
let anchorText: string;

beforeAll(async () => {
  resolver = fakeResolver(await buildZones(WORLD));
  anchorText = await rootAnchorOf(resolver);
});

/** Every request the assessor sends, DoH and probe alike, batched into rounds. */
function world(settle = 50) {
  const doh = fakeDohTransport(resolver);
  const sent: { what: string; round: number }[] = [];
  const counter = countRounds(async (request) => {
    const round = counter.rounds();
    if (request.url.startsWith(PROBE)) {
      sent.push({ what: 'probe', round });
      // A probe service that answers, with nothing to say about these domains.
      const body = new TextEncoder().encode(JSON.stringify({ results: [] }));
      return { status: 200, contentType: 'application/json', body };
    }
    const dns = new URL(request.url).searchParams.get('dns') ?? '';
    sent.push({ what: `doh ${dns.slice(0, 8)}`, round });
    return doh(request);
  }, settle);
  const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    fetchThrough(counter.transport, input, init);
  return { fetch, counter, sent };
}

function assessorIn(w: ReturnType<typeof world>, local: StorageAreaLike = memoryArea()) {
  return labAssessor(labSettings(DOH, PROBE, anchorText), w.fetch, local);
}

describe('the final verdict of a cold message, in round trips (issue 16)', () => {
  beforeAll(() => {
    resolver.queries.length = 0;
  });

  it('costs two DoH rounds with every chain validated locally, the probe asked in the first', async () => {
    const w = world();
    const report: MessageReport = await assessorIn(w).assess(gmailTlsRequest);
    expect(report.pending).toEqual([]);
    // The answers were validated here (the chain was asked for), not taken on the resolver's word.
    expect(resolver.queries).toEqual(
      expect.arrayContaining(['|DNSKEY', 'sender.example|DS', 'google.com|DNSKEY']),
    );
    expect(w.counter.rounds()).toBe(2);
    expect(w.sent.filter((s) => s.what === 'probe').map((s) => s.round)).toEqual([1, 1]);
  });

  it('asks each distinct question once', async () => {
    const w = world();
    resolver.queries.length = 0;
    await assessorIn(w).assess(gmailTlsRequest);
    const asked = resolver.queries;
    expect(asked.length).toBeGreaterThan(20);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('a second message after a worker restart takes the postures from storage: one round at most', async () => {
    const local = memoryArea();
    await assessorIn(world(), local).assess(gmailTlsRequest);
    // A fresh assessor is a restarted service worker: storage kept, in-memory DNS gone. Only
    // the signer's key record for the sender profile is asked again, with its chain, at once.
    const w = world();
    resolver.queries.length = 0;
    await assessorIn(w, local).assess({ ...gmailTlsRequest, seq: 2 });
    expect(w.counter.rounds()).toBeLessThanOrEqual(1);
    expect(w.sent.filter((s) => s.what === 'probe')).toEqual([]);
    expect(resolver.queries.filter((q) => /\|(MX|A|AAAA|TLSA)$/.test(q))).toEqual([]);
  });

  it('"Clear cache" forgets the answers held in memory too: the next message asks afresh', async () => {
    const w = world();
    const assessor = assessorIn(w);
    await assessor.assess(gmailTlsRequest);
    await assessor.clearCache();
    resolver.queries.length = 0;
    await assessor.assess({ ...gmailTlsRequest, seq: 2 });
    expect(resolver.queries).toEqual(expect.arrayContaining(['sender.example|MX', '|DNSKEY']));
  });
});
