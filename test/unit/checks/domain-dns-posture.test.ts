import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { assessDomainDns } from '../../../lib/checks/index.ts';
import { DNS_CHECKS } from '../../../lib/checks/registry.ts';
import { createDohClient } from '../../../lib/dns/index.ts';
import { createFakeDoh } from '../../fixtures/dns/fake-doh.ts';
import { wellConfiguredDomain } from '../../fixtures/dns/posture-domain.ts';
import { countRounds } from '../../fixtures/dns/round-counter.ts';
import { RESOLVER } from './fake-zone.ts';

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../docs/domain-dns-posture.schema.json'), 'utf8'),
);

function setup() {
  const fake = createFakeDoh(wellConfiguredDomain());
  const rounds = countRounds(fake.transport);
  const dns = createDohClient({ resolvers: [RESOLVER], transport: rounds.transport });
  return { fake, rounds, dns };
}

describe('assessDomainDns', () => {
  it('assesses a well-configured domain: every check passes', async () => {
    const { dns } = setup();
    const posture = await assessDomainDns('Example.Test.', { dns, dkimSelectors: ['s1'] });
    expect(posture.domain).toBe('example.test');
    const statuses = Object.fromEntries(DNS_CHECKS.map((c) => [c.key, posture[c.key].status]));
    expect(statuses).toEqual({
      mx: 'pass',
      spf: 'pass',
      dmarc: 'pass',
      mtaSts: 'pass',
      tlsRpt: 'pass',
      bimi: 'pass',
      tlsa: 'pass',
      dnssec: 'pass',
      dkim: 'pass',
    });
    expect(posture.dnssec.details?.trust).toBe('resolver-ad-flag');
  });

  it('needs only the dependency-bound 2 sequential round trips, each question asked once', async () => {
    const { dns, rounds, fake } = setup();
    await assessDomainDns('example.test', { dns });
    expect(rounds.rounds()).toBe(2);
    const asked = fake.queries.map((q) => `${q.name}|${q.type}|${q.checkingDisabled}`);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('produces JSON valid against docs/domain-dns-posture.schema.json', async () => {
    const { dns } = setup();
    const posture = JSON.parse(JSON.stringify(await assessDomainDns('example.test', { dns })));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    const valid = validate(posture);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('keeps "could not test" apart: a dead resolver gives temperror everywhere, never fail', async () => {
    const dns = createDohClient({
      resolvers: [RESOLVER],
      transport: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const posture = await assessDomainDns('example.test', { dns });
    for (const key of [
      'mx',
      'spf',
      'dmarc',
      'mtaSts',
      'tlsRpt',
      'bimi',
      'tlsa',
      'dnssec',
      'dkim',
    ] as const) {
      expect([key, posture[key].status]).toEqual([key, 'temperror']);
    }
  });
});
