// Local DNSSEC validation figures for `npm run bench:dns`: sequential round trips added over the
// AD-flag path (cold, with the root and TLD primed, warm), CPU time per validated answer, and
// the validator's size in the extension's background bundle. Zones are signed in-process
// (test/unit/dns/dnssec/fake-resolver.ts) and served over the real DoH client.
import { gzipSync } from 'node:zlib';
import { trustAnchor } from '../lib/dns/dnssec/trust-anchor.ts';
import { createDohClient } from '../lib/dns/doh-client.ts';
import { createValidatingClient } from '../lib/dns/validating-client.ts';
import { countRounds } from '../test/fixtures/dns/round-counter.ts';
import { fakeDohTransport } from '../test/unit/dns/dnssec/fake-doh.ts';
import { buildZones, fakeResolver, NOW } from '../test/unit/dns/dnssec/fake-resolver.ts';
import { dsOf, type Rec, type TestKey } from '../test/unit/dns/dnssec/fake-zones.ts';

const RESOLVER = 'https://bench.invalid/dns-query';

function mailRecords(apex: string): Rec[] {
  return [
    { name: apex, type: 'MX', ttl: 300, data: { preference: 10, exchange: `mx.${apex}` } },
    { name: `mx.${apex}`, type: 'A', ttl: 300, data: '192.0.2.25' },
    { name: `_dmarc.${apex}`, type: 'TXT', ttl: 300, data: ['v=DMARC1; p=reject'] },
  ];
}

async function world(algorithm: 8 | 13) {
  const zones = await buildZones([
    { apex: '', algorithm: 8 },
    { apex: 'com', algorithm: 8, denial: 'nsec3', nsec3: { optOut: true } },
    { apex: 'one.com', algorithm, records: mailRecords('one.com') },
    { apex: 'two.com', algorithm, records: mailRecords('two.com') },
  ]);
  const resolver = fakeResolver(zones);
  const d = (await dsOf('', resolver.zone('').key as TestKey)).data as {
    keyTag: number;
    algorithm: number;
    digestType: number;
    digest: Buffer;
  };
  const anchor = trustAnchor('.', [{ ...d, digest: d.digest.toString('hex') }]);
  return { resolver, anchor };
}

async function rounds(algorithm: 8 | 13) {
  const { resolver, anchor } = await world(algorithm);
  const counter = countRounds(fakeDohTransport(resolver), 20);
  const inner = createDohClient({
    resolvers: [RESOLVER],
    transport: counter.transport,
    cache: false,
  });
  const dns = createValidatingClient(inner, { anchor, now: () => NOW * 1000 });
  const measure = async (run: () => Promise<unknown>) => {
    const before = counter.rounds();
    await run();
    return counter.rounds() - before;
  };
  const ad = await measure(() => inner.query('one.com', 'MX'));
  const cold = await measure(() => dns.query('one.com', 'MX'));
  const warmSameZone = await measure(() => dns.query('_dmarc.one.com', 'TXT'));
  const fresh = createValidatingClient(inner, { anchor, now: () => NOW * 1000 });
  await fresh.validator.prime(['.', 'com.']);
  const primed = await measure(() => fresh.query('two.com', 'MX'));
  return { ad, cold, primed, warmSameZone };
}

async function cpuPerAnswer(algorithm: 8 | 13, runs = 300) {
  const { resolver, anchor } = await world(algorithm);
  const inner = createDohClient({ resolvers: [RESOLVER], transport: fakeDohTransport(resolver) });
  const dns = createValidatingClient(inner, { anchor, now: () => NOW * 1000 });
  await dns.query('one.com', 'MX');
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i++) await dns.validator.validate('one.com', 15);
  const used = process.cpuUsage(before);
  const coldBefore = process.cpuUsage();
  const cold = createValidatingClient(inner, { anchor, now: () => NOW * 1000 });
  await cold.validator.validate('one.com', 15);
  const coldUsed = process.cpuUsage(coldBefore);
  return { warmUs: (used.user + used.system) / runs, coldUs: coldUsed.user + coldUsed.system };
}

async function bundleBytes(): Promise<{ min: number; gzip: number }> {
  // Rolldown is the bundler Vite (and so WXT) uses for the extension.
  const { build } = await import('rolldown');
  const out = await build({
    input: 'lib/dns/validating-client.ts',
    // Already in the background for other reasons: dns-packet and buffer (lib/dns), tldts (the
    // header engine's organizational domains; the validator uses it to guess a likely signer).
    external: ['buffer', 'dns-packet', 'tldts'],
    platform: 'browser',
    output: { format: 'esm', minify: true },
    write: false,
  });
  const code = Buffer.from(out.output[0].code);
  return { min: code.length, gzip: gzipSync(code).length };
}

export async function benchDnssec(): Promise<{ lines: string[]; ok: boolean }> {
  const lines: string[] = [
    '',
    'local DNSSEC validation (DO=1, CD=1, chain from the trust anchor):',
  ];
  lines.push(
    '| zone algorithm | AD-flag path | cold, nothing cached | root + TLD primed | warm (same zone) | extra cold (primed) | extra warm |',
  );
  lines.push('|---|---|---|---|---|---|---|');
  let ok = true;
  for (const alg of [13, 8] as const) {
    const r = await rounds(alg);
    const extraPrimed = r.primed - r.ad;
    const extraWarm = r.warmSameZone - r.ad;
    // Since issue 16 the likely signer's DS and DNSKEY go out beside the answer: a new domain
    // under a primed TLD costs no round trip more than the AD-flag path, and a cold chain none
    // either (everything below the anchor is asked in the answer's own round).
    ok &&= r.cold - r.ad <= 0 && extraPrimed <= 0 && extraWarm <= 0;
    lines.push(
      `| ${alg === 13 ? 'ECDSA P-256 (13)' : 'RSA/SHA-256 (8)'} | ${r.ad} | ${r.cold} (target ${r.ad}) | ${r.primed} | ${r.warmSameZone} | ${extraPrimed} (target 0) | ${extraWarm} (target 0) |`,
    );
  }
  lines.push(
    '',
    '| zone algorithm | CPU per validated answer (chain cached) | CPU for a cold chain root → com → one.com + answer |',
    '|---|---|---|',
  );
  for (const alg of [13, 8] as const) {
    const c = await cpuPerAnswer(alg);
    lines.push(
      `| ${alg === 13 ? 'ECDSA P-256 (13)' : 'RSA/SHA-256 (8)'} | ${(c.warmUs / 1000).toFixed(2)} ms | ${(c.coldUs / 1000).toFixed(1)} ms |`,
    );
  }
  const size = await bundleBytes();
  lines.push(
    '',
    `validator in the background bundle (lib/dns/validating-client.ts and lib/dns/dnssec/, minified, dns-packet, buffer and tldts excluded as already bundled): ${(size.min / 1024).toFixed(1)} KiB, ${(size.gzip / 1024).toFixed(1)} KiB gzip`,
  );
  return { lines, ok };
}
