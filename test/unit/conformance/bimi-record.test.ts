// BIMI assertion record conformance, derived from draft-brand-indicators-for-message-
// identification: "Assertion Record" (tags v, l, a and their ABNF; the RFC 6376 §3.2 tag-list;
// "Mail receivers MUST NOT attempt to fix syntactical or capitalization errors"; unknown tags
// ignored), "Declination to Publish", "Supported Image Formats", "Assertion Record Discovery"
// and "Authentication Requirements" (DMARC). Each row cites its section.
import { describe, expect, it } from 'vitest';
import { checkBimi, dmarcAllowsBimi } from '../../../lib/checks/bimi.ts';
import { BIMI_VERSION, parseBimiRecord } from '../../../lib/checks/bimi-record.ts';
import type { DmarcDetails } from '../../../lib/checks/dmarc/dmarc-check.ts';
import { parseDmarc } from '../../../lib/checks/dmarc/dmarc-syntax.ts';
import { codes, fakeDns, txt } from '../checks/fake-zone.ts';

const kinds = (text: string) => parseBimiRecord(text).problems.map((p) => p.kind);
const LOGO = 'https://brand.example.com/logo.svg';
const VMC = 'https://brand.example.com/vmc.pem';

describe('Assertion Record: valid records', () => {
  it.each([
    [`v=BIMI1; l=${LOGO}; a=${VMC}`, 'the usual record'],
    [`v=BIMI1; l=${LOGO}`, 'a= is OPTIONAL ("assumed to have an empty value")'],
    [`v=BIMI1; l=${LOGO}; a=;`, 'an empty a= and a trailing bimi-sep'],
    [`v = BIMI1 ; l = ${LOGO}`, 'bimi-version: *WSP around "="; tag-spec [FWS]'],
    [`v=BIMI1;l=${LOGO};a=${VMC}`, 'bimi-sep = *WSP ";" *WSP'],
    [
      `v=BIMI1; a=${VMC}; l=${LOGO}`,
      '"components other than bimi-version may appear in any order"',
    ],
    [`v=BIMI1; l=${LOGO}; avp=brand`, '"unknown tags MUST be ignored"'],
    [`v=BIMI1; l=https://brand.example.com/logo.svgz`, 'SVGZ is a registered format'],
    ['v=BIMI1; l=; a=;', '"Declination to Publish" example'],
  ])('%s (%s)', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('"Declination to Publish": v=BIMI1; l=; a=; declines', () => {
    expect(parseBimiRecord('v=BIMI1; l=; a=;').declined).toBe(true);
    expect(parseBimiRecord(`v=BIMI1; l=${LOGO}`).declined).toBe(false);
  });
});

describe('Assertion Record: invalid records ("MUST NOT attempt to fix")', () => {
  it.each([
    [`v=BIMI1; a=${VMC}`, 'missing-location', 'l= is REQUIRED'],
    [`v=BIMI1; L=${LOGO}`, 'missing-location', 'bimi-location = %x6c: "L" is an unknown tag'],
    [`v=BIMI1; l=${LOGO}; A=http://x.example.com/`, 'none', '%x61: "A" is an unknown tag, ignored'],
  ])('%s → %s (%s)', (text, kind) => {
    if (kind === 'none') {
      expect(kinds(text)).toEqual([]);
      return;
    }
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    [
      `v=BIMI1; l=http://brand.example.com/logo.svg`,
      'bad-location',
      '"The only supported transport is HTTPS"',
    ],
    [`v=BIMI1; l=${LOGO},https://brand.example.com/b.svg`, 'bad-location', 'l= is "a single URI"'],
    [
      `v=BIMI1; l=https://localhost/logo.svg`,
      'bad-location',
      'the URI "MUST contain a fully qualified domain name"',
    ],
    [
      `v=BIMI1; l=https://brand.example.com/logo.png`,
      'bad-location',
      '"any other image format suffix … permanent error"',
    ],
    [`v=BIMI1; l=logo.svg`, 'bad-location', 'bimi-uri is a URI'],
    [
      `v=BIMI1; l=${LOGO}; a=http://brand.example.com/vmc.pem`,
      'bad-authority',
      'a= "MUST specify HTTPS"',
    ],
    [`v=BIMI1; l=${LOGO}; a=${VMC},${VMC}`, 'bad-authority', 'a= "MUST be a single URI"'],
    [
      `v=BIMI1; l=${LOGO}; l=${LOGO}`,
      'bad-syntax',
      'RFC 6376 §3.2: a repeated tag invalidates the tag-list',
    ],
    [`v=BIMI1; l=${LOGO}; oops`, 'bad-syntax', 'RFC 6376 §3.2 tag-spec'],
    [`l=${LOGO}; v=BIMI1`, 'bad-syntax', 'v "MUST be the first tag"'],
  ])('%s → %s (%s)', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });
});

