// MailSeal's local DNSSEC validation against two reference validators on the same lab: delv
// (BIND) through the lab resolver, and unbound-host (libunbound) straight from the lab's knot.
// One test per query of each scenario declaring expect.dnssecReference (test/lab/scenarios/*.json);
// all three must give the state the catalogue expects (secure / insecure / bogus).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TYPE } from '../../lib/dns/dnssec/message.ts';
import { parseAnchorText } from '../../lib/dns/dnssec/trust-anchor.ts';
import { createDohClient } from '../../lib/dns/index.ts';
import { createUndiciTransport } from '../../lib/dns/node/undici-transport.ts';
import { createValidatingClient } from '../../lib/dns/validating-client.ts';
import { loadCatalogue } from '../lab/catalogue.ts';
import { requireLab } from '../lab/lab-info.ts';
import { exec } from '../lab/reference/exec.ts';

interface ReferenceQuery {
  name: string;
  type: keyof typeof TYPE;
  state: 'secure' | 'insecure' | 'bogus';
  /** Where delv labels a case differently, what it says (with a `note` in the catalogue why). */
  delv?: 'secure' | 'insecure' | 'bogus';
}

const lab = requireLab();
const undici = createUndiciTransport({ ca: lab.caCertPem });
afterAll(() => undici.close());

const anchor = parseAnchorText(lab.trustAnchor);
if (!anchor) throw new Error(`lab trust anchor unreadable: ${lab.trustAnchor}`);
const dns = createValidatingClient(
  createDohClient({ resolvers: [lab.dohUrl], transport: undici.transport, timeoutMs: 5_000 }),
  { anchor },
);

const dir = mkdtempSync(join(tmpdir(), 'mailseal-dnssec-ref-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// delv reads BIND's trust-anchors syntax; the lab's anchor is a DNSKEY line.
const keyLines = lab.trustAnchor
  .split('\n')
  .map((l) => l.trim().split(/\s+/))
  .filter((f) => f[3] === 'DNSKEY')
  .map((f) => `  ${f[0]} static-key ${f[4]} ${f[5]} ${f[6]} "${f.slice(7).join('')}";`);
const delvAnchor = join(dir, 'delv-anchor.conf');
writeFileSync(delvAnchor, `trust-anchors {\n${keyLines.join('\n')}\n};\n`);
const unboundConf = join(dir, 'unbound-host.conf');
writeFileSync(
  unboundConf,
  `server:\n  trust-anchor-file: "${lab.trustAnchorPath}"\n  do-not-query-localhost: no\n  do-ip6: no\n` +
    `stub-zone:\n  name: "lab."\n  stub-addr: ${lab.authoritative[0]}\n`,
);

async function delv(name: string, type: string): Promise<string> {
  const r = await exec('delv', [
    `@${lab.resolverAddress}`,
    '-a',
    delvAnchor,
    '+root=lab.',
    name,
    type,
  ]);
  const out = `${r.stdout}\n${r.stderr}`;
  // delv prints a status line per RRset ("; fully validated", "; unsigned answer", also after
  // "; negative response,"), so a CNAME and its target give two: the weakest decides. With no
  // status line at all it only says why resolution failed: bogus.
  if (/^; (negative response, )?unsigned answer/m.test(out)) return 'insecure';
  if (/^; (negative response, )?fully validated/m.test(out)) return 'secure';
  if (/resolution failed/.test(out)) return 'bogus';
  return `unrecognised: ${out.trim()}`;
}

async function unboundHost(name: string, type: string): Promise<string> {
  const r = await exec('unbound-host', ['-C', unboundConf, '-v', '-t', type, name]);
  const out = `${r.stdout}\n${r.stderr}`;
  if (/\(BOGUS/.test(out)) return 'bogus';
  if (/\(secure\)/.test(out)) return 'secure';
  if (/\(insecure\)/.test(out)) return 'insecure';
  return `unrecognised: ${out.trim()}`;
}

const cases = loadCatalogue().flatMap((s) =>
  ((s.expect.dnssecReference as ReferenceQuery[] | undefined) ?? []).map((q) => {
    const name = `${q.name === '@' ? '' : `${q.name}.`}${s.domain}`;
    return [`${s.name}: ${name} ${q.type}`, name, q] as const;
  }),
);

describe('local DNSSEC validation agrees with delv and unbound-host', () => {
  it('the catalogue declares reference queries', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)('%s', async (_label, name, q) => {
    const { verdict } = await dns.validator.validate(name, TYPE[q.type]);
    const [byDelv, byUnbound] = await Promise.all([delv(name, q.type), unboundHost(name, q.type)]);
    expect(
      { mailseal: verdict.state, delv: byDelv, unboundHost: byUnbound },
      verdict.detail,
    ).toEqual({
      mailseal: q.state,
      delv: q.delv ?? q.state,
      unboundHost: q.state,
    });
  });
});
