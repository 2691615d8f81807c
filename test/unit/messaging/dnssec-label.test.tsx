// @vitest-environment happy-dom
// Beside every DNSSEC verdict of the report (DNSSEC, DANE, MTA-STS, TLS-RPT, DKIM rows) the
// popup says who vouched: "validated locally" or "resolver's word"; the AD-flag fallback is a
// labelled downgrade that says why. Built from posture and probe shapes as the background has them.
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { StandardsTable } from '../../../components/report-tables.tsx';
import {
  buildReport,
  type ProviderInputs,
  type SignerView,
  standardsOf,
} from '../../../lib/messaging/build-report.ts';
import type { ProbeView } from '../../../lib/messaging/probe-view.ts';
import { readProbeAssessment } from '../../../lib/messaging/probe-view.ts';
import type { MessageReport, StandardRow } from '../../../lib/messaging/report.ts';
import { t } from '../components/report-fixture.ts';

type Trust = 'validated-locally' | 'resolver-ad-flag' | 'mixed';

function posture(trust: Trust, fallbacks: string[] = []) {
  const source = trust === 'mixed' ? 'resolver-ad-flag' : trust;
  const fallback = fallbacks[0] !== undefined ? { dnssecFallback: fallbacks[0] } : {};
  return {
    dnssec: { status: 'pass', details: { trust, fallbacks } },
    tlsa: { status: 'pass', details: { hosts: [], trust, fallbacks } },
    mtaSts: { status: 'pass', details: { dnssec: true, dnssecSource: source, ...fallback } },
    tlsRpt: { status: 'none', details: { dnssec: false, dnssecSource: source, ...fallback } },
    spf: { status: 'pass' },
    dmarc: { status: 'pass' },
  };
}

const provider = (dns: Record<string, unknown> | null, probe: ProbeView | null = null) =>
  ({ domain: 'example.org', dns, probe }) satisfies ProviderInputs;

const signer = (trust: Trust, fallbacks: string[] = []): SignerView => ({
  domain: 'example.org',
  selectors: ['sel'],
  key: 'present',
  bits: 2048,
  dnssec: true,
  protection: {
    state: 'secure',
    reason: trust === 'validated-locally' ? 'signed' : 'resolver-ad-flag',
    zone: 'example.org.',
    detail: 'signed',
    trust,
    fallbacks,
  },
});

const cellOf = (rows: StandardRow[], standard: string) =>
  rows.find((r) => r.standard === standard)?.sender;

const LABELLED = ['DANE', 'MTA-STS', 'TLS-RPT', 'DNSSEC', 'DKIM'];

describe('the DNSSEC label in the report', () => {
  it('says "validated locally" on every DNSSEC verdict by default', () => {
    const rows = standardsOf(provider(posture('validated-locally')), provider(null), [
      signer('validated-locally'),
    ]);
    for (const standard of LABELLED)
      expect(cellOf(rows, standard)?.dnssec, standard).toMatchObject({
        source: 'validated-locally',
        fallback: false,
        text: { key: 'dnssec_validated_locally' },
      });
    // Rows that rest on no DNSSEC verdict carry no label.
    expect(cellOf(rows, 'SPF')?.dnssec).toBeUndefined();
    expect(cellOf(rows, 'STARTTLS')?.dnssec).toBeUndefined();
    // The integrity notes of the MTA-STS and TLS-RPT records.
    expect(cellOf(rows, 'MTA-STS')?.dnssec?.integrity?.key).toBe('dnssec_record_signed');
    expect(cellOf(rows, 'TLS-RPT')?.dnssec?.integrity?.key).toBe('dnssec_record_unsigned');
  });

  it("says 'resolver's word' in the AD-flag setting, not as a fallback", () => {
    const rows = standardsOf(provider(posture('resolver-ad-flag')), provider(null), [
      signer('resolver-ad-flag'),
    ]);
    for (const standard of LABELLED)
      expect(cellOf(rows, standard)?.dnssec, standard).toMatchObject({
        source: 'resolver-ad-flag',
        fallback: false,
        text: { key: 'dnssec_resolver_word' },
      });
  });

  it('labels the fallback as a downgrade and says why', () => {
    const why = 'no authenticated DNSKEY for the trust anchor';
    const rows = standardsOf(provider(posture('resolver-ad-flag', [why])), provider(null), [
      signer('mixed', [why]),
    ]);
    for (const standard of ['DANE', 'MTA-STS', 'TLS-RPT', 'DNSSEC'])
      expect(cellOf(rows, standard)?.dnssec, standard).toMatchObject({
        source: 'resolver-ad-flag',
        fallback: true,
        text: { key: 'dnssec_resolver_fallback', params: [why] },
      });
    expect(cellOf(rows, 'DKIM')?.dnssec).toMatchObject({
      source: 'mixed',
      fallback: true,
      text: { key: 'dnssec_mixed_fallback', params: [why] },
    });
  });

  it("DANE from the probe service: the label follows the service's TLSA answers", () => {
    const assessment = (source: string, fallback?: string) =>
      readProbeAssessment({
        domain: 'example.org',
        probe: {
          mx: [
            {
              host: 'mx.example.org',
              dane: {
                tlsaPresent: true,
                applicable: true,
                usable: true,
                matched: true,
                dnssecSource: source,
                ...(fallback ? { dnssecFallback: fallback } : {}),
              },
            },
          ],
        },
      });
    const local = standardsOf(provider(null, assessment('validated-locally')), provider(null));
    expect(cellOf(local, 'DANE')?.dnssec?.source).toBe('validated-locally');
    const fallback = standardsOf(
      provider(null, assessment('resolver-ad-flag', 'lookup failed')),
      provider(null),
    );
    expect(cellOf(fallback, 'DANE')?.dnssec).toMatchObject({
      source: 'resolver-ad-flag',
      fallback: true,
    });
    // A service answer without the field (an older service) shows no label rather than a guess.
    const older = standardsOf(provider(null, assessment('nonsense')), provider(null));
    expect(cellOf(older, 'DANE')?.dnssec).toBeUndefined();
  });
});

