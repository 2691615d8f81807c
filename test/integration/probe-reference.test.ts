// Agreement with reference tools on every lab scenario with expect.probe: posttls-finger (STARTTLS,
// TLS version, certificate level, DANE), ldns-dane (TLSA matching), mta-sts-query (policy fetch).
// Intended differences are listed in INTENDED with their reason (also in docs/probe.md).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeProbeDeps } from '../../lib/probe/node-deps.ts';
import type { DomainProbeReport, MxProbe } from '../../lib/probe/types.ts';
import { loadCatalogue } from '../lab/catalogue.ts';
import { findScenario, requireLab } from '../lab/lab-info.ts';
import { exec } from '../lab/reference/exec.ts';
import { fingerDane, fingerPermissive, fingerSecure } from '../lab/reference/posttls-finger.ts';
import { lookUpAndProbe } from '../unit/probe/helpers/look-up-and-probe.ts';

const lab = requireLab();
const deps = createNodeProbeDeps({ resolvers: [lab.dohUrl], labCaPem: lab.caCertPem });
// Every scenario with probe expectations, and every DANE and MTA-STS scenario (the reference
// tools decide those even where the catalogue states no probe expectation).
const scenarios = loadCatalogue().filter(
  (s) => s.expect.probe !== undefined || s.group === 'dane' || s.group === 'mta-sts',
);
const reports = new Map<string, DomainProbeReport>();
const work = mkdtempSync(join(tmpdir(), 'mailseal-probe-ref-'));

/** Where MailSeal is right to differ from a reference tool, and why. */
const INTENDED: Record<string, string> = {
  'tls10only/mx1:level':
    'MailSeal probes with SECLEVEL=0 and TLS 1.0 allowed to report what a legacy server offers; posttls-finger at OpenSSL 3 defaults refuses the TLS 1.0 handshake.',
  'danebogus/mx1:level':
    'The MX RRset is bogus, so MailSeal never learns the MX (could not test); posttls-finger is pointed at the address directly.',
  'danebogusds/mx1:level': 'As danebogus: the MX lookup fails validation, MailSeal does not probe.',
  'daneta:ldns-dane':
    'ldns-dane offline (-c/-t) reports a hostname mismatch for DANE-TA although the leaf names the MX host; posttls-finger -l dane verifies daneta, as MailSeal does.',
  'danetaroot:ldns-dane':
    'As daneta: ldns-dane offline reports a hostname mismatch for DANE-TA; posttls-finger -l dane verifies danetaroot (2 1 0 root key from DNS), as MailSeal does.',
  'danetadnsonly:ldns-dane':
    'ldns-dane offline (-c/-t) only matches certificates of the chain as given, so a 2 0 0 anchor that the server leaves out (RFC 7671 §5.2.2) finds no match; posttls-finger -l dane verifies danetadnsonly, as MailSeal does.',
  'stsbadid:mta-sts':
    'mta-sts-query accepts an id containing "-"; RFC 8461 §3.1 allows 1-32 letters and digits only, so MailSeal treats the record as invalid (MTA-STS study §4.3.2).',
};

beforeAll(async () => {
  for (const scenario of scenarios) {
    reports.set(
      scenario.name,
      await lookUpAndProbe(scenario.domain, {
        ...deps,
        limits: { replyTimeoutMs: 3_000, handshakeTimeoutMs: 3_000 },
      }),
    );
  }
}, 300_000);
afterAll(() => deps.close());

/** posttls-finger's level for one MX as MailSeal sees it (lab CA only, MX host name). */
function mailsealLevel(mx: MxProbe): string {
  const a = mx.addresses[0];
  if (!a || a.status === 'temperror') return 'failed';
  if (!a.starttls.offered) return 'no-starttls';
  if (!a.starttls.negotiated) return 'handshake-failed';
  const cert = a.certificate;
  if (!cert?.pkixValid) return 'untrusted';
  // posttls-finger -l secure calls a name mismatch "Untrusted".
  return cert.matchesMxHost ? 'verified' : 'untrusted';
}

function mailsealDane(report: DomainProbeReport): string {
  if (report.mxStatus === 'temperror') return 'dns-error';
  const mx = report.mx[0];
  if (!mx) return 'none';
  if (mx.dane.lookupError) return 'dns-error';
  if (!mx.dane.usable) return 'none';
  return mx.dane.matched ? 'verified' : 'mismatch';
}

