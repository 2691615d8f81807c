// `mailseal check --dkim-selector`: the named keys are fetched and judged instead of the estimate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import { createFakeDoh } from '../../fixtures/dns/fake-doh.ts';
import { type FakeDohServer, serveFakeDoh } from '../../fixtures/dns/fake-doh-http.ts';
import { wellConfiguredDomain } from '../../fixtures/dns/posture-domain.ts';

let server: FakeDohServer;

beforeAll(async () => {
  // The well-configured domain publishes an ed25519 key at s1._domainkey.
  const fake = createFakeDoh(wellConfiguredDomain('example.test'));
  server = await serveFakeDoh(fake.transport);
});
afterAll(() => server.close());

async function posture(extra: string[]) {
  let out = '';
  const code = await runCli(
    ['check', 'example.test', '--dns-only', '--json', '--resolver', server.url, ...extra],
    { out: (t) => (out += t), err: () => {} },
  );
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe('mailseal check --dkim-selector', () => {
  it('without a selector, DKIM is MECSA’s estimate', async () => {
    expect((await posture([])).dkim).toMatchObject({ status: 'pass', details: { estimate: true } });
  });

  it('fetches and judges the key of a named selector', async () => {
    const { dkim } = await posture(['--dkim-selector', 's1']);
    expect(dkim).toMatchObject({
      status: 'pass',
      details: { estimate: false, keys: [{ selector: 's1', keyType: 'ed25519', bits: 256 }] },
    });
  });

  it('reports a selector without a key as missing', async () => {
    const { dkim } = await posture(['--dkim-selector', 's1', 'gone']);
    expect(dkim.status).toBe('fail');
    expect(dkim.findings.map((f: { code: string }) => f.code)).toContain('dkim.key-missing');
  });
});
