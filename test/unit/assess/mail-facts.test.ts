// lib/assess hands a local probe the mail DNS facts lib/checks looked up (issue 18: lib/checks
// owns MX, addresses, TLSA and the _mta-sts record; lib/probe receives them). The facts are looked
// up once, on the assessment's shared DNS view, and only for a source that asks for them: the
// extension's probe service source never does, so it sends no extra DNS question.

import { describe, expect, it } from 'vitest';
import { type Answer, assessDomain, type ProbeSource } from '../../../lib/assess/index.ts';
import type { MailFacts } from '../../../lib/checks/mail-facts.ts';
import type { DnsClient } from '../../../lib/dns/types.ts';
import type { ProbeInput } from '../../../lib/score/index.ts';
import { a, fakeDns, mx, txt } from '../checks/fake-zone.ts';

const RECORDS = [
  mx('example.org', 'mx2.example.org', 20),
  mx('example.org', 'MX1.example.org.', 10),
  mx('example.org', 'mx3.example.org', 30),
  a('mx1.example.org'),
  a('mx2.example.org', '192.0.2.2'),
  txt('_mta-sts.example.org', 'v=STSv1; id=20240101'),
];

function counting(dns: DnsClient) {
  const asked: string[] = [];
  const client: DnsClient = {
    query: (name, type, options) => {
      asked.push(`${name}|${type}`);
      return dns.query(name, type, options);
    },
  };
  return { client, asked };
}

/** What a local probe would read of its facts, kept for the test to look at. */
interface Seen {
  hosts: [string, number, string[]][];
  mtaSts: string[];
  secure: boolean;
}

function factReadingProbe(maxMxHosts?: number): ProbeSource<Seen> {
  const read = async (facts: MailFacts): Promise<Seen> => {
    const mxFacts = await facts.mx;
    const hosts = await Promise.all(mxFacts.hosts);
    return {
      hosts: hosts.map((h) => [h.host, h.preference, h.addresses.addresses]),
      mtaSts: (await facts.mtaStsRecord).records,
      secure: mxFacts.set.secure,
    };
  };
  return {
    probe: async (_domain, _dns, facts) => {
      // Asked twice, looked up once.
      expect(facts()).toBe(facts());
      return read(facts());
    },
    ...(maxMxHosts === undefined ? {} : { maxMxHosts }),
    scoreInput: () => null,
  };
}

describe('assessDomain and the mail DNS facts', () => {
  it('hands a local probe the MX hosts in preference order, their addresses and the _mta-sts record, each asked once', async () => {
    const { dns } = fakeDns(RECORDS);
    const { client, asked } = counting(dns);
    const result = await assessDomain('Example.ORG', { dns: client, probe: factReadingProbe() });
    expect(result.probe?.ok && result.probe.value).toEqual({
      hosts: [
        ['mx1.example.org', 10, ['192.0.2.1']],
        ['mx2.example.org', 20, ['192.0.2.2']],
        ['mx3.example.org', 30, []],
      ],
      mtaSts: ['v=STSv1; id=20240101'],
      secure: false,
    });
    // The posture asks the same questions: the shared view sends each once.
    const repeated = asked.filter((q, i) => asked.indexOf(q) !== i);
    expect(repeated).toEqual([]);
  });

  it("stops at the probe's own MX limit", async () => {
    const { dns } = fakeDns(RECORDS);
    const result = await assessDomain('example.org', { dns, probe: factReadingProbe(2) });
    expect(result.probe?.ok && result.probe.value.hosts.map(([host]) => host)).toEqual([
      'mx1.example.org',
      'mx2.example.org',
    ]);
  });

  it('looks nothing up for a source that does not ask (the probe service over HTTP)', async () => {
    const { dns } = fakeDns(RECORDS);
    const fresh = await assessDomain('example.org', { dns, probe: null });
    const { client, asked } = counting(dns);
    const remote: ProbeSource<{ input: ProbeInput | null }> = {
      probe: async () => ({ input: null }),
      scoreInput: (answer) => answer.input,
    };
    const kept = new Map<string, Answer<unknown>>([['dns|example.org', fresh.dns]]);
    await assessDomain('example.org', {
      dns: client,
      probe: remote,
      memo: async (part, domain, compute) =>
        (kept.get(`${part}|${domain}`) ?? (await compute())) as never,
    });
    expect(asked).toEqual([]);
  });
});