const postfixListeners = scenarios.flatMap((scenario) =>
  findScenario(lab, scenario.name)
    .mx.filter((mx) => mx.server === 'postfix')
    .map((mx) => [`${scenario.name}/${mx.id}`, scenario.name, mx.hostname, mx.address] as const),
);

describe('posttls-finger agrees on STARTTLS, TLS version and certificate level', () => {
  it.each(postfixListeners)('%s', async (label, name, hostname, address) => {
    if (INTENDED[`${label}:level`]) return;
    // A listener behind a CNAME'd MX name (danecname) is reported under the MX name.
    const mx = reports
      .get(name)
      ?.mx.find((m) => m.host === hostname || m.addresses.some((a) => a.address === address));
    expect(mx).toBeDefined();
    if (!mx) return;
    // posttls-finger matches the certificate against the name MailSeal calls the MX host.
    const [secure, permissive] = await Promise.all([
      fingerSecure(lab, address, mx.host),
      fingerPermissive(lab, address),
    ]);
    if (INTENDED[`${label}:level`]) return;
    expect(mailsealLevel(mx), secure.transcript).toBe(secure.level);
    const version = mx.addresses[0]?.starttls.version;
    if (permissive.tlsVersion) expect(version).toBe(permissive.tlsVersion);
  });
});

const daneScenarios = scenarios
  .filter((s) => s.group === 'dane' || s.name === 'allgood')
  .map((s) => [s.name] as const);

describe('posttls-finger -l dane agrees on the DANE outcome', () => {
  it.each(daneScenarios)('%s', async (name) => {
    const report = reports.get(name);
    if (!report) throw new Error('not probed');
    const reference = await fingerDane(lab, report.domain);
    if (INTENDED[`${name}:dane`]) return;
    expect(mailsealDane(report), reference.transcript).toBe(reference.dane);
  });
});

describe('ldns-dane agrees on TLSA matching', () => {
  const withTlsa = scenarios.map((s) => [s.name] as const);
  it.each(withTlsa)('%s', async (name) => {
    const report = reports.get(name);
    const mx = report?.mx[0];
    const cert = mx?.certificate;
    const usable = mx?.dane.records.filter((r) => r.usable) ?? [];
    if (!mx || !cert || usable.length === 0) return; // nothing DANE-usable to compare
    const chainFile = join(work, `${name}.pem`);
    const tlsaFile = join(work, `${name}.tlsa`);
    writeFileSync(chainFile, cert.chain.map((c) => c.pem).join(''));
    writeFileSync(
      tlsaFile,
      usable
        .map(
          (r) =>
            `_25._tcp.${mx.dane.baseDomain}. 300 IN TLSA ${r.usage} ${r.selector} ${r.matchingType} ${r.data}\n`,
        )
        .join(''),
    );
    // -d: the TLSA came DNSSEC-validated from the lab resolver; -n: DANE-EE ignores names.
    const result = await exec('ldns-dane', ['-n', '-d', '-c', chainFile, '-t', tlsaFile, 'verify']);
    if (INTENDED[`${name}:ldns-dane`]) return;
    expect(mx.dane.matched, result.stdout + result.stderr).toBe(result.code === 0);
  });
});

describe('mta-sts-query agrees on the policy fetch', () => {
  const stsScenarios = scenarios
    .filter((s) => s.group === 'mta-sts' || s.name === 'allgood')
    .map((s) => [s.name] as const);
  it.each(stsScenarios)('%s', async (name) => {
    const report = reports.get(name);
    if (!report) throw new Error('not probed');
    const resolv = join(work, 'resolv.conf');
    writeFileSync(resolv, `nameserver ${lab.resolverAddress}\noptions edns0 trust-ad\n`);
    const script = 'mount --bind "$0" /etc/resolv.conf && exec mta-sts-query "$@"';
    const out = await exec('unshare', ['-m', 'sh', '-c', script, resolv, report.domain], {
      env: { ...process.env, SSL_CERT_FILE: lab.caCertPath },
      timeoutMs: 60_000,
    });
    const referenceValid = /STSFetchResult\.VALID/.test(out.stdout);
    // A sender uses the policy only with one valid record and a valid policy.
    const mailsealValid = report.mtaSts.record.valid && report.mtaSts.mode !== null;
    if (INTENDED[`${name}:mta-sts`]) return;
    expect(mailsealValid, out.stdout + out.stderr).toBe(referenceValid);
    if (referenceValid) expect(out.stdout).toContain(`'mode': '${report.mtaSts.mode}'`);
  });
});
