// Scenarios that drive the SPF, DMARC, MX, TLS-RPT and MTA-STS record checks into their findings
// (after spf-check, dmarc, mx-tlsa-dnssec and txt-records tests, which assert the codes).
import { checkDmarc } from '../../../lib/checks/dmarc/dmarc-check.ts';
import { parseDmarc } from '../../../lib/checks/dmarc/dmarc-syntax.ts';
import { checkMtaStsRecord } from '../../../lib/checks/mta-sts-record.ts';
import { checkMx } from '../../../lib/checks/mx.ts';
import { checkSpf } from '../../../lib/checks/spf/spf-check.ts';
import { parseSpf } from '../../../lib/checks/spf/spf-syntax.ts';
import { checkTlsRpt } from '../../../lib/checks/tls-rpt.ts';
import type { Finding } from '../../../lib/outcome.ts';
import type { FakeRecord } from '../../fixtures/dns/fake-doh.ts';
import { a, fakeDns, mx, txt } from './fake-zone.ts';

const SPF_RECORDS = [
  'v=spf1 +all',
  'v=spf1 ?all',
  'v=spf1 ~all',
  'v=spf1 ip4:192.0.2.1',
  'v=spf1 mx -all ip4:192.0.2.1 redirect=_spf.example.test',
  'v=spf1 ptr -all',
  'v=spf1 exists:%{i}.x.example.test redirect=%{d}.example.test',
  'v=spf1 redirect=a.example.test redirect=b.example.test foo=%{',
  'v=spf1 ip4:300.1.1.1 ip6:zz ip4:192.0.2.1/40 a/99 all:x include mx:bad..name a:%{z} ptr:- -all',
  'v=spf1 bogus é -all',
  'v=spf1 a:%{c}.example.com -all',
  `v=spf1 ${'ip4:192.0.2.1 '.repeat(40)}-all`,
];

export async function spfFindings(): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const record of SPF_RECORDS) {
    out.push(...parseSpf(record).errors);
    const { dns } = fakeDns([txt('example.test', record), a('example.test')]);
    out.push(...(await checkSpf(dns, 'example.test')).findings);
  }
  const zones = [
    [a('example.test')],
    [txt('example.test', 'v=spf1 -all'), txt('example.test', 'v=spf1 mx -all')],
    [
      txt('example.test', 'v=spf1 include:loop.example.test -all'),
      txt('loop.example.test', 'v=spf1 include:example.test -all'),
    ],
    [
      txt('example.test', 'v=spf1 include:none.example.test redirect=gone.example.test'),
      a('none.example.test'),
    ],
    [txt('example.test', 'v=spf1 a:v1.example.test a:v2.example.test a:v3.example.test -all')],
    [
      txt('example.test', 'v=spf1 mx -all'),
      ...Array.from({ length: 11 }, (_, i) => mx('example.test', `mx${i}.example.test`)),
    ],
    [txt('example.test', `v=spf1 ${'a:x.example.test '.repeat(11)}-all`), a('x.example.test')],
  ];
  for (const zone of zones) {
    const { dns } = fakeDns(zone);
    out.push(...(await checkSpf(dns, 'example.test')).findings);
  }
  return out;
}

const DMARC_RECORDS = [
  'p=reject; v=DMARC1',
  'v=DMARC1; rua=mailto:d@example.test',
  'v=DMARC1; adkim=x',
  'v=DMARC1; rua=mailto:d@example.test; p=reject; sp=none; pct=50; t=y',
  'v=DMARC1; p=block; sp=drop; rua=mailto:d@example.test',
  'v=DMARC1; p=reject; sp=drop; np=never; pct=150; adkim=x; aspf=strict; fo=2; ri=daily; rf=iodef; t=maybe; psd=q',
  'v=DMARC1; p=reject; rua=d@example.test,https://example.test/r,mailto:nobody; ruf=%%',
  'v=DMARC1; p=reject; p=none; foo=bar; garbage',
  'v=DMARC1; p=none',
  'v=DMARC1; p=reject; rua=mailto:d@reports.example',
];

export async function dmarcFindings(): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const record of DMARC_RECORDS) {
    const parsed = parseDmarc(record);
    out.push(...parsed.fatal, ...parsed.findings);
    const { dns } = fakeDns([txt('_dmarc.example.test', record)]);
    out.push(...(await checkDmarc(dns, 'example.test')).findings);
  }
  const zones = [
    [a('example.test')],
    [
      txt('_dmarc.example.test', 'v=DMARC1; p=none'),
      txt('_dmarc.example.test', 'v=DMARC1; p=reject'),
    ],
    [txt('_dmarc.example.test', 'v=DMARC1; p=reject; sp=quarantine')],
  ];
  for (const zone of zones) {
    const { dns } = fakeDns(zone);
    out.push(...(await checkDmarc(dns, 'mail.example.test')).findings);
  }
  const { dns } = fakeDns([], { servfail: ['_dmarc.example.test'] });
  out.push(...(await checkDmarc(dns, 'example.test')).findings);
  return out;
}

/** Findings of one check over several zones for `example.test`. */
async function over(
  check: (
    dns: ReturnType<typeof fakeDns>['dns'],
    domain: string,
  ) => Promise<{ findings: Finding[] }>,
  zones: FakeRecord[][],
): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const zone of zones) out.push(...(await check(fakeDns(zone).dns, 'example.test')).findings);
  return out;
}

export const mxFindings = () =>
  over(checkMx, [
    [mx('example.test', '.', 0)],
    [mx('example.test', '.', 5), mx('example.test', 'mx.example.test'), a('mx.example.test')],
    [a('example.test')],
    [txt('example.test', 'x')],
    [],
    [
      mx('example.test', '192.0.2.7', 5),
      mx('example.test', 'alias.example.test', 10),
      mx('example.test', 'gone.example.test', 20),
      { name: 'alias.example.test', type: 'CNAME', data: 'real.example.test' },
      a('real.example.test'),
    ],
  ]);

const TLSRPT = '_smtp._tls.example.test';
export const tlsRptFindings = () =>
  over(checkTlsRpt, [
    [],
    [txt(TLSRPT, 'v=TLSRPTv2; rua=mailto:t@example.test')],
    [
      txt(TLSRPT, 'v=TLSRPTv1; rua=mailto:a@example.test'),
      txt(TLSRPT, 'v=TLSRPTv1; rua=mailto:b@example.test'),
    ],
    [txt(TLSRPT, 'v=TLSRPTv1 ; rua=ftp://x; rua=mailto:t@example.test; junk; bad name=x')],
    [txt(TLSRPT, 'v=TLSRPTv1; x=y')],
  ]);

const STS = '_mta-sts.example.test';
export const mtaStsFindings = () =>
  over(checkMtaStsRecord, [
    [],
    [txt(STS, 'v=STSv2; id=1')],
    [txt(STS, 'v=STSv1; id=1'), txt(STS, 'v=STSv1; id=2')],
    [txt(STS, 'v=STSv1 ; id=a-b; junk; bad name=x')],
    [txt(STS, 'v=STSv1; id=1; id=2')],
    [txt(STS, 'v=STSv1;'), a('mta-sts.example.test')],
  ]);
