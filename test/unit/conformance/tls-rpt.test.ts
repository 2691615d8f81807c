// TLS-RPT record conformance, derived from RFC 8460 §3 (ABNF, discovery, rua schemes, unknown
// fields) and its §3 examples. Each row cites its section.
import { describe, expect, it } from 'vitest';
import { checkTlsRpt, parseTlsRpt, TLSRPT_VERSION } from '../../../lib/checks/tls-rpt.ts';
import { codes, fakeDns, txt } from '../checks/fake-zone.ts';

const errorCodes = (text: string) => parseTlsRpt(text).errors.map((f) => f.code);

describe('RFC 8460 §3 tlsrpt-record: valid records', () => {
  it.each([
    [
      'v=TLSRPTv1;rua=mailto:reports@example.com',
      ['mailto:reports@example.com'],
      '§3 example (mailto)',
    ],
    [
      'v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt',
      ['https://reporting.example.com/v1/tlsrpt'],
      '§3 example (https)',
    ],
    ['v=TLSRPTv1; rua=mailto:a@example.com;', ['mailto:a@example.com'], '§3 trailing field-delim'],
    [
      'v=TLSRPTv1;\trua=mailto:a@example.com',
      ['mailto:a@example.com'],
      '§3 field-delim *WSP includes HTAB',
    ],
    [
      'v=TLSRPTv1; rua=mailto:a@example.com , https://r.example.com/x',
      ['mailto:a@example.com', 'https://r.example.com/x'],
      '§3 *WSP "," *WSP between URIs',
    ],
    [
      'v=TLSRPTv1; ext=1; rua=mailto:a@example.com',
      ['mailto:a@example.com'],
      '§3 field order is free; unknown fields SHALL be ignored',
    ],
    [
      'v=TLSRPTv1; rua=mailto:a@example.com; x_y-z.1=a:b',
      ['mailto:a@example.com'],
      '§3 tlsrpt-extension characters',
    ],
  ])('%s (%s)', (text, rua) => {
    expect(errorCodes(text)).toEqual([]);
    expect(parseTlsRpt(text).rua).toEqual(rua);
  });
});

describe('RFC 8460 §3 tlsrpt-record: invalid records', () => {
  it.each([
    ['v=TLSRPTv1', 'tls-rpt.missing-rua', '§3 1*(field-delim tlsrpt-field); rua is required'],
    ['v=TLSRPTv1; ext=1', 'tls-rpt.missing-rua', '§3 rua is required'],
    [
      'v=TLSRPTv1; RUA=mailto:a@example.com',
      'tls-rpt.missing-rua',
      '§3 %s"rua=" is case-sensitive',
    ],
    ['v=TLSRPTv1; rua = mailto:a@example.com', 'tls-rpt.bad-extension', '§3 no WSP around "="'],
    ['v=TLSRPTv1; rua=http://r.example.com/', 'tls-rpt.bad-uri', '§3 rua: mailto or https only'],
    ['v=TLSRPTv1; rua=reports@example.com', 'tls-rpt.bad-uri', '§3 tlsrpt-uri is a URI'],
    ['v=TLSRPTv1; rua=mailto:nobody', 'tls-rpt.bad-uri', 'RFC 6068 mailto needs an address'],
    ['v=TLSRPTv1; rua=', 'tls-rpt.bad-uri', '§3 at least one tlsrpt-uri'],
    ['v=TLSRPTv1; rua=mailto:a@example.com;; x=1', 'tls-rpt.bad-syntax', '§3 no empty field'],
    [
      'v=TLSRPTv1; rua=mailto:a@example.com; _x=1',
      'tls-rpt.bad-extension',
      '§3 ext-name starts ALPHA / DIGIT',
    ],
    [
      'v=TLSRPTv1; rua=mailto:a@example.com; x=a b',
      'tls-rpt.bad-extension',
      '§3 ext-value excludes SP',
    ],
    ['v=TLSRPTv1; rua=mailto:a@example.com; x=', 'tls-rpt.bad-extension', '§3 ext-value is 1*'],
  ])('%s → %s (%s)', (text, code) => {
    expect(errorCodes(text)).toContain(code);
  });

  it('§3: an unusable URI beside a usable one is a note; reports still go to the usable one', () => {
    const parsed = parseTlsRpt('v=TLSRPTv1; rua=mailto:a@example.com,ftp://x.example.com/');
    expect(parsed.errors).toEqual([]);
    expect(parsed.notes.map((f) => f.code)).toEqual(['tls-rpt.bad-uri']);
    expect(parsed.rua).toEqual(['mailto:a@example.com']);
  });
});

describe('RFC 8460 §3 discovery', () => {
  it.each([
    ['v=TLSRPTv1; rua=mailto:a@example.com', true, '§3'],
    ['v=TLSRPTv1 ; rua=mailto:a@example.com', true, '§3 ABNF field-delim allows WSP before ";"'],
    ['v=tlsrptv1; rua=mailto:a@example.com', false, '§3 %s"v=TLSRPTv1" is case-sensitive'],
    ['V=TLSRPTv1; rua=mailto:a@example.com', false, '§3 %s'],
    ['v=TLSRPTv10; rua=mailto:a@example.com', false, '§3 the version is followed by a delimiter'],
    ['rua=mailto:a@example.com; v=TLSRPTv1', false, '§3 the record begins with the version'],
  ])('%s selected: %s (%s)', (text, selected) => {
    expect(TLSRPT_VERSION.test(text)).toBe(selected);
  });

  it('§3: "If the number of resulting records is not one, senders MUST assume the recipient domain does not implement TLSRPT"', async () => {
    const { dns } = fakeDns([
      txt('_smtp._tls.example.test', 'v=TLSRPTv1; rua=mailto:a@example.test'),
      txt('_smtp._tls.example.test', 'v=TLSRPTv1; rua=mailto:b@example.test'),
    ]);
    const out = await checkTlsRpt(dns, 'example.test');
    expect(out.status).toBe('permerror');
    expect(codes(out)).toEqual(['tls-rpt.multiple']);
  });

  it('§3: records that do not begin with the version are discarded before counting', async () => {
    const { dns } = fakeDns([
      txt('_smtp._tls.example.test', 'v=TLSRPTv1; rua=mailto:a@example.test'),
      txt('_smtp._tls.example.test', 'v=spf1 -all'),
    ]);
    expect((await checkTlsRpt(dns, 'example.test')).status).toBe('pass');
  });

  it('open: "v=TLSRPTv1 ;" fits the grammar, not the prose: valid with a note that receivers differ', async () => {
    const { dns } = fakeDns([
      txt('_smtp._tls.example.test', 'v=TLSRPTv1 ; rua=mailto:a@example.test'),
    ]);
    const out = await checkTlsRpt(dns, 'example.test');
    expect(out.status).toBe('pass');
    expect(codes(out)).toEqual(['tls-rpt.lenient-version']);
    expect(out.findings[0]?.message).toMatch(/receivers differ/);
  });

  it('open: two rua fields are allowed by the grammar; both are read, with a note that receivers differ', () => {
    const parsed = parseTlsRpt('v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rua).toEqual(['mailto:a@example.com', 'mailto:b@example.com']);
    expect(parsed.notes.map((f) => f.code)).toEqual(['tls-rpt.duplicate-rua']);
    expect(parsed.notes[0]?.message).toMatch(/receivers differ/);
  });
});
