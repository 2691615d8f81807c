// The shared MX and TLSA lookups (lib/checks/mx-lookup.ts, lib/checks/tlsa-lookup.ts), derived
// from RFC 7505 (null MX) and RFC 7672 §2.2.2 (TLSA for a CNAME'd server name).
import { describe, expect, it } from 'vitest';
import { checkDnssec } from '../../../lib/checks/dnssec.ts';
import { checkMx } from '../../../lib/checks/mx.ts';
import { resolveHostAddresses, resolveMxHosts } from '../../../lib/checks/mx-lookup.ts';
import { checkTlsa } from '../../../lib/checks/tlsa.ts';
import { lookupTlsa } from '../../../lib/checks/tlsa-lookup.ts';
import type { FakeRecord, FakeZoneState } from '../../fixtures/dns/fake-doh.ts';
import { a, codes, fakeDns, mx } from './fake-zone.ts';

const DIGEST = 'cd'.repeat(32);
const tlsa = (host: string, data = DIGEST): FakeRecord => ({
  name: `_25._tcp.${host}`,
  type: 'TLSA',
  data: { usage: 3, selector: 1, matchingType: 1, data },
});
const cname = (name: string, target: string): FakeRecord => ({ name, type: 'CNAME', data: target });
const zones = (...list: [string, FakeZoneState['dnssec']][]) =>
  list.map(([apex, dnssec]) => ({ apex, dnssec }));

describe('null MX (RFC 7505)', () => {
  it('§3: "." is not a host, even beside real MX records; the mix is reported with the rule', async () => {
    const { dns } = fakeDns([
      mx('example.test', '.', 0),
      mx('example.test', 'mx.example.test', 10),
      a('mx.example.test'),
    ]);
    const set = await resolveMxHosts(dns, 'example.test');
    expect(set).toMatchObject({ status: 'ok', nullMx: true, nullMixed: true, hostCount: 1 });
    expect(set.hosts.map((h) => h.exchange)).toEqual(['mx.example.test']);
    const out = await checkMx(dns, 'example.test');
    expect(out.details?.hosts.map((h) => h.exchange)).toEqual(['mx.example.test']);
    const mixed = out.findings.find((f) => f.code === 'mx.null-mixed');
    expect(mixed?.evidence).toContain(
      'RFC 7505 §3: "A domain that advertises a null MX MUST NOT advertise any other MX RR."',
    );
    expect(mixed?.evidence).toContain('example.test MX 0 .');
    // RFC 7505 does not say what a sender does with the mix: the finding says receivers differ.
    expect(mixed?.message).toMatch(/receivers differ/);
  });

  it('§3: a null MX has preference 0; "." with another preference is still no host', async () => {
    const { dns } = fakeDns([mx('example.test', '.', 10)]);
    const set = await resolveMxHosts(dns, 'example.test');
    expect(set).toMatchObject({ status: 'null-mx', hosts: [], nullMxPreferences: [10] });
    const out = await checkMx(dns, 'example.test');
    expect(out.status).toBe('none');
    expect(codes(out)).toEqual(['mx.null', 'mx.null-preference']);
  });

  it('a null MX alone: no hosts, no implicit MX fallback to the domain address', async () => {
    const { dns } = fakeDns([mx('example.test', '.', 0), a('example.test')]);
    const set = await resolveMxHosts(dns, 'example.test');
    expect(set).toMatchObject({ status: 'null-mx', hosts: [], implicit: false, nullMixed: false });
  });
});

