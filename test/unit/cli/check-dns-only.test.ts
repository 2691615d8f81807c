import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import { createFakeDoh } from '../../fixtures/dns/fake-doh.ts';
import { type FakeDohServer, serveFakeDoh } from '../../fixtures/dns/fake-doh-http.ts';
import { wellConfiguredDomain } from '../../fixtures/dns/posture-domain.ts';

let server: FakeDohServer;

beforeAll(async () => {
  const fake = createFakeDoh(wellConfiguredDomain('example.test'));
  server = await serveFakeDoh(fake.transport);
});
afterAll(() => server.close());

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('mailseal check --dns-only', () => {
  it('prints a readable report through a real HTTP DoH round trip', async () => {
    const { code, out } = await run([
      'check',
      'example.test',
      '--dns-only',
      '--resolver',
      server.url,
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/^example\.test: DNS posture/);
    expect(out).toMatch(/mx\s+ok\s+10 mx1\.example\.test, 20 mx2\.example\.test/);
    expect(out).toMatch(/spf\s+ok\s+all=fail, 2\/10 lookups, 0\/2 void/);
    expect(out).toMatch(/dnssec\s+ok\s+domain secure, MX secure/);
    expect(out).toContain('dkim     ok             estimate (no selector known)');
    expect(out).toContain(`DNSSEC as reported by ${server.url}`);
  });

  it('prints the DomainDnsPosture as JSON with --json', async () => {
    const { code, out } = await run([
      'check',
      'example.test',
      '--dns-only',
      '--json',
      '--resolver',
      server.url,
    ]);
    expect(code).toBe(0);
    const posture = JSON.parse(out);
    expect(posture).toMatchObject({
      domain: 'example.test',
      spf: { status: 'pass' },
      tlsa: { status: 'pass' },
    });
  });

  // Issue 17: one headline when no resolver answers, not the same error under every check, and
  // an exit code that says the domain could not be tested.
  it('says once that no resolver is reachable, and exits 3 (could not test)', async () => {
    const { code, out, err } = await run([
      'check',
      'example.test',
      '--dns-only',
      '--resolver',
      'http://127.0.0.1:9/dns-query',
    ]);
    expect(code).toBe(3);
    expect(err).toMatch(/^no DNS resolver reachable: offline\? \(asked http:\/\/127\.0\.0\.1:9/);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(out).toBe('');
    expect(`${out}${err}`).not.toMatch(/\bweak\b|spf|dmarc/i);
  });

  it('says a domain that does not exist does not exist, with no fix advice, and exits 4', async () => {
    for (const extra of [['--dns-only'], []]) {
      const { code, out, err } = await run([
        'check',
        'nowhere.example.test',
        ...extra,
        '--resolver',
        server.url,
      ]);
      expect(code).toBe(4);
      expect(err).toMatch(/^nowhere\.example\.test: does not exist \(NXDOMAIN/);
      expect(`${out}${err}`).not.toMatch(/spf|dmarc|publish|add a/i);
    }
  });

  it('rejects a resolver that is neither built in nor https', async () => {
    const { code, err } = await run([
      'check',
      'example.test',
      '--dns-only',
      '--resolver',
      'http://dns.example/q',
    ]);
    expect(code).toBe(2);
    expect(err).toContain('use cloudflare, google, quad9');
  });
});
