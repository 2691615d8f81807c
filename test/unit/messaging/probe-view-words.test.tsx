// @vitest-environment happy-dom
// The admin view's MX block speaks the reader's language (issue 16, "Languages"): the probe
// service words its strict-sender verdicts and findings as message keys of our own catalogue,
// and the extension translates them. Before, the block was English in every locale ("yes",
// "valid", "MX listed in the policy", the verdicts' reasons).
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminView } from '../../../components/report-tables.tsx';
import { readProbeAssessment } from '../../../lib/messaging/probe-view.ts';
import { say } from '../../../lib/messaging/say.ts';
import { readWireText } from '../../../lib/messaging/wire-text.ts';
import { mxFindings } from '../../../lib/probe/mx-findings.ts';
import { addressVerdict, type VerdictInput } from '../../../lib/probe/verdict.ts';
import { english } from '../../../lib/score/text.ts';
import { fixtureVerdict } from '../components/report-fixture.ts';
import { messageIn } from '../ext/i18n-fixture.ts';

const german = messageIn('de');
const tGerman = (key: string, subs?: string | string[]) => german(key, subs) || key;

/** A DANE-authenticated MX under an enforced MTA-STS policy, as lib/probe words it. */
function daneInput(): VerdictInput {
  return {
    tested: true,
    untestedReason: '',
    starttlsOffered: true,
    negotiated: true,
    hiddenStarttls: false,
    starttlsError: null,
    version: 'TLSv1.3',
    certificate: null,
    dane: {
      tlsaPresent: true,
      applicable: true,
      usable: true,
      matched: true,
      lookupError: null,
      records: [{ usage: 3, selector: 1, matchingType: 1, matched: true }],
    } as unknown as VerdictInput['dane'],
    policy: { state: 'valid', mode: 'enforce', matchesPolicy: true, detail: '' },
  };
}

/** The service's JSON for one domain, as the extension receives it over HTTP. */
function serviceAnswer() {
  const verdict = JSON.parse(JSON.stringify(addressVerdict(daneInput())));
  return {
    domain: 'allgood.lab',
    probe: {
      domain: 'allgood.lab',
      mx: [
        {
          host: 'mx1.allgood.lab',
          addresses: [{ status: 'pass', starttls: { negotiated: true } }],
          certificate: { pkixValid: true, hostnameMatch: 'mx-host', errors: [] },
          dane: { tlsaPresent: true, applicable: true, usable: true, matched: true },
          mtaSts: { matchesPolicy: true },
          verdict,
        },
      ],
      findings: [],
    },
  };
}

