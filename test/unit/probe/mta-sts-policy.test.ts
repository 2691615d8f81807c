import { describe, expect, it } from 'vitest';
import type { DnsAnswer } from '../../../lib/dns/types.ts';
import { assessHosting } from '../../../lib/probe/mta-sts-hosting.ts';
import {
  classifyInconsistency,
  editDistance,
  matchingPattern,
} from '../../../lib/probe/mta-sts-mx-match.ts';
import { parseMtaStsPolicy } from '../../../lib/probe/mta-sts-policy.ts';
import { assessMtaStsRecord } from '../../../lib/probe/mta-sts-record.ts';

const kinds = (raw: string) => parseMtaStsPolicy(raw).errors.map((e) => e.kind);

describe('parseMtaStsPolicy', () => {
  it('parses a valid CRLF policy', () => {
    const { policy, errors } = parseMtaStsPolicy(
      'version: STSv1\r\nmode: enforce\r\nmx: mx.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n',
    );
    expect(errors).toEqual([]);
    expect(policy).toMatchObject({
      version: 'STSv1',
      mode: 'enforce',
      maxAge: 604800,
      mx: ['mx.example.com', '*.example.net'],
    });
  });
  it('flags an empty file', () => expect(kinds('')).toEqual(['empty']));
  it('flags a wrong version', () =>
    expect(kinds('version: STSv2\nmode: none\nmax_age: 1\n')).toEqual(['version']));
  it('flags a bad mode', () =>
    expect(kinds('version: STSv1\nmode: strict\nmax_age: 1\nmx: a.b\n')).toContain('mode'));
  it('flags max_age out of range', () =>
    expect(kinds('version: STSv1\nmode: none\nmax_age: 31557601\n')).toEqual(['max-age']));
  it('flags a missing max_age', () =>
    expect(kinds('version: STSv1\nmode: none\n')).toEqual(['max-age']));
  it('flags enforce without mx lines', () =>
    expect(kinds('version: STSv1\nmode: enforce\nmax_age: 86400\n')).toEqual(['mx']));
  it.each([['postmaster@example.com'], ['mx.example.com.'], ['mx*.example.com'], ['localhost']])(
    'flags the bad mx pattern %s',
    (mx) => {
      expect(kinds(`version: STSv1\nmode: testing\nmax_age: 86400\nmx: ${mx}\n`)).toContain('mx');
    },
  );
  it('flags a line without a colon', () =>
    expect(kinds('version: STSv1\nmode none\nmax_age: 1\n')).toContain('line'));
});

describe('matchingPattern', () => {
  const patterns = ['mx1.example.com', '*.mail.example.net'];
  it('matches exact names case-insensitively', () =>
    expect(matchingPattern('MX1.example.com.', patterns)).toBe('mx1.example.com'));
  it('matches one label under a wildcard', () =>
    expect(matchingPattern('a.mail.example.net', patterns)).toBe('*.mail.example.net'));
  it('rejects two labels under a wildcard (mailauth accepts this)', () =>
    expect(matchingPattern('a.b.mail.example.net', patterns)).toBeNull());
  it('rejects a suffix attack (checkdmarc accepts this)', () =>
    expect(matchingPattern('mx1.example.com.attacker.net', patterns)).toBeNull());
});

describe('classifyInconsistency (MTA-STS study §4.4)', () => {
  it.each([
    ['mx.example.de', ['mx.example.com'], 'tld-mismatch'],
    ['mx.example.co', ['mx.example.com'], 'tld-mismatch'],
    ['mx.example.com', ['mx.exmaple.com'], 'typo'],
    ['mx.example.com', ['*.exampel.com'], 'typo'],
    ['mx.example.com', ['mx.mta-sts.example.com'], '3ld-mismatch'],
    ['mx.example.com', ['mta-sts.example.com'], '3ld-mismatch'],
    ['mx.example.com', ['mail.relay.example.com'], '3ld-mismatch'],
    ['mx.example.com', ['aspmx.l.google.com'], 'domain-mismatch'],
  ])('%s vs %j → %s', (mx, patterns, kind) => {
    expect(classifyInconsistency(mx, patterns)?.kind).toBe(kind);
  });
  it('marks patterns that name the policy host', () => {
    expect(classifyInconsistency('mx.example.com', ['mta-sts.example.com'])?.containsMtaSts).toBe(
      true,
    );
  });
  it('computes edit distance', () => expect(editDistance('kitten', 'sitting')).toBe(3));
});

function txt(records: string[], status: DnsAnswer['status'] = 'noerror'): DnsAnswer<'TXT'> {
  return {
    name: '_mta-sts.example.com',
    type: 'TXT',
    status,
    records,
    authenticData: false,
    cnameChain: [],
    ttl: 300,
    resolver: 'fake',
  };
}

describe('assessMtaStsRecord (study §4.3.2)', () => {
  it('accepts a valid record', () => {
    expect(assessMtaStsRecord(txt(['v=STSv1; id=20240101T000000;']))).toMatchObject({
      present: true,
      valid: true,
      id: '20240101T000000',
    });
  });
  it('ignores unrelated TXT records', () =>
    expect(assessMtaStsRecord(txt(['v=spf1 -all'])).present).toBe(false));
  it('flags two records', () =>
    expect(assessMtaStsRecord(txt(['v=STSv1; id=1', 'v=STSv1; id=2'])).errors[0]?.kind).toBe(
      'multiple',
    ));
  it('flags an id with a dash', () =>
    expect(assessMtaStsRecord(txt(['v=STSv1; id=2024-01-01'])).errors[0]?.kind).toBe('id'));
  it('flags a missing id', () =>
    expect(assessMtaStsRecord(txt(['v=STSv1;'])).errors[0]?.kind).toBe('id'));
  it('flags a bad extension field', () => {
    expect(
      assessMtaStsRecord(txt(['v=STSv1; id=1; mx: a.com; mode: testing;'])).errors.map(
        (e) => e.kind,
      ),
    ).toContain('extension');
  });
  it('treats SERVFAIL as untested', () =>
    expect(assessMtaStsRecord(txt([], 'servfail')).untested).toBe(true));
});

describe('assessHosting (study §4.5, §5)', () => {
  it('recognises a delegated policy host and a different MX provider', () => {
    const result = assessHosting(
      'example.com',
      ['mta-sts.example.com', 'example-com.mta-sts.dmarcinput.com'],
      ['aspmx.l.google.com'],
    );
    expect(result).toEqual({
      policyDelegated: true,
      policyProvider: 'DMARCReport',
      mxProvider: 'Google',
      differentProviders: true,
    });
  });
  it('sees one provider for both (Tutanota)', () => {
    const result = assessHosting(
      'example.com',
      ['mta-sts.example.com', 'mta-sts.tutanota.com'],
      ['mail.tutanota.de'],
    );
    expect(result.differentProviders).toBe(false);
    expect(result.policyProvider).toBe('Tutanota');
  });
  it('does not warn for a self-hosted policy', () => {
    expect(assessHosting('example.com', [], ['mx.example.com']).differentProviders).toBe(false);
  });
});
