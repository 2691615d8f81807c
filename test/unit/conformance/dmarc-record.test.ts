// DMARC record conformance, derived from RFC 7489 §6.3 (tags), §6.4 (ABNF, read with RFC 5234
// §2.3: quoted literals are case-insensitive), §6.6.3 (policy discovery), §7.1 (external
// destinations), Appendix B.2 (examples), and DMARCbis (np, psd, t). Each row cites its section.
import { describe, expect, it } from 'vitest';
import { checkDmarc } from '../../../lib/checks/dmarc/dmarc-check.ts';
import { DMARC_VERSION, parseDmarc } from '../../../lib/checks/dmarc/dmarc-syntax.ts';
import { codes, fakeDns, txt } from '../checks/fake-zone.ts';

const allCodes = (record: string) => {
  const parsed = parseDmarc(record);
  return [...parsed.fatal, ...parsed.findings].map((f) => f.code);
};
const fatalCodes = (record: string) => parseDmarc(record).fatal.map((f) => f.code);

describe('RFC 7489 §6.4 dmarc-version: "v" any case, value DMARC1 exact', () => {
  it.each([
    ['v=DMARC1; p=reject', '§6.4 the canonical form'],
    ['V=DMARC1; p=reject', '§6.4 + RFC 5234 §2.3: "v" is a case-insensitive literal'],
    ['v = DMARC1 ; p=reject', '§6.4: *WSP around "=" and in dmarc-sep'],
    ['v\t=\tDMARC1;p=reject', '§6.4: WSP includes HTAB'],
    ['v=DMARC1', '§6.4: the version alone still starts a record (p is judged separately)'],
  ])('%s is a DMARC record (%s)', (record) => {
    expect(DMARC_VERSION.test(record)).toBe(true);
  });

  it.each([
    ['v=dmarc1; p=reject', '§6.4: DMARC1 is %x44 %x4d %x41 %x52 %x43 %x31, exact case'],
    ['v=DMARC2; p=reject', '§6.3: "It MUST have the value of DMARC1"'],
    ['v=DMARC10; p=reject', '§6.3: the value must match precisely'],
    ['p=reject; v=DMARC1', '§6.3: v "MUST be the first tag in the list"'],
    [' v=DMARC1; p=reject', '§6.4: the record starts with dmarc-version, no leading space'],
    ['v=spf1 -all', '§6.6.3 step 4: records that do not start with v=DMARC1 are discarded'],
    ['v=DMARC1x; p=reject', '§6.4: the value is followed by dmarc-sep or the end'],
  ])('%s is not a DMARC record (%s)', (record) => {
    expect(DMARC_VERSION.test(record)).toBe(false);
  });

  it('V=DMARC1; p=reject is read as an enforced policy, not as "no DMARC" (§6.4)', async () => {
    const { dns } = fakeDns([
      txt('_dmarc.example.test', 'V=DMARC1; P=REJECT; RUA=mailto:d@example.test'),
    ]);
    const dmarc = await checkDmarc(dns, 'example.test');
    expect(dmarc.status).toBe('pass');
    expect(dmarc.details).toMatchObject({ effectivePolicy: 'reject', enforced: true });
    expect(codes(dmarc)).toEqual([]);
  });
});

describe('RFC 7489 §6.4 tags: names and keyword values are case-insensitive (RFC 5234 §2.3)', () => {
  it.each([
    ['v=DMARC1; P=Quarantine', 'p', 'quarantine'],
    ['v=DMARC1; p=reject; SP=NONE', 'sp', 'none'],
    ['v=DMARC1; p=reject; ADKIM=S', 'adkim', 's'],
    ['v=DMARC1; p=reject; Aspf=S', 'aspf', 's'],
    ['v=DMARC1; p=reject; Pct=20', 'pct', 20],
    ['v=DMARC1; p=reject; NP=Reject', 'np', 'reject'],
    ['v=DMARC1; p=reject; T=Y', 'testing', true],
  ] as const)('%s → %s = %s', (record, field, value) => {
    expect(allCodes(record)).toEqual([]);
    expect(parseDmarc(record).record[field]).toBe(value);
  });

  it.each([
    ['v=DMARC1; p=reject; FO=D:S', '§6.4 dmarc-fo literals'],
    ['v=DMARC1; p=reject; RF=AFRF', '§6.4 dmarc-rfmt Keyword, compared with the registry'],
    ['v=DMARC1; p=reject; RI=3600', '§6.4 dmarc-ainterval'],
    ['v=DMARC1; p=reject; RUA=mailto:d@example.test', '§6.4 dmarc-auri'],
    ['v=DMARC1; p=reject; PSD=N', 'DMARCbis psd'],
  ])('%s is valid (%s)', (record) => {
    expect(allCodes(record)).toEqual([]);
  });
});

