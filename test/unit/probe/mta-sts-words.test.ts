// The probe's MTA-STS errors reach the popup's admin view as findings (lib/messaging/probe-view.ts);
// each is worded as a catalogue key whose English is the unchanged `message`, so it reads in the
// reader's language (issue 16, "Languages"). Before, every one was English-only.
import { describe, expect, it } from 'vitest';
import type { DnsAnswer } from '../../../lib/dns/types.ts';
import { readProbeAssessment } from '../../../lib/messaging/probe-view.ts';
import { say } from '../../../lib/messaging/say.ts';
import { policyContext } from '../../../lib/probe/mta-sts-assess.ts';
import { fetchMtaStsPolicy } from '../../../lib/probe/mta-sts-fetch.ts';
import { parseMtaStsPolicy } from '../../../lib/probe/mta-sts-policy.ts';
import { assessMtaStsRecord } from '../../../lib/probe/mta-sts-record.ts';
import type { MtaStsError, MtaStsReport } from '../../../lib/probe/types.ts';
import { addressVerdict, type VerdictInput } from '../../../lib/probe/verdict.ts';
import { text } from '../../../lib/score/text.ts';
import { expectWorded, inGerman } from '../checks/worded.ts';
import { messageIn } from '../ext/i18n-fixture.ts';
import { fakeDns } from './helpers/fake-dns.ts';

const BROKEN_POLICIES = [
  '',
  'version: STSv2\nmode: enforce\n',
  'mode: sometimes\nmax_age: 99999999999\nmx: \nmx: a@b.test\nmx: mx.test.\nmx: m*.test\n',
  'version: STSv1\nmode: testing\nmode: enforce\nmax_age: 86400\nmx: localhost\nmx: -bad-.test\n',
  'version: STSv1\nmode: enforce\nmax_age: 86400\nmx: mx.bücher.test\nmx: ☃\nnot a field\nx-ext: \u0001\n',
];

const txtAnswer = (records: string[]): DnsAnswer<'TXT'> =>
  ({ name: '_mta-sts.example.test', type: 'TXT', status: 'noerror', records }) as never;

const RECORDS = [
  ['v=STSv1; id=1', 'v=STSv1; id=2'],
  ['v=STSv1 ; id=a-b; junk; bad name=x'],
  ['v=STSv1; id=1; id=2'],
  ['v=STSv1;'],
];

async function fetchErrors(): Promise<MtaStsError[]> {
  const dns = fakeDns({
    'mta-sts.private.test A': { records: ['10.0.0.1'] },
    'mta-sts.flaky.test A': { status: 'servfail' },
  });
  const options = { dns, ca: [], allowLoopback: false, timeoutMs: 500, maxBytes: 1024 };
  const out: MtaStsError[] = [];
  for (const domain of ['none.test', 'private.test', 'flaky.test']) {
    const result = await fetchMtaStsPolicy(domain, options);
    if (!result.ok) out.push(result.error);
  }
  return out;
}

describe('the probe’s MTA-STS errors in the reader’s language', () => {
  it('policy syntax: every error and note is worded, its English unchanged', () => {
    const errors = BROKEN_POLICIES.flatMap((body) => {
      const parsed = parseMtaStsPolicy(body);
      return [...parsed.errors, ...parsed.notes];
    });
    expect(new Set(errors.map((e) => e.message.replace(/"[^"]*"|\d+/g, ''))).size).toBeGreaterThan(
      14,
    );
    expectWorded(errors);
  });

  it('record: every error is worded', () => {
    const errors = RECORDS.flatMap((records) => assessMtaStsRecord(txtAnswer(records)).errors);
    expect(new Set(errors.map((e) => e.kind)).size).toBeGreaterThanOrEqual(4);
    expectWorded(errors);
  });

  it('policy host lookups: every error is worded', async () => {
    const errors = await fetchErrors();
    expect(errors.map((e) => e.kind)).toEqual(['dns', 'dns', 'dns']);
    expectWorded(errors);
  });

  it('reaches the admin view in German through the service’s JSON', () => {
    const [error] = parseMtaStsPolicy('version: STSv1\nmode: enforce\nmax_age: 86400\n').errors;
    if (!error) throw new Error('no error');
    expect(error.message).toBe('mode enforce needs at least one mx line');
    const wire = JSON.parse(
      JSON.stringify({ domain: 'example.test', probe: { mtaSts: { errors: [error] } } }),
    );
    const [finding] = readProbeAssessment(wire)?.findings ?? [];
    expect(finding?.text).toEqual(error.text);
    expect(inGerman(error)).toBe('mode enforce braucht mindestens eine mx-Zeile');
  });

  it('says in German why no policy applies, inside the strict senders’ verdict', () => {
    const report = { record: { present: false, valid: false } } as MtaStsReport;
    const policy = policyContext(report, 'mx.example.test');
    const input = {
      tested: true,
      untestedReason: '',
      starttlsOffered: true,
      negotiated: true,
      hiddenStarttls: false,
      starttlsError: null,
      version: 'TLSv1.3',
      certificate: null,
      dane: {
        tlsaPresent: false,
        applicable: false,
        usable: false,
        matched: null,
        lookupError: null,
        records: [],
      },
      policy,
    } as unknown as VerdictInput;
    const verdict = addressVerdict(input).mtaSts;
    expect(verdict.reason).toContain('no _mta-sts record');
    const german = messageIn('de');
    const words = say((key, subs) => german(key, subs) || key, verdict.text);
    expect(words).toContain('kein _mta-sts-Eintrag');
    expect(words).not.toContain('no _mta-sts record');
  });

  it('says in German that an address gave no EHLO reply', () => {
    const report = { record: { present: false, valid: false } } as MtaStsReport;
    const input = {
      tested: false,
      untestedReason: text('probe_no_ehlo_reply'),
      starttlsOffered: false,
      negotiated: false,
      hiddenStarttls: false,
      starttlsError: null,
      version: null,
      certificate: null,
      dane: {
        tlsaPresent: false,
        applicable: false,
        usable: false,
        matched: null,
        lookupError: null,
        records: [],
      },
      policy: policyContext(report, 'mx.example.test'),
    } as unknown as VerdictInput;
    const verdict = addressVerdict(input).opportunistic;
    expect(verdict.reason).toContain('no EHLO reply');
    const german = messageIn('de');
    const words = say((key, subs) => german(key, subs) || key, verdict.text);
    expect(words).toContain('keine Antwort auf EHLO');
  });
});
