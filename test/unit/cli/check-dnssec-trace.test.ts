// `mailseal check --dnssec-trace`: the chain zone by zone and each answer's local verdict, over
// a real HTTP DoH round trip to zones signed at test time (lab mode supplies their anchor).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import { type FakeDohServer, serveFakeDoh } from '../../fixtures/dns/fake-doh-http.ts';
import { fakeDohTransport } from '../dns/dnssec/fake-doh.ts';
import { buildZones, fakeResolver } from '../dns/dnssec/fake-resolver.ts';
import { dsOf, type TestKey } from '../dns/dnssec/fake-zones.ts';

let server: FakeDohServer;
const labDir = mkdtempSync(join(tmpdir(), 'mailseal-trace-lab-'));
const saved = process.env.MAILSEAL_LAB_DIR;

beforeAll(async () => {
  // Real time: the CLI validates against the clock, so sign for now.
  const now = Math.floor(Date.now() / 1000);
  const window = { inception: now - 3600, expiration: now + 86400 };
  const zones = await buildZones([
    { apex: '', window },
    { apex: 'test', window },
    {
      apex: 'example.test',
      window,
      records: [
        {
          name: 'example.test',
          type: 'MX',
          ttl: 300,
          data: { preference: 10, exchange: 'mx.example.test' },
        },
        { name: 'mx.example.test', type: 'A', ttl: 300, data: '192.0.2.25' },
        // RFC 8463 §A.2's ed25519 key, so the DKIM key's protection can be judged.
        {
          name: 'sel._domainkey.example.test',
          type: 'TXT',
          ttl: 300,
          data: ['v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo='],
        },
        {
          name: '_smtp._tls.example.test',
          type: 'TXT',
          ttl: 300,
          data: ['v=TLSRPTv1; rua=mailto:t@example.test'],
        },
      ],
    },
    { apex: 'plain.test', unsigned: true, window, records: [] },
  ]);
  const resolver = fakeResolver(zones);
  server = await serveFakeDoh(fakeDohTransport(resolver));
  const ds = (await dsOf('', resolver.zone('').key as TestKey)).data as {
    keyTag: number;
    algorithm: number;
    digest: Buffer;
  };
  const anchor = `. IN DS ${ds.keyTag} ${ds.algorithm} 2 ${ds.digest.toString('hex')}\n`;
  writeFileSync(
    join(labDir, 'lab.json'),
    JSON.stringify({ dohUrl: server.url, caCertPem: '', trustAnchor: anchor }),
  );
  process.env.MAILSEAL_LAB_DIR = labDir;
});
afterAll(async () => {
  await server.close();
  if (saved === undefined) delete process.env.MAILSEAL_LAB_DIR;
  else process.env.MAILSEAL_LAB_DIR = saved;
});

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('mailseal check --dnssec-trace', () => {
  it('prints the chain zone by zone and each answer validated locally', async () => {
    const { code, out, err } = await run(['check', 'example.test', '--lab', '--dnssec-trace']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^\s+\.\s+secure\s+trust anchor$/m);
    expect(out).toMatch(/^\s+test\.\s+secure\s+DS at \. → DNSKEY$/m);
    expect(out).toMatch(/^\s+example\.test\.\s+secure\s+DS at test\. → DNSKEY$/m);
    expect(out).toContain('example.test MX: secure (signed, validated locally)');
    expect(out).toContain('mx.example.test A: secure (signed, validated locally)');
    expect(out).toContain(
      '_25._tcp.mx.example.test TLSA: secure (denial-proven, validated locally)',
    );
  });

  it('--json gives each answer with its state, reason, source and trace', async () => {
    const { out } = await run(['check', 'plain.test', '--lab', '--dnssec-trace', '--json']);
    const answers = JSON.parse(out) as {
      name: string;
      type: string;
      state: string;
      reason: string;
    }[];
    expect(answers.find((a) => a.type === 'MX')).toMatchObject({
      name: 'plain.test',
      state: 'insecure',
      reason: 'unsigned-delegation',
      source: 'validated-locally',
    });
  });

  it('the DNS posture report says the DNSSEC verdicts were validated locally', async () => {
    const { out } = await run(['check', 'example.test', '--lab', '--dns-only']);
    expect(out).toContain('DNSSEC validated locally from the trust anchor');
    expect(out).not.toContain("the resolver's word");
  });

  it('labels each DNSSEC verdict of the posture and says whether the DKIM key is protected', async () => {
    const { out } = await run([
      'check',
      'example.test',
      '--lab',
      '--dns-only',
      '--dkim-selector',
      'sel',
    ]);
    expect(out).toMatch(/^\s+dnssec\s+ok\s+.*\[validated locally\]$/m);
    expect(out).toMatch(/^\s+tls-rpt\s+ok\s+.*\[record DNSSEC-signed, validated locally\]$/m);
    expect(out).toMatch(
      /^\s+dkim\s+ok\s+sel: ed25519 256 bits; key DNSSEC secure at example\.test\. \(signed\) \[validated locally\]$/m,
    );
  });

  it("--dnssec resolver: every DNSSEC verdict is labelled the resolver's word", async () => {
    const args = ['check', 'example.test', '--lab', '--dns-only', '--dnssec', 'resolver'];
    const { out } = await run([...args, '--dkim-selector', 'sel']);
    expect(out).toMatch(/^\s+dnssec\s+.*\[resolver's word\]$/m);
    expect(out).toMatch(/^\s+tls-rpt\s+.*\[record not DNSSEC-signed, resolver's word\]$/m);
    expect(out).toMatch(/key DNSSEC insecure \(resolver-ad-flag\) \[resolver's word\]$/m);
    expect(out).not.toContain('[validated locally]');
    const trace = await run([
      'check',
      'example.test',
      '--lab',
      '--dnssec-trace',
      '--dnssec',
      'resolver',
    ]);
    expect(trace.out).toContain("the resolver's word, no chain validated locally");
    expect(trace.out).toContain("example.test MX: insecure (resolver-ad-flag, resolver's word)");
  });
});