describe('Assertion Record Discovery', () => {
  it.each([
    ['v=BIMI1; l=', true, 'the version tag'],
    ['v = BIMI1; l=', true, '*WSP around "="'],
    ['V=BIMI1; l=', false, 'bimi-version = %x76: lower-case "v" only'],
    ['v=bimi1; l=', false, '%x42.49.4d.49: "BIMI" in upper case only'],
    ['v=BIMI2; l=', false, '"It MUST have the value of BIMI1"'],
    ['v=BIMI10; l=', false, '"The value of this tag MUST match precisely"'],
    ['l=; v=BIMI1', false, 'steps 4/6: records that do not start with v= are discarded'],
  ])('%s is a BIMI record: %s (%s)', (text, selected) => {
    expect(BIMI_VERSION.test(text)).toBe(selected);
  });

  const enforced: DmarcDetails = {
    organizationalDomain: 'example.test',
    enforced: true,
    dnssec: false,
  };

  it('step 5: without a record at the author domain, the organizational domain is asked', async () => {
    const { dns, fake } = fakeDns([
      txt('default._bimi.example.test', `v=BIMI1; l=${LOGO}; a=${VMC}`),
    ]);
    const out = await checkBimi(dns, 'news.example.test', enforced);
    expect(out.status).toBe('pass');
    expect(out.details).toMatchObject({ recordDomain: 'example.test', location: LOGO });
    expect(fake.queries.map((q) => q.name)).toEqual([
      'default._bimi.news.example.test',
      'default._bimi.example.test',
    ]);
  });

  it('step 7: several records end discovery', async () => {
    const { dns } = fakeDns([
      txt('default._bimi.example.test', `v=BIMI1; l=${LOGO}`),
      txt('default._bimi.example.test', 'v=BIMI1; l=; a=;'),
    ]);
    const out = await checkBimi(dns, 'example.test', enforced);
    expect([out.status, codes(out)]).toEqual(['permerror', ['bimi.multiple']]);
  });
});

describe('Authentication Requirements: the DMARC policy', () => {
  const details = (record: string, inherited = false): DmarcDetails => {
    const r = parseDmarc(record).record;
    const effectivePolicy = (inherited ? r.sp : undefined) ?? r.p ?? 'none';
    return {
      organizationalDomain: 'example.test',
      record: r,
      effectivePolicy,
      enforced: false,
      dnssec: false,
    };
  };

  it.each([
    ['v=DMARC1; p=reject', false, true, 'p=reject'],
    ['v=DMARC1; p=quarantine', false, true, 'p=quarantine, pct absent'],
    ['v=DMARC1; p=quarantine; pct=100', false, true, 'p=quarantine with pct=100'],
    ['v=DMARC1; p=reject; pct=50', false, true, 'step 9 restricts pct for quarantine only'],
    ['v=DMARC1; p=none', false, false, 'step 7: p=none'],
    [
      'v=DMARC1; p=reject; sp=none',
      false,
      false,
      'step 8: sp=none, even for the organizational domain',
    ],
    ['v=DMARC1; p=quarantine; pct=50', false, false, 'step 9: quarantine needs pct=100'],
    ['v=DMARC1; p=none; sp=reject', true, false, 'step 7: p=none at the organizational domain'],
  ])('%s (inherited %s) → BIMI allowed %s (%s)', (record, inherited, allowed) => {
    expect(dmarcAllowsBimi(details(record, inherited))).toBe(allowed);
  });

  it('a record at p=reject; sp=none gets bimi.dmarc-not-enforced', async () => {
    const { dns } = fakeDns([txt('default._bimi.example.test', `v=BIMI1; l=${LOGO}; a=${VMC}`)]);
    const out = await checkBimi(dns, 'example.test', details('v=DMARC1; p=reject; sp=none'));
    expect([out.status, codes(out)]).toEqual(['fail', ['bimi.dmarc-not-enforced']]);
  });
});
