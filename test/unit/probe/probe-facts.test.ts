// lib/probe works from the DNS facts lib/checks looked up (issue 18, one owner per fact): given
// `MailFacts`, the probe asks DNS for nothing but the MTA-STS policy host's addresses, and it
// connects only to the addresses the facts carry, public ones only outside lab mode.

import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { lookupMailFacts } from '../../../lib/checks/mail-facts.ts';
import { probeDomain } from '../../../lib/probe/probe-domain.ts';
import { nodeTransport, type ProbeTransport } from '../../../lib/probe/transport.ts';
import { type FakeZone, fakeDns } from './helpers/fake-dns.ts';

/** A loopback port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const ZONE: FakeZone = {
  'example.test MX': { records: [{ preference: 10, exchange: 'MX.Example.Test.' }], secure: true },
  'mx.example.test A': { records: ['127.0.0.1'], secure: true },
  '_mta-sts.example.test TXT': { records: ['v=STSv1; id=1'] },
  'mta-sts.example.test A': { records: ['127.0.0.1'] },
};

async function probeFromFacts(zone: FakeZone, lab: boolean) {
  const facts = lookupMailFacts(fakeDns(zone), 'Example.Test.');
  const probeDns = fakeDns(zone);
  const port = await closedPort();
  const connects: string[] = [];
  const transport: ProbeTransport = {
    ...nodeTransport,
    connect: (address, toPort, timeoutMs) => {
      connects.push(address);
      return nodeTransport.connect(address, toPort, timeoutMs);
    },
  };
  const report = await probeDomain(facts, {
    dns: probeDns,
    transport,
    lab,
    smtpPort: port,
    httpsPort: port,
    limits: { connectTimeoutMs: 1_000, replyTimeoutMs: 1_000, handshakeTimeoutMs: 1_000 },
  });
  return { report, asked: probeDns.queries, connects };
}

describe('probeDomain from MailFacts', () => {
  it('asks DNS only for the policy host: MX, addresses, TLSA and the _mta-sts record are facts', async () => {
    const { report, asked, connects } = await probeFromFacts(ZONE, true);
    expect(connects).toEqual(['127.0.0.1']);
    expect(asked.sort()).toEqual(['mta-sts.example.test A', 'mta-sts.example.test AAAA']);
    // The facts' MX host, normalised, with the facts' DNSSEC state and address.
    expect(report.domain).toBe('example.test');
    expect(report.mxDnssecSecure).toBe(true);
    expect(report.mx.map((m) => [m.host, m.preference])).toEqual([['mx.example.test', 10]]);
    expect(report.mx[0]?.addresses.map((a) => a.address)).toEqual(['127.0.0.1']);
    // The record came from the facts: the policy fetch was tried (refused port), not skipped.
    expect(report.mtaSts.record).toMatchObject({ present: true, id: '1', valid: true });
    expect(report.mtaSts.errors.some((e) => e.category === 'policy-fetch')).toBe(true);
  });

  it('without a _mta-sts record among the facts it asks DNS nothing at all', async () => {
    const { '_mta-sts.example.test TXT': _record, ...zone } = ZONE;
    const { report, asked } = await probeFromFacts(zone, true);
    expect(asked).toEqual([]);
    expect(report.mtaSts.record.present).toBe(false);
  });

  it('outside lab mode never connects to the loopback address the facts carry', async () => {
    const { report, connects } = await probeFromFacts(ZONE, false);
    expect(connects).toEqual([]);
    const [address] = report.mx[0]?.addresses ?? [];
    expect(address?.address).toBe('127.0.0.1');
    expect(address?.starttls.negotiated).toBe(false);
    expect(address?.transcript.join('\n')).toMatch(/127\.0\.0\.1 is loopback/);
  });
});
