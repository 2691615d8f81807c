// Shared set-up: zones signed at test time, a fake resolver over them, a validator anchored at
// the fake root's key, and a fixed clock.
import type { Buffer } from 'node:buffer';
import { trustAnchor } from '../../../../lib/dns/dnssec/trust-anchor.ts';
import { createValidator } from '../../../../lib/dns/dnssec/validator.ts';
import { buildZones, fakeResolver, NOW, type ZoneSpec } from './fake-resolver.ts';
import { dsOf, type Rec, type TestKey } from './fake-zones.ts';

export async function setup(specs: ZoneSpec[], nowSeconds = NOW) {
  const zones = await buildZones(specs);
  const resolver = fakeResolver(zones);
  const ds = await dsOf('', resolver.zone('').key as TestKey);
  const d = ds.data as { keyTag: number; algorithm: number; digestType: number; digest: Buffer };
  const anchor = trustAnchor('.', [
    {
      keyTag: d.keyTag,
      algorithm: d.algorithm,
      digestType: d.digestType,
      digest: d.digest.toString('hex'),
    },
  ]);
  const validator = createValidator({
    exchange: (n, t) => resolver.exchange(n, t),
    anchor,
    now: () => nowSeconds * 1000,
  });
  return { resolver, validator, zones, anchor };
}

export const A = (name: string, ip = '192.0.2.1'): Rec => ({ name, type: 'A', ttl: 300, data: ip });
export const CNAME = (name: string, target: string): Rec => ({
  name,
  type: 'CNAME',
  ttl: 300,
  data: target,
});
export const TXT = (name: string, text: string): Rec => ({
  name,
  type: 'TXT',
  ttl: 300,
  data: [text],
});
