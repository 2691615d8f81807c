// The check registry (lib/checks/registry.ts) drives the posture, completeness, the CLI printer
// and the score's DNS facts: each of them follows the table, so a check added there is handled.

import { describe, expect, it } from 'vitest';
import { formatDnsPosture } from '../../../cli/report/dns-posture.ts';
import { postureUntested } from '../../../lib/assess/index.ts';
import { assessDomainDns, type DomainDnsPosture } from '../../../lib/checks/domain-dns-posture.ts';
import { DNS_CHECKS } from '../../../lib/checks/registry.ts';
import { dnsFactsFromPosture } from '../../../lib/score/dns-facts.ts';
import { fakeDns, mx, txt } from './fake-zone.ts';

const RECORDS = [
  mx('example.org', 'mx.example.org'),
  txt('example.org', 'v=spf1 -all'),
  txt('_dmarc.example.org', 'v=DMARC1; p=reject'),
];

async function posture(): Promise<DomainDnsPosture> {
  const { dns } = fakeDns(RECORDS);
  return assessDomainDns('example.org', { dns });
}

describe('check registry', () => {
  it('gives the posture one outcome per registered check, in the table order', async () => {
    const p = await posture();
    const keys = Object.keys(p).filter(
      (k) => !['$schema', 'domain', 'assessedAt', 'elapsedMs'].includes(k),
    );
    expect(keys).toEqual(DNS_CHECKS.map((c) => c.key));
  });

  it('prints one line per registered check, in the table order', async () => {
    const p = await posture();
    const names = formatDnsPosture(p)
      .split('\n')
      // Check lines only: not the DNSSEC footers ("DNSSEC validated locally …", "Fell back …").
      .filter((line) => /^ {2}\S/.test(line) && !/^ {2}(DNSSEC|Fell back) /.test(line))
      .map((line) => line.trim().split(/\s+/)[0]);
    expect(names).toEqual(DNS_CHECKS.map((c) => p[c.key].check));
  });

  it('counts every registered check for completeness, DKIM and BIMI included', async () => {
    const p = await posture();
    expect(postureUntested(p)).toBe(false);
    for (const key of ['dkim', 'bimi'] as const) {
      const broken = { ...p, [key]: { ...p[key], status: 'temperror' } } as DomainDnsPosture;
      expect(postureUntested(broken), key).toBe(true);
    }
  });

  it('takes the score facts from the entries that contribute to the score', async () => {
    const p = await posture();
    expect(dnsFactsFromPosture(p)).toMatchObject({
      domain: 'example.org',
      spf: 'valid',
      dmarc: { state: 'valid', policy: 'reject' },
    });
  });
});