describe('the DKIM key protection in the report', () => {
  it('is an explicit outcome per signer: state, reason, zone and who vouched', () => {
    const report = buildReport({
      site: 'gmail',
      checkedAt: '2026-06-01T00:00:00.000Z',
      facts: {
        hops: [],
        from: null,
        envelopeFrom: null,
        dkimDomains: [],
        warnings: [],
        trust: { handoffIndex: null },
      } as never,
      sender: provider(null),
      recipient: provider(null),
      signers: [signer('validated-locally')],
      score: { padlock: {} as never, reasons: [], providers: [], threats: [], findings: [] },
      degraded: null,
    });
    expect(report.dkimKeyProtection).toEqual([
      {
        signer: 'example.org',
        selectors: ['sel'],
        state: 'secure',
        reason: 'signed',
        zone: 'example.org.',
        detail: 'signed',
        trust: 'validated-locally',
        fallbacks: [],
      },
    ]);
  });
});

describe('the popup shows the label beside each DNSSEC verdict', () => {
  afterEach(() => document.body.replaceChildren());

  const show = (standards: StandardRow[]) => {
    const root = document.createElement('div');
    document.body.append(root);
    render(<StandardsTable report={{ standards } as MessageReport} t={t} />, root);
    return root;
  };

  it('in words, with the source as data for styling and tests', () => {
    const local = show(standardsOf(provider(posture('validated-locally')), provider(null)));
    const labels = [...local.querySelectorAll('[data-testid="dnssec-label"]')];
    expect(labels.length).toBe(4);
    expect(labels.every((l) => l.getAttribute('data-source') === 'validated-locally')).toBe(true);
    expect(labels.map((l) => l.textContent)).toContain('record DNSSEC-signed · validated locally');
    expect(labels.map((l) => l.textContent)).toContain('validated locally');
    document.body.replaceChildren();
    const why = 'no authenticated DNSKEY for the trust anchor';
    const fallback = show(
      standardsOf(provider(posture('resolver-ad-flag', [why])), provider(null)),
    );
    const dnssecRow = [...fallback.querySelectorAll('tbody tr')].find(
      (tr) => tr.querySelector('th')?.textContent === 'DNSSEC',
    );
    const label = dnssecRow?.querySelector('[data-testid="dnssec-label"]');
    expect(label?.getAttribute('data-fallback')).toBe('true');
    // The cell is short; the reason is said once under the table, however many cells fell back.
    expect(label?.textContent).toBe("resolver's word (fallback, see below)");
    const notes = [...fallback.querySelectorAll('[data-testid="dnssec-fallback-note"]')];
    expect(notes.map((n) => n.textContent)).toEqual([
      `resolver's word (fallback: local validation did not complete: ${why})`,
    ]);
  });
});
