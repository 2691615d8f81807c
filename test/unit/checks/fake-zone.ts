// Test helpers: a DoH client over the in-process fake resolver, and record shorthands.
import { createDohClient } from '../../../lib/dns/index.ts';
import type { CheckOutcome } from '../../../lib/outcome.ts';
import {
  createFakeDoh,
  type FakeDohOptions,
  type FakeRecord,
} from '../../fixtures/dns/fake-doh.ts';

export const RESOLVER = 'https://doh.test/dns-query';

export function fakeDns(
  records: FakeRecord[],
  extra: Omit<Partial<FakeDohOptions>, 'records'> = {},
) {
  const fake = createFakeDoh({ records, ...extra });
  const dns = createDohClient({ resolvers: [RESOLVER], transport: fake.transport, timeoutMs: 200 });
  return { dns, fake };
}

export const txt = (name: string, data: string): FakeRecord => ({ name, type: 'TXT', data });
export const a = (name: string, data = '192.0.2.1'): FakeRecord => ({ name, type: 'A', data });
export const mx = (name: string, exchange: string, preference = 10): FakeRecord => ({
  name,
  type: 'MX',
  data: { preference, exchange },
});

export function codes(outcome: CheckOutcome<unknown>): string[] {
  return outcome.findings.map((f) => f.code);
}