describe('RFC 7489 §6.4 ABNF productions: valid and invalid values', () => {
  it.each([
    ['v=DMARC1; p=none', '§6.4 dmarc-request none'],
    ['v=DMARC1; p=quarantine', '§6.4 dmarc-request quarantine'],
    ['v=DMARC1; p=reject;', '§6.4: a trailing dmarc-sep is allowed'],
    ['v=DMARC1; p = reject ; sp = none', '§6.4: *WSP around "=" in every tag'],
    ['v=DMARC1; p=reject; pct=0', '§6.4 dmarc-percent 1*3DIGIT, 0 is allowed (§6.3)'],
    ['v=DMARC1; p=reject; pct=100', '§6.3: pct runs from 0 to 100'],
    ['v=DMARC1; p=reject; fo=0', '§6.4 dmarc-fo single value'],
    ['v=DMARC1; p=reject; fo=0:1:d:s', '§6.4 dmarc-fo colon list'],
    ['v=DMARC1; p=reject; fo=1 : d', '§6.4 dmarc-fo: *WSP ":" *WSP'],
    ['v=DMARC1; p=reject; rf=afrf', '§6.3 rf: afrf is registered (§11.3)'],
    ['v=DMARC1; p=reject; ri=0', '§6.4 dmarc-ainterval 1*DIGIT'],
    ['v=DMARC1; p=reject; ri=4294967295', '§6.3 ri is a 32-bit unsigned integer: the maximum'],
    ['v=DMARC1; p=reject; rua=mailto:a@example.test!10m', '§6.4 dmarc-uri with a size limit'],
    ['v=DMARC1; p=reject; rua=mailto:a@example.test!500', '§6.4 size without a unit (bytes)'],
    [
      'v=DMARC1; p=reject; rua=mailto:a@example.test , mailto:b@example.test',
      '§6.4 dmarc-auri: *WSP "," *WSP between URIs',
    ],
    ['v=DMARC1; p=reject; ruf=mailto:f@example.test', '§6.4 dmarc-furi'],
    ['v=DMARC1; p=reject; adkim=r; aspf=s', '§6.4 dmarc-adkim / dmarc-aspf'],
    ['v=DMARC1; p=reject; np=quarantine', 'DMARCbis np (RFC 9091 §4.1)'],
    ['v=DMARC1; p=reject; psd=y', 'DMARCbis psd=y'],
    ['v=DMARC1; p=reject; psd=u', 'DMARCbis psd=u'],
    ['v=DMARC1; p=reject; t=n', 'DMARCbis t=n'],
  ])('%s (%s)', (record) => {
    expect(allCodes(record)).toEqual([]);
  });

  it.each([
    ['v=DMARC1; p=reject; pct=101', 'dmarc.bad-pct', '§6.3 pct is 0 to 100'],
    ['v=DMARC1; p=reject; pct=0100', 'dmarc.bad-pct', '§6.4 pct is 1*3DIGIT'],
    ['v=DMARC1; p=reject; pct=-1', 'dmarc.bad-pct', '§6.4 pct is digits'],
    ['v=DMARC1; p=reject; fo=2', 'dmarc.bad-fo', '§6.4 fo is 0, 1, d or s'],
    ['v=DMARC1; p=reject; fo=0,1', 'dmarc.bad-fo', '§6.4 fo is colon-separated'],
    ['v=DMARC1; p=reject; fo=', 'dmarc.bad-fo', '§6.4 fo has at least one value'],
    ['v=DMARC1; p=reject; rf=iodef', 'dmarc.bad-rf', '§6.3 rf values MUST be registered'],
    ['v=DMARC1; p=reject; rf=afrf:arf', 'dmarc.bad-rf', '§6.3 every rf value is checked'],
    ['v=DMARC1; p=reject; ri=4294967296', 'dmarc.bad-ri', '§6.3 ri fits in 32 bits'],
    ['v=DMARC1; p=reject; ri=86400s', 'dmarc.bad-ri', '§6.4 ri is 1*DIGIT'],
    ['v=DMARC1; p=reject; ri=', 'dmarc.bad-ri', '§6.4 ri is 1*DIGIT'],
    ['v=DMARC1; p=reject; adkim=relaxed', 'dmarc.bad-alignment-mode', '§6.4 adkim is r or s'],
    ['v=DMARC1; p=reject; aspf=', 'dmarc.bad-alignment-mode', '§6.4 aspf is r or s'],
    ['v=DMARC1; p=reject; np=block', 'dmarc.bad-subdomain-policy', 'DMARCbis np values'],
    ['v=DMARC1; p=reject; psd=yes', 'dmarc.bad-flag', 'DMARCbis psd is y, n or u'],
    ['v=DMARC1; p=reject; t=true', 'dmarc.bad-flag', 'DMARCbis t is y or n'],
    ['v=DMARC1; p=reject; t=u', 'dmarc.bad-flag', 'DMARCbis t is y or n (u is psd only)'],
    ['v=DMARC1; p=reject; rua=dmarc@example.test', 'dmarc.bad-uri', '§6.4 dmarc-uri is a URI'],
    [
      'v=DMARC1; p=reject; rua=mailto:a@example.test!10x',
      'dmarc.bad-uri',
      '§6.4 size unit k/m/g/t',
    ],
    ['v=DMARC1; p=reject; rua=mailto:a@example.test!', 'dmarc.bad-uri', '§6.4 size is 1*DIGIT'],
    ['v=DMARC1; p=reject; ruf=mailto:', 'dmarc.bad-uri', '§6.4 dmarc-uri'],
    ['v=DMARC1; p=reject; garbage', 'dmarc.bad-tag-syntax', '§6.4: every part is tag=value'],
    [
      'v=DMARC1; p=reject; rua\n=mailto:a@example.test',
      'dmarc.bad-tag-syntax',
      '§6.4: WSP is SP/HTAB only',
    ],
  ])('%s → %s (%s)', (record, code) => {
    expect(allCodes(record)).toContain(code);
  });

  it('§6.3: an invalid optional value is reported but the record still applies', async () => {
    const { dns } = fakeDns([
      txt(
        '_dmarc.example.test',
        'v=DMARC1; p=reject; ri=99999999999; rf=xml; rua=mailto:d@example.test',
      ),
    ]);
    const dmarc = await checkDmarc(dns, 'example.test');
    expect(dmarc.status).toBe('pass');
    expect(codes(dmarc)).toEqual(['dmarc.bad-rf', 'dmarc.bad-ri']);
  });

  it('§6.3: an unregistered rf value says receivers differ (SHOULD ignore it, MAY ignore the record)', () => {
    const f = parseDmarc('v=DMARC1; p=reject; rf=iodef').findings.find(
      (x) => x.code === 'dmarc.bad-rf',
    );
    expect(f?.message).toMatch(/receivers differ/);
  });
});