describe('the probe service in the reader’s language', () => {
  afterEach(() => document.body.replaceChildren());

  it('keeps the English reason for JSON readers and words the same reason as a key', () => {
    const verdict = addressVerdict(daneInput());
    expect(verdict.dane.reason).toBe('TLSA 3 1 1 matches');
    expect(english(verdict.dane.text)).toBe(verdict.dane.reason);
    expect(english(verdict.mtaSts.text)).toBe(verdict.mtaSts.reason);
    expect(verdict.mtaSts.reason).toBe('DANE takes precedence (RFC 8461 §2): TLSA 3 1 1 matches');
  });

  it('shows the MX block in German when the browser is German', () => {
    const view = readProbeAssessment(serviceAnswer());
    const report = fixtureVerdict().report;
    if (!view || !report) throw new Error('fixture');
    report.admin = { mx: view.mx, findings: [] };
    const root = document.createElement('div');
    document.body.append(root);
    render(<AdminView report={report} t={tGerman} />, root);
    const block = root.querySelector('[data-testid="mx-hosts"]')?.textContent ?? '';
    expect(block).toContain('MX steht in der Richtlinie');
    expect(block).toContain('gültig für mx-host');
    expect(block).toContain('TLS mit geprüftem Zertifikat: TLSA 3 1 1 passt');
    expect(block).toContain('DANE hat Vorrang (RFC 8461 §2)');
    expect(block).toContain('ja');
    for (const english of ['MX listed in the policy', 'valid for', 'matches', 'takes precedence'])
      expect(block).not.toContain(english);
  });

  it('accepts only keys of our own catalogue, with bounded parameters', () => {
    expect(readWireText({ key: 'mx_dane_valid', params: [] })).toEqual({
      key: 'mx_dane_valid',
      params: [],
    });
    expect(readWireText({ key: 'not_a_key_of_ours', params: [] })).toBeNull();
    expect(readWireText({ key: '__proto__', params: [] })).toBeNull();
    expect(readWireText({ key: 'labelled', params: [1, 2] })).toBeNull();
    expect(readWireText({ key: 'labelled', params: Array(10).fill('x') })).toBeNull();
    expect(readWireText({ key: 'labelled', params: ['x'.repeat(5000)] })).toBeNull();
    let deep: unknown = { key: 'mx_yes', params: [] };
    for (let i = 0; i < 6; i++) deep = { key: 'labelled', params: ['a', deep] };
    expect(readWireText(deep)).toBeNull();
  });

  it('falls back to the service’s English reason when its key is not ours', () => {
    const answer = serviceAnswer();
    const verdict = answer.probe.mx[0]?.verdict as { dane: { text: unknown } };
    verdict.dane.text = { key: 'made_up', params: [] };
    const row = readProbeAssessment(answer)?.mx[0];
    expect(english(row?.strictSenders.dane ?? { key: '', params: [] })).toBe(
      'authenticated-tls: TLSA 3 1 1 matches',
    );
  });
});

describe('every finding of an MX is worded as a key', () => {
  /** An MX with every problem at once, so each branch of mxFindings words its finding. */
  function everything(daneOn: boolean) {
    const cert = {
      pkixValid: false,
      hostnameMatch: 'none',
      expired: true,
      notYetValid: true,
      selfSigned: true,
      missingIntermediate: true,
      daysToExpiry: -3,
      names: ['other.example'],
      keyType: 'RSA',
      keyBits: 1024,
      signatureAlgorithm: 'sha1WithRSAEncryption',
      weakKey: true,
      weakSignature: true,
      revocation: { status: 'revoked', method: 'ocsp', detail: 'revoked' },
      errors: ['untrusted'],
    };
    const address = (status: string, offered: boolean, negotiated: boolean, version: string) => ({
      address: '192.0.2.1',
      status,
      starttls: {
        offered,
        negotiated,
        version,
        cipher: 'RC4-MD5',
        versionClass: version === 'TLSv1' ? 'obsolete' : 'insecure',
        cipherClass: 'ok',
        forwardSecrecy: false,
        error: 'alert',
      },
      certificate: cert,
      cutOff: status === 'temperror' ? { reason: 'timeout', detail: '10 s' } : null,
    });
    const addresses = [
      address('temperror', false, false, 'SSLv3'),
      address('fail', false, true, 'SSLv3'),
      address('fail', false, false, 'TLSv1'),
      address('fail', true, false, 'TLSv1'),
    ];
    const dane = {
      tlsaPresent: true,
      applicable: daneOn,
      usable: daneOn,
      matched: false,
      pkixIrrelevant: daneOn,
      lookupError: 'SERVFAIL',
      records: [{ usage: 1, selector: 0, matchingType: 1, matched: false }],
    };
    return mxFindings('mx.example', addresses as never, dane as never, false);
  }

  it('gives each finding a German text, and its English message is that text in English', () => {
    const findings = [...everything(false), ...everything(true)];
    const codes = new Set(findings.map((f) => f.code));
    expect(codes.size).toBeGreaterThanOrEqual(20);
    for (const f of findings) {
      expect(f.text, f.code).toBeDefined();
      if (!f.text) continue;
      expect(english(f.text), f.code).toBe(f.message);
      const words = say(tGerman, f.text);
      expect(words, f.code).not.toMatch(/probe_|\$\d/);
      expect(words, f.code).not.toBe(f.message);
    }
  });
});
