import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associationData } from '../../../lib/probe/dane.ts';
import type { SessionRunner } from '../../../lib/probe/probe-domain.ts';
import { decodeSession, encodeSession } from '../../../lib/probe/session-codec.ts';
import type { SessionOptions, SessionResult } from '../../../lib/probe/smtp-session.ts';
import type { DomainProbeReport } from '../../../lib/probe/types.ts';
import { expectWorded } from '../checks/worded.ts';
import { type FakeZone, fakeDns } from './helpers/fake-dns.ts';
import { lookUpAndProbe } from './helpers/look-up-and-probe.ts';
import { startPolicyServer } from './helpers/policy-server.ts';
import { type Running, startSmtpServer } from './helpers/servers.ts';
import { createTestPki } from './helpers/test-pki.ts';

const pki = createTestPki();
const mxLeaf = pki.leaf({ cn: 'mx.example.test', sans: ['mx.example.test'] });
const policyLeaf = pki.leaf({ cn: 'mta-sts.example.test', sans: ['mta-sts.example.test'] });
const schema = JSON.parse(
  readFileSync(new URL('../../../docs/domain-probe-report.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(
  schema,
);

let smtp: Running;
let policyBody = '';
let policy: Awaited<ReturnType<typeof startPolicyServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer({
    key: mxLeaf.keyPem,
    cert: mxLeaf.certPem + pki.intermediate.certPem,
  });
  policy = await startPolicyServer(
    { key: policyLeaf.keyPem, cert: policyLeaf.certPem + pki.intermediate.certPem },
    () => ({ body: policyBody }),
  );
});
afterAll(async () => {
  await smtp.close();
  await policy.close();
});

const tlsa311 = associationData(new X509Certificate(mxLeaf.certPem), 1, 1);

function zone(extra: FakeZone = {}): FakeZone {
  return {
    'example.test MX': { records: [{ preference: 10, exchange: 'mx.example.test' }], secure: true },
    'mx.example.test A': { records: ['127.0.0.1'], secure: true },
    '_mta-sts.example.test TXT': { records: ['v=STSv1; id=1'] },
    'mta-sts.example.test A': { records: ['127.0.0.1'] },
    ...extra,
  };
}

async function probe(z: FakeZone, lab = true): Promise<DomainProbeReport> {
  const report = await lookUpAndProbe('example.test', {
    dns: fakeDns(z),
    lab,
    trustedRoots: [pki.root.certPem],
    smtpPort: smtp.port,
    httpsPort: policy.port,
    limits: { connectTimeoutMs: 1_000, replyTimeoutMs: 1_000, handshakeTimeoutMs: 1_000 },
  });
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  // Every finding and MTA-STS error reads in the reader's language (issue 16, "Languages").
  expectWorded([...report.findings, ...report.mx.flatMap((m) => m.findings)]);
  expectWorded(report.mtaSts.errors);
  return report;
}

