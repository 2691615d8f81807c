import { describe, expect, it } from 'vitest';
import {
  isPublicAddress,
  nonPublicReason,
  refusedAddressReason,
} from '../../../lib/probe/address-guard.ts';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['145.100.0.1'],
    ['2001:4860:4860::8888'],
    ['2a00:1450:4001:80b::200e'],
    // Transition forms that embed a public IPv4 address in a routable prefix.
    ['2002:0808:0808::1'], // 6to4, RFC 3056 §2
    ['64:ff9b::8.8.8.8'], // NAT64 well-known prefix, RFC 6052 §2.1
    ['64:ff9b::808:808'],
  ])('%s is public', (address) => {
    expect(nonPublicReason(address)).toBeNull();
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.0.0.53', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.99', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:7f00:0001::1', 'loopback'],
    ['[::1]', 'loopback'],
    // Issue 14: transition forms whose prefix is not routable, even with a public address inside.
    ['::ffff:8.8.8.8', 'ipv4-mapped'], // RFC 4291 §2.5.5.2
    ['::ffff:808:808', 'ipv4-mapped'],
    ['0:0:0:0:0:ffff:0808:0808', 'ipv4-mapped'],
    ['::8.8.8.8', 'ipv4-compatible'], // RFC 4291 §2.5.5.1, deprecated
    ['::808:808', 'ipv4-compatible'],
    ['::0.0.0.2', 'unspecified'], // the embedded address is judged first
    ['::10.1.2.3', 'private'],
    ['::169.254.169.254', 'metadata'],
    ['::ffff:0:8.8.8.8', 'reserved'], // SIIT IPv4-translated ::ffff:0:0:0/96, not global
    ['64:ff9b::192.168.0.1', 'private'], // RFC 6052 §3.1: never non-global IPv4
    ['64:ff9b::169.254.169.254', 'metadata'],
    ['64:ff9b:1::8.8.8.8', 'translation'], // local-use NAT64, RFC 8215
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'ietf-protocol'], // Teredo, RFC 4380 §4
    ['2001::8.8.8.8', 'ietf-protocol'],
    ['2002:c0a8:0101::1', 'private'], // 6to4 of 192.168.1.1
    ['2002:a9fe:a9fe::1', 'metadata'], // 6to4 of 169.254.169.254
    ['not-an-ip', 'invalid'],
    ['1.2.3', 'invalid'],
    ['1.2.3.256', 'invalid'],
    ['1::2::3', 'invalid'],
  ])('%s is not public (%s)', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('refusedAddressReason: lab mode adds loopback and nothing else (issue 14)', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])('%s allowed in lab mode', (a) => {
    expect(refusedAddressReason(a, true)).toBeNull();
    expect(refusedAddressReason(a, false)).toBe('loopback');
  });
  it.each([
    ['169.254.169.254', 'metadata'],
    ['10.0.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['172.16.0.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['169.254.1.1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['::ffff:8.8.8.8', 'ipv4-mapped'],
  ])('%s still refused in lab mode (%s)', (address, reason) => {
    expect(refusedAddressReason(address, true)).toBe(reason);
  });
});
