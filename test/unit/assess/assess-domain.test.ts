// lib/assess: one domain assessed for every front end, with the probe as an injected source.

import { describe, expect, it, vi } from 'vitest';
import { type Answer, assessDomain, type ProbeSource } from '../../../lib/assess/index.ts';
import { EVERY_DNS_CHECK } from '../../../lib/checks/registry.ts';
import type { DnsClient } from '../../../lib/dns/types.ts';
import type { ProbeInput } from '../../../lib/score/index.ts';
import { a, fakeDns, mx, txt } from '../checks/fake-zone.ts';

const RECORDS = [
  mx('example.org', 'mx.example.org'),
  a('mx.example.org'),
  txt('example.org', 'v=spf1 -all'),
  txt('_dmarc.example.org', 'v=DMARC1; p=reject'),
];

/** Counts the questions that reach the front end's client. */
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

const probeInput = (domain: string): ProbeInput =>
  ({
    domain,
    mxStatus: 'ok',
    mxDnssecSecure: false,
    mx: [],
    mtaSts: { status: 'none', mode: null },
    verdict: {
      dane: { outcome: 'not-applicable' },
      mtaSts: { outcome: 'not-applicable' },
      opportunistic: { outcome: 'encrypted' },
    },
  }) as unknown as ProbeInput;

/** A probe that, like the local one, asks the MX set through the assessment's DNS view. */
function mxAskingProbe(): ProbeSource<{ input: ProbeInput }> {
  return {
    probe: async (domain, dns) => {
      await dns.query(domain, 'MX');
      return { input: probeInput(domain) };
    },
    scoreInput: (answer) => answer.input,
  };
}

describe('assessDomain', () => {
  it('runs the posture and the probe on one DNS view: a question both need is asked once', async () => {
    const { dns } = fakeDns(RECORDS);
    const { client, asked } = counting(dns);
    const result = await assessDomain('example.org', { dns: client, probe: mxAskingProbe() });
    expect(result.dns.ok).toBe(true);
    expect(result.probe?.ok).toBe(true);
    expect(result.scores?.ok).toBe(true);
    expect(asked.filter((q) => q === 'example.org|MX')).toHaveLength(1);
  });

  it('without a probe source there is no probe part and the score rests on DNS alone', async () => {
    const { dns } = fakeDns(RECORDS);
    const result = await assessDomain('example.org', { dns, probe: null });
    expect(result.probe).toBeNull();
    expect(result.dns.ok && result.dns.value.dmarc.status).toBe('pass');
    expect(result.scores?.ok).toBe(true);
  });

  it('a probe that fails is a failed part, reported as it comes, and makes the result incomplete', async () => {
    const { dns } = fakeDns(RECORDS);
    const parts: string[] = [];
    const result = await assessDomain('example.org', {
      dns,
      probe: {
        probe: async () => {
          throw new Error('probe service answered 503');
        },
        scoreInput: () => null,
      },
      onPart: (part) => {
        if (part.part !== 'check') parts.push(`${part.part}:${part.answer.ok}`);
      },
    });
    expect(result.probe).toEqual({ ok: false, error: 'probe service answered 503' });
    expect(result.incomplete).toBe(true);
    expect(parts.sort()).toEqual(['dns:true', 'probe:false']);
  });

  it('reports every DNS check as it finishes, before the whole posture', async () => {
    const { dns } = fakeDns(RECORDS);
    const parts: string[] = [];
    const result = await assessDomain('example.org', {
      dns,
      probe: null,
      onPart: (part) => parts.push(part.part === 'check' ? part.key : part.part),
    });
    // Each check of the registry once, each with the outcome the posture then holds.
    expect(parts.at(-1)).toBe('dns');
    expect(parts.slice(0, -1).sort()).toEqual(EVERY_DNS_CHECK.map((c) => c.key).sort());
    expect(result.dns.ok).toBe(true);
  });

  it('a check that finishes early is reported while a slow one still runs', async () => {
    const { dns } = fakeDns(RECORDS);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The SPF walk waits (an include chain one level deeper on a slow path).
    const slow: DnsClient = {
      ...dns,
      query: async (name, type, options) => {
        if (type === 'TXT' && name === 'example.org') await held;
        return dns.query(name, type, options);
      },
    };
    const seen: string[] = [];
    const done = assessDomain('example.org', {
      dns: slow,
      probe: null,
      onPart: (part) => {
        if (part.part === 'check') seen.push(part.key);
      },
    });
    await vi.waitFor(() => expect(seen).toContain('dmarc'));
    expect(seen).not.toContain('spf');
    release();
    await done;
    expect(seen).toContain('spf');
  });

  it('takes each part from the memo when the front end has it, without asking again', async () => {
    const { dns } = fakeDns(RECORDS);
    const fresh = await assessDomain('example.org', { dns, probe: null });
    const { client, asked } = counting(dns);
    const kept = new Map<string, Answer<unknown>>([['dns|example.org', fresh.dns]]);
    const result = await assessDomain('example.org', {
      dns: client,
      probe: mxAskingProbe(),
      memo: async (part, domain, compute) => {
        const hit = kept.get(`${part}|${domain}`);
        return (hit ?? (await compute())) as never;
      },
    });
    expect(result.dns).toEqual(fresh.dns);
    // Only the probe's own question went out.
    expect(asked).toEqual(['example.org|MX']);
  });
});
