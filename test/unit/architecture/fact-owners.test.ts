// One owner per fact (issue 18): lib/checks owns the DNS facts (MX, host addresses, the MTA-STS
// record, DNSSEC state, TLSA); lib/probe owns sockets, TLS, certificates, DANE matching and the
// policy fetch, and receives those facts (lib/checks/mail-facts.ts, via lib/assess). So lib/probe
// may use lib/checks' parsers and types, but none of its lookups, and asks DNS no MX, TLSA or TXT
// question of its own.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sourceFiles } from './source-tree.ts';

const read = (file: string) => readFileSync(join(root, file), 'utf8');

const EXPORTED_FUNCTION =
  /export\s+(?:async\s+)?function\s+(\w+)\s*(?:<[^(]*?>)?\(([\s\S]*?)\)\s*[:{]|export\s+const\s+(\w+)\s*=\s*(?:async\s*)?\(([\s\S]*?)\)\s*(?::[^=]*)?=>/g;

/** The exported functions of a source text that take a DNS client: they look something up. */
function lookupsIn(text: string): string[] {
  return [...text.matchAll(EXPORTED_FUNCTION)]
    .filter((m) => /\bDnsClient\b/.test(m[2] ?? m[4] ?? ''))
    .map((m) => m[1] ?? m[3] ?? '');
}

const NAMED_IMPORT = /import\s+(type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g;
const WHOLE_IMPORT =
  /import\s+\*\s+as\s+\w+\s+from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g;
const fromChecks = (specifier: string) => /(^|\/)checks\//.test(specifier);

/** The run-time names a source text imports from lib/checks, and whole-module imports of it. */
function checksImports(text: string): string[] {
  const named = [...text.matchAll(NAMED_IMPORT)]
    .filter((m) => m[1] === undefined && fromChecks(m[3] ?? ''))
    .flatMap((m) => (m[2] ?? '').split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('type '))
    .map((s) => s.split(/\s+as\s+/)[0] ?? s);
  const whole = [...text.matchAll(WHOLE_IMPORT)]
    .map((m) => m[1] ?? m[2] ?? '')
    .filter(fromChecks)
    .map((s) => `* from ${s}`);
  return [...named, ...whole];
}

/** DNS questions whose answers are lib/checks' facts. */
const FACT_QUERY = /\.query\(\s*[^,()]+,\s*['"](MX|TLSA|TXT)['"]/;

function violations(files: string[], lookups: ReadonlySet<string>): string[] {
  return files.flatMap((file) => {
    const text = read(file);
    const imported = checksImports(text)
      .filter((name) => lookups.has(name) || name.startsWith('* from'))
      .map((name) => `${file} imports ${name}`);
    const asked = FACT_QUERY.test(text)
      ? [`${file} asks DNS for ${FACT_QUERY.exec(text)?.[1]}`]
      : [];
    return [...imported, ...asked];
  });
}

describe('one owner per fact', () => {
  const lookups = new Set(sourceFiles('lib/checks').flatMap((file) => lookupsIn(read(file))));

  it('knows the lookups of lib/checks (guards the scan)', () => {
    for (const name of ['resolveMxHosts', 'resolveHostAddresses', 'lookupTlsa', 'lookupMailFacts'])
      expect(lookups, name).toContain(name);
    expect(lookups.has('readStsRecord')).toBe(false);
    expect(lookups.has('integrityOf')).toBe(false);
  });

  it('keeps the lookups of lib/checks out of lib/probe: the probe receives the DNS facts', () => {
    expect(violations(sourceFiles('lib/probe'), lookups)).toEqual([]);
  });

  it('catches a probe that looks a fact up again (guards the rule)', () => {
    const probe = [
      "import { lookupTlsa } from '../checks/tlsa-lookup.ts';",
      "import { type MxHostSet, resolveMxHosts as mx } from '../checks/mx.ts';",
      "import type { MailFacts } from '../checks/mail-facts.ts';",
      "import { readStsRecord } from '../checks/mta-sts-txt.ts';",
      "import * as checks from '../checks/index.ts';",
    ].join('\n');
    expect(checksImports(probe).filter((n) => lookups.has(n) || n.startsWith('*'))).toEqual([
      'lookupTlsa',
      'resolveMxHosts',
      '* from ../checks/index.ts',
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of a template literal
    expect(FACT_QUERY.test("await deps.dns.query(`_mta-sts.${domain}`, 'TXT')")).toBe(true);
    expect(FACT_QUERY.test("deps.dns.query(domain, 'MX', opts)")).toBe(true);
    expect(FACT_QUERY.test("options.dns.query(name, 'A')")).toBe(false);
  });
});