describe('probeDomain', () => {
  it('authenticates with DANE, lets DANE take precedence over MTA-STS, and matches the schema', async () => {
    policyBody = 'version: STSv1\nmode: enforce\nmx: mx.example.test\nmax_age: 86400\n';
    const report = await probe(
      zone({
        '_25._tcp.mx.example.test TLSA': {
          records: [{ usage: 3, selector: 1, matchingType: 1, data: tlsa311 }],
          secure: true,
        },
      }),
    );
    const [mx] = report.mx;
    expect(mx?.addresses[0]?.starttls).toMatchObject({
      offered: true,
      negotiated: true,
      version: 'TLSv1.3',
    });
    expect(mx?.certificate).toMatchObject({
      pkixValid: true,
      hostnameMatch: 'mx',
      expired: false,
      selfSigned: false,
    });
    expect(mx?.dane).toMatchObject({ usable: true, matched: true });
    expect(mx?.mtaSts.matchesPolicy).toBe(true);
    expect(mx?.verdict.dane.outcome).toBe('authenticated-tls');
    expect(mx?.verdict.mtaSts).toMatchObject({ outcome: 'authenticated-tls', decidedBy: 'dane' });
    expect(mx?.verdict.opportunistic.outcome).toBe('unauthenticated-tls');
    expect(report.mtaSts).toMatchObject({ status: 'pass', mode: 'enforce', errors: [] });
    expect(smtp.commands.join(' ')).not.toMatch(/MAIL|RCPT|DATA/);
  });

  it('refuses under MTA-STS enforce when the mx pattern has a typo, and classifies it', async () => {
    policyBody = 'version: STSv1\nmode: enforce\nmx: mx.exmaple.test\nmax_age: 86400\n';
    const report = await probe(zone());
    expect(report.mx[0]?.mtaSts.matchesPolicy).toBe(false);
    expect(report.verdict.mtaSts).toMatchObject({ outcome: 'refuse', decidedBy: 'mta-sts' });
    expect(report.verdict.dane.outcome).toBe('unauthenticated-tls');
    expect(report.mtaSts.errors.map((e) => `${e.category}/${e.kind}`)).toEqual([
      'inconsistency/typo',
    ]);
    expect(report.mtaSts.status).toBe('fail');
  });

  it('delivers anyway in testing mode, saying why', async () => {
    policyBody = 'version: STSv1\nmode: testing\nmx: *.other.test\nmax_age: 86400\n';
    const report = await probe(zone());
    expect(report.verdict.mtaSts.outcome).toBe('unauthenticated-tls');
    expect(report.verdict.mtaSts.reason).toMatch(/testing/);
  });

  it('treats TLSA without DNSSEC as unusable and says so', async () => {
    policyBody = '';
    const report = await probe(
      zone({
        '_25._tcp.mx.example.test TLSA': {
          records: [{ usage: 3, selector: 1, matchingType: 1, data: tlsa311 }],
          secure: false,
        },
      }),
    );
    expect(report.mx[0]?.dane).toMatchObject({
      tlsaPresent: true,
      applicable: false,
      usable: false,
    });
    expect(report.mx[0]?.findings.map((f) => f.code)).toContain('dane.tlsa-without-dnssec');
    expect(report.mtaSts.errors.map((e) => e.kind)).toEqual(['empty']);
  });

  it('never connects to loopback outside lab mode, and calls that untested, not insecure', async () => {
    const report = await probe(zone(), false);
    const [address] = report.mx[0]?.addresses ?? [];
    expect(address?.cutOff?.reason).toBe('address-not-public');
    expect(address?.status).toBe('temperror');
    expect(report.verdict.opportunistic.outcome).toBe('untested');
  });

  it('reports a null MX without probing', async () => {
    const report = await probe({
      'example.test MX': { records: [{ preference: 0, exchange: '' }] },
    });
    expect(report.mxStatus).toBe('null-mx');
    expect(report.mx).toEqual([]);
  });

  it('RFC 7505 §3: never probes the null MX "." beside a real MX, and reports the mix', async () => {
    policyBody = '';
    const dns = fakeDns(
      zone({
        'example.test MX': {
          records: [
            { preference: 0, exchange: '' },
            { preference: 10, exchange: 'mx.example.test' },
          ],
          secure: true,
        },
      }),
    );
    const report = await lookUpAndProbe('example.test', {
      dns,
      lab: true,
      trustedRoots: [pki.root.certPem],
      smtpPort: smtp.port,
      httpsPort: policy.port,
    });
    expect(report.mx.map((m) => m.host)).toEqual(['mx.example.test']);
    expect(dns.queries.filter((q) => /^ (A|AAAA)$/.test(q))).toEqual([]);
    expect(report.mxStatus).toBe('ok');
    const mixed = report.findings.find((f) => f.code === 'mx.null-mixed');
    expect(mixed?.evidence).toContain('MUST NOT advertise any other MX RR');
  });

  it('a "." MX with a non-zero preference is still no host to probe', async () => {
    const report = await probe({
      'example.test MX': { records: [{ preference: 10, exchange: '' }] },
    });
    expect(report.mxStatus).toBe('null-mx');
    expect(report.mx).toEqual([]);
  });

  it('RFC 7672 §2.2.2: a CNAME MX host is authenticated by TLSA at the expanded name', async () => {
    policyBody = '';
    const seen: SessionOptions[] = [];
    const dns = fakeDns(
      zone({
        // The resolver follows mx.example.test CNAME smtp.provider.test, all validated.
        'mx.example.test A': {
          records: ['127.0.0.1'],
          cnameChain: ['smtp.provider.test'],
          secure: true,
        },
        '_25._tcp.smtp.provider.test TLSA': {
          records: [{ usage: 3, selector: 1, matchingType: 1, data: tlsa311 }],
          secure: true,
        },
      }),
    );
    const report = await lookUpAndProbe('example.test', {
      dns,
      lab: true,
      trustedRoots: [pki.root.certPem],
      smtpPort: smtp.port,
      httpsPort: policy.port,
      runSession: (options, connect) => {
        seen.push(options);
        return connect(options);
      },
    });
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const [mx] = report.mx;
    expect(mx?.dane).toMatchObject({
      baseDomain: 'smtp.provider.test',
      usable: true,
      matched: true,
    });
    expect(mx?.verdict.dane.outcome).toBe('authenticated-tls');
    // RFC 7672 §8.1: SNI is the TLSA base domain.
    expect(seen.map((o) => o.serverName)).toEqual(['smtp.provider.test']);
  });

  it('RFC 7672 §2.2.2: TLSA at an insecurely reached CNAME target is not used', async () => {
    policyBody = '';
    const report = await probe(
      zone({
        'mx.example.test A': {
          records: ['127.0.0.1'],
          cnameChain: ['smtp.provider.test'],
          secure: false,
        },
        'mx.example.test CNAME': { records: ['smtp.provider.test'], secure: true },
        '_25._tcp.smtp.provider.test TLSA': {
          records: [{ usage: 3, selector: 1, matchingType: 1, data: tlsa311 }],
          secure: true,
        },
      }),
    );
    expect(report.mx[0]?.dane).toMatchObject({
      baseDomain: 'mx.example.test',
      tlsaPresent: false,
      usable: false,
    });
    expect(report.mx[0]?.verdict.dane.outcome).toBe('unauthenticated-tls');
  });

  it('falls back to the implicit MX', async () => {
    policyBody = '';
    const report = await probe({ 'example.test A': { records: ['127.0.0.1'] } });
    expect(report.mxStatus).toBe('implicit');
    expect(report.mx[0]).toMatchObject({ host: 'example.test', implicit: true });
    expect(report.mx[0]?.certificate?.hostnameMatch).toBe('none');
  });
});