describe('RFC 7489 §6.3/§6.4: required tags and their order', () => {
  it('§6.4: v and p MUST be present, in that order: p later is reported, still applied', () => {
    expect(allCodes('v=DMARC1; rua=mailto:d@example.test; p=reject')).toEqual([
      'dmarc.p-not-second',
    ]);
    expect(parseDmarc('v=DMARC1; rua=mailto:d@example.test; p=reject').record.p).toBe('reject');
  });

  it.each([
    ['v=DMARC1; foo=bar; p=reject', '§6.3 "Unknown tags MUST be ignored"'],
    ['v=DMARC1; p=reject; x-custom=1; future_tag=abc', '§6.3 unknown tags, several'],
  ])('%s: unknown tags are ignored (%s)', (record) => {
    const parsed = parseDmarc(record);
    expect(parsed.fatal).toEqual([]);
    expect(parsed.record.p).toBe('reject');
    expect(
      parsed.findings.every(
        (f) => f.code === 'dmarc.unknown-tag' || f.code === 'dmarc.p-not-second',
      ),
    ).toBe(true);
  });
});

describe('RFC 7489 §6.6.3 step 6: missing or invalid p, or invalid sp', () => {
  it.each([
    ['v=DMARC1; rua=mailto:d@example.test', 'dmarc.p-missing', 'p missing, valid rua'],
    ['v=DMARC1; p=block; rua=mailto:d@example.test', 'dmarc.bad-policy', 'p invalid, valid rua'],
    ['v=DMARC1; p=; rua=mailto:d@example.test', 'dmarc.bad-policy', 'p empty, valid rua'],
    [
      'v=DMARC1; p=reject; sp=drop; rua=mailto:d@example.test',
      'dmarc.bad-subdomain-policy',
      'sp invalid, valid rua',
    ],
    [
      'v=DMARC1; p=bogus; rua=https://reports.example.test/dmarc',
      'dmarc.bad-policy',
      'a valid non-mailto URI also counts',
    ],
  ])('%s → act as p=none (%s)', async (record, code) => {
    const parsed = parseDmarc(record);
    expect(parsed.fatal).toEqual([]);
    expect(parsed.record.p).toBe('none');
    expect(parsed.record.sp).toBeUndefined();
    expect(parsed.findings.map((f) => f.code)).toContain(code);
    const { dns } = fakeDns([txt('_dmarc.example.test', record)]);
    const dmarc = await checkDmarc(dns, 'example.test');
    expect(dmarc.status).toBe('fail');
    expect(dmarc.details).toMatchObject({ effectivePolicy: 'none', enforced: false });
    expect(dmarc.findings.find((f) => f.code === code)?.message).toMatch(/p=none/);
  });

  it.each([
    ['v=DMARC1', 'dmarc.p-missing'],
    ['v=DMARC1; p=block', 'dmarc.bad-policy'],
    ['v=DMARC1; p=reject; sp=drop', 'dmarc.bad-subdomain-policy'],
    ['v=DMARC1; p=block; rua=dmarc@example.test', 'dmarc.bad-policy'],
  ])('%s without a valid rua URI → DMARC is not applied (%s)', async (record, code) => {
    expect(fatalCodes(record)).toContain(code);
    const { dns } = fakeDns([txt('_dmarc.example.test', record)]);
    expect((await checkDmarc(dns, 'example.test')).status).toBe('permerror');
  });

  it('§6.6.3 step 5: several DMARC records → DMARC is not applied', async () => {
    const { dns } = fakeDns([
      txt('_dmarc.example.test', 'v=DMARC1; p=reject'),
      txt('_dmarc.example.test', 'V=DMARC1; p=reject'),
    ]);
    expect((await checkDmarc(dns, 'example.test')).status).toBe('permerror');
  });

  it('§6.6.3 step 4: non-DMARC TXT records beside one DMARC record are discarded', async () => {
    const { dns } = fakeDns([
      txt('_dmarc.example.test', 'v=DMARC1; p=reject; rua=mailto:d@example.test'),
      txt('_dmarc.example.test', 'v=dmarc1; p=none'),
      txt('_dmarc.example.test', 'google-site-verification=abc'),
    ]);
    const dmarc = await checkDmarc(dns, 'example.test');
    expect(dmarc.status).toBe('pass');
    expect(dmarc.records).toEqual(['v=DMARC1; p=reject; rua=mailto:d@example.test']);
  });
});