describe('MX order and caps (RFC 5321 §5.1)', () => {
  it('sorts by preference, then by name, and caps after sorting', async () => {
    const { dns } = fakeDns([
      mx('example.test', 'b.example.test', 10),
      mx('example.test', 'c.example.test', 5),
      mx('example.test', 'a.example.test', 10),
    ]);
    const set = await resolveMxHosts(dns, 'example.test', undefined, 2);
    expect(set.hosts.map((h) => `${h.preference} ${h.exchange}`)).toEqual([
      '5 c.example.test',
      '10 a.example.test',
    ]);
    expect(set.hostCount).toBe(3);
  });

  it('the implicit MX is secure only when the domain address records validate', async () => {
    const signed = await resolveMxHosts(
      fakeDns([a('example.test')], { zones: zones(['example.test', 'secure']) }).dns,
      'example.test',
    );
    expect(signed).toMatchObject({ status: 'implicit', secure: true });
    const unsigned = await resolveMxHosts(fakeDns([a('example.test')]).dns, 'example.test');
    expect(unsigned).toMatchObject({ status: 'implicit', secure: false });
  });
});

describe('TLSA lookup for a CNAME MX host (RFC 7672 §2.2.2)', () => {
  const host = 'mx.example.test';
  const target = 'smtp.provider.test';
  const both = zones(['example.test', 'secure'], ['provider.test', 'secure']);
  const lookup = async (records: FakeRecord[], zoneList = both) => {
    const { dns } = fakeDns([cname(host, target), a(target), ...records], { zones: zoneList });
    return lookupTlsa(dns, host, await resolveHostAddresses(dns, host), undefined);
  };

  it('finds TLSA at the fully expanded name when the expansion is secure', async () => {
    const found = await lookup([tlsa(target)]);
    expect(found).toMatchObject({
      expanded: target,
      baseDomain: target,
      expansionSecure: true,
      hostSecure: true,
      tried: [target],
    });
    expect(found.answer.records).toHaveLength(1);
  });

  it('prefers the expanded name over the original name', async () => {
    const found = await lookup([tlsa(target, 'ee'.repeat(32)), tlsa(host)]);
    expect(found.baseDomain).toBe(target);
    expect(found.answer.records[0]?.data).toBe('ee'.repeat(32));
  });

  it('falls back to the original name when the expanded name has no TLSA', async () => {
    const found = await lookup([tlsa(host)]);
    expect(found).toMatchObject({ baseDomain: host, tried: [target, host] });
    expect(found.answer.records).toHaveLength(1);
  });

  it('an insecure expansion is not used: only the original name, whose CNAME validated', async () => {
    const mixed = zones(['example.test', 'secure'], ['provider.test', 'insecure']);
    const found = await lookup([tlsa(target), tlsa(host)], mixed);
    expect(found).toMatchObject({
      expansionSecure: false,
      hostSecure: true,
      baseDomain: host,
      tried: [host],
    });
  });

  it('an insecure alias makes DANE inapplicable however the target is signed', async () => {
    const found = await lookup(
      [tlsa(target)],
      zones(['example.test', 'insecure'], ['provider.test', 'secure']),
    );
    expect(found.hostSecure).toBe(false);
  });

  it('checkTlsa: TLSA only at the CNAME target is DANE that senders use', async () => {
    const { dns } = fakeDns(
      [mx('example.test', host), cname(host, target), a(target), tlsa(target)],
      { zones: both },
    );
    const out = await checkTlsa(dns, 'example.test');
    expect(out.status).toBe('pass');
    expect(out.details?.hosts[0]).toMatchObject({ host, baseDomain: target, usable: true });
    expect(out.records[0]).toContain(`_25._tcp.${target} TLSA 3 1 1`);
  });

  it('checkTlsa: TLSA at an insecurely reached target is not DANE', async () => {
    const { dns } = fakeDns(
      [mx('example.test', host), cname(host, target), a(target), tlsa(target)],
      { zones: zones(['example.test', 'secure'], ['provider.test', 'insecure']) },
    );
    const out = await checkTlsa(dns, 'example.test');
    expect(out.status).toBe('none');
  });

  it('checkDnssec: the TLSA question judges the records at the CNAME target too', async () => {
    const { dns } = fakeDns(
      [mx('example.test', host), cname(host, target), a(target), tlsa(target)],
      { zones: both },
    );
    const out = await checkDnssec(dns, 'example.test');
    expect(out.details?.hosts[0]).toMatchObject({ host, tlsa: 'secure' });
    expect(out.details?.tlsaSecure).toBe('secure');
  });
});
