// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupApp, type PopupDeps } from '../../../components/popup-app.tsx';
import type { TabVerdict } from '../../../lib/messaging/protocol.ts';
import { text } from '../../../lib/score/text.ts';
import { fixtureVerdict, t } from './report-fixture.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

function mount(verdict: TabVerdict | null, copied: string[] = []) {
  const root = document.createElement('div');
  document.body.append(root);
  const deps: PopupDeps = {
    t,
    loadVerdict: async () => verdict,
    copyText: async (text) => {
      copied.push(text);
    },
    optionsUrl: 'chrome-extension://id/options.html',
  };
  render(<PopupApp deps={deps} />, root);
  return root;
}

describe('popup', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows the padlock, the reasons, the path with its trust line, and the tables', async () => {
    const root = mount(fixtureVerdict());
    await settle();
    const summary = root.querySelector('[data-testid="verdict-summary"]');
    expect(summary?.classList.contains('level-amber')).toBe(true);
    expect(summary?.querySelector('.level-word')?.textContent).toBe('partly protected');
    const hops = [...root.querySelectorAll('[data-testid="delivery-path"] > li')];
    expect(hops.map((hop) => hop.querySelector('.hop-hosts')?.textContent)).toEqual([
      'Hop 1 laptop.sender.example → mx.sender.example',
      'Hop 2 mx.sender.example → mx.google.com',
      'Hop 3 unknown host → 2002:a05:6a10:1::1',
    ]);
    expect(hops[0]?.textContent).toContain('claimed by the sender');
    expect(hops[1]?.classList.contains('hop-handoff')).toBe(true);
    expect(hops[1]?.textContent).toContain('recorded by your provider');
    expect(root.querySelectorAll('[data-testid="standards"] tbody tr')).toHaveLength(9);
    expect(root.querySelectorAll('[data-testid="threat-matrix"] tbody tr').length).toBeGreaterThan(
      0,
    );
    expect(root.querySelector('.degraded')?.textContent).toBe(
      'Not checked without the probe service: encryption and certificates of the mail servers, DANE and MTA-STS.',
    );
  });

  it('copies the report as JSON', async () => {
    const copied: string[] = [];
    const verdict = fixtureVerdict();
    const root = mount(verdict, copied);
    await settle();
    const button = [...root.querySelectorAll('button')].find(
      (b) => b.textContent === 'Copy report as JSON',
    );
    button?.click();
    await settle();
    expect(JSON.parse(copied[0] ?? 'null')).toEqual(JSON.parse(JSON.stringify(verdict.report)));
    expect(root.querySelector('output')?.textContent).not.toBe('');
  });

  it('says so when the tab shows no message', async () => {
    const root = mount(null);
    // Polled, not slept: on a loaded machine the first render can take longer than a tick.
    await expect.poll(() => root.textContent).toContain(t('popupNoMessage'));
    expect(root.querySelector('[data-testid="verdict-summary"]')).toBeNull();
  });

  it('admin view: one block per MX host, listed once when sender and recipient share it', async () => {
    // Before: a five-column table that wrapped the strict senders' verdicts one word per line
    // at 320 px, and allgood.lab to allgood.lab listed its MX and findings twice.
    const verdict = fixtureVerdict();
    const row = {
      host: 'mx1.allgood.lab',
      starttls: 'yes' as const,
      certificate: text('mx_cert_valid_for', 'mx-host'),
      dane: text('mx_dane_valid'),
      mtaSts: text('mx_sts_listed'),
      strictSenders: {
        dane: text('labelled', text('outcome_authenticated_tls'), 'TLSA 3 1 1 matches'),
        mtaSts: text('labelled', text('outcome_authenticated_tls'), 'DANE takes precedence'),
        opportunistic: text('labelled', text('outcome_unauthenticated_tls'), 'TLSv1.3'),
      },
    };
    const finding = { code: 'dane.authenticated', severity: 'info' as const, message: 'ok' };
    if (verdict.report)
      verdict.report.admin = { mx: [row, { ...row }], findings: [finding, finding] };
    const root = mount(verdict);
    await settle();
    const hosts = [...root.querySelectorAll('[data-testid="mx-hosts"] .mx-host')];
    expect(hosts.map((h) => h.querySelector('h4')?.textContent)).toEqual(['mx1.allgood.lab']);
    expect(root.querySelector('table.mx')).toBeNull();
    expect(hosts[0]?.textContent).toContain('A DANE sender');
    expect(root.querySelectorAll('.findings li')).toHaveLength(1);
  });
});