describe('open points: the RFC does not decide, receivers differ', () => {
  it('§6.4 lists each tag once; a repeated tag is reported with "receivers differ", first value read', () => {
    const parsed = parseDmarc('v=DMARC1; p=reject; p=none');
    const dup = parsed.fatal.find((f) => f.code === 'dmarc.duplicate-tag');
    expect(dup?.message).toMatch(/receivers differ/);
    expect(parsed.record.tags.p).toBe('reject');
  });
});

describe('RFC 7489 Appendix B.2 and §7.1 examples', () => {
  it.each([
    ['v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com', 'B.2.1'],
    [
      'v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com; ruf=mailto:auth-reports@thirdparty.example.net',
      'B.2.3',
    ],
    [
      'v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com,mailto:tld-test@thirdparty.example.net!10m; pct=25',
      'B.2.4',
    ],
  ])('%s (Appendix %s) parses cleanly', (record) => {
    expect(allCodes(record)).toEqual([]);
  });

  it('B.2.4: two report URIs, the second with a 10 MB limit, and pct=25', () => {
    const r = parseDmarc(
      'v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com,mailto:tld-test@thirdparty.example.net!10m; pct=25',
    ).record;
    expect(r.rua.map((u) => u.domain)).toEqual(['example.com', 'thirdparty.example.net']);
    expect(r.pct).toBe(25);
    expect(r.p).toBe('quarantine');
  });

  it('§7.1: the "v=DMARC1" authorisation record at <policy>._report._dmarc.<dest> is accepted', async () => {
    const { dns } = fakeDns([
      txt('_dmarc.example.com', 'v=DMARC1; p=reject; rua=mailto:r@thirdparty.example.net'),
      txt('example.com._report._dmarc.thirdparty.example.net', 'v=DMARC1'),
    ]);
    const dmarc = await checkDmarc(dns, 'example.com');
    expect(codes(dmarc)).not.toContain('dmarc.external-destination-unauthorized');
  });
});