describe('probeDomain with a session runner (the service memo)', () => {
  it('runs each session through the runner, which may reuse one session for two domains', async () => {
    policyBody = 'version: STSv1\nmode: enforce\nmx: mx.example.test\nmax_age: 86400\n';
    const z = zone({
      'other.test MX': { records: [{ preference: 10, exchange: 'mx.example.test' }] },
    });
    const stored = new Map<string, Promise<SessionResult>>();
    const seen: SessionOptions[] = [];
    const runSession: SessionRunner = (options, connect) => {
      seen.push(options);
      const key = `${options.host}|${options.address}`;
      const session =
        stored.get(key) ?? connect(options).then((s) => decodeSession(encodeSession(s)));
      stored.set(key, session);
      return session;
    };
    const deps = {
      dns: fakeDns(z),
      lab: true,
      trustedRoots: [pki.root.certPem],
      smtpPort: smtp.port,
      httpsPort: policy.port,
      runSession,
    };
    const first = await lookUpAndProbe('example.test', deps);
    const second = await lookUpAndProbe('other.test', deps);
    expect(seen).toHaveLength(2);
    expect(stored.size).toBe(1);
    // Same session, but each domain keeps its own name match and MTA-STS judgement.
    expect(second.mx[0]?.addresses[0]?.transcript).toEqual(first.mx[0]?.addresses[0]?.transcript);
    expect(second.mx[0]?.certificate).toMatchObject({ pkixValid: true, hostnameMatch: 'mx' });
    expect(first.mtaSts.mode).toBe('enforce');
    expect(second.mtaSts.mode).toBeNull();
    expect(validate(second), JSON.stringify(validate.errors)).toBe(true);
  });
});
