// The CLI printer shows the padlock line, the matrix, stars per channel and fix hints.
import { describe, expect, it } from 'vitest';
import { formatMessageScore, formatProviderScore } from '../../../cli/report/score-report.ts';
import { scoreProvider } from '../../../lib/score/provider-score.ts';
import { scoreMessage } from '../../../lib/score/score-message.ts';
import { dnsFacts, message, mx, probe } from '../../fixtures/score/builders.ts';

describe('score report', () => {
  it('prints padlock, matrix and transit for a message', () => {
    const text = formatMessageScore(
      scoreMessage({
        facts: message(),
        recipient: { dns: dnsFacts('recipient.example', { dane: false, mtaStsRecord: false }) },
      }),
    );
    expect(text).toMatch(
      /^Padlock: 🔒 amber — Encrypted against eavesdroppers, but an attacker on the path could still read it/,
    );
    expect(text).toMatch(/fix: Recipient’s admin: publish DANE TLSA records/);
    expect(text).toMatch(/confidentiality\s+yes\s+NO\s+—/);
    expect(text).toMatch(
      /Transit: handoff encrypted \(TLSv1.3, TLS_AES_256_GCM_SHA384\); DKIM pass aligned; SPF pass; DMARC pass; no ARC chain/,
    );
    expect(text).toMatch(/MECSA scores for sender.example/);
  });

  it('prints stars per channel, ranges for unknowns and the minimum line', () => {
    const score = scoreProvider({
      domain: 'example.org',
      dns: dnsFacts('example.org', { dnssec: false }),
      probe: probe('example.org', [mx({ host: 'mx1.example.org' })]),
    });
    const text = formatProviderScore(score);
    expect(text).toContain('    Confidential delivery       ★★★½☆ 3.5  (row 3.1/4)');
    expect(text).toMatch(/outbound\n {4}Confidential delivery {7}····· /);
    expect(text).toContain('Recommended minimum (≥ 3.5 stars in every category): yes');
    expect(text).toMatch(/fix: Sign the domain and the MX host zones with DNSSEC/);
  });
});

describe('mailseal headers shows the padlock', () => {
  it('prints the padlock line and the matrix after the hop table', async () => {
    const { runCli } = await import('../../../cli/main.ts');
    let out = '';
    const code = await runCli(
      [
        'headers',
        '--no-history',
        new URL('../../../../shared/corpus/mailauth/arc-pass2.eml', import.meta.url).pathname,
      ],
      {
        out: (t) => {
          out += t;
        },
        err: () => {},
      },
    );
    expect(code).toBe(0);
    expect(out).toMatch(/Padlock: 🔒 amber — Encrypted, but not signed by the sender’s domain\./);
    expect(out).toMatch(/Threat matrix \(Foster et al\.\)/);
  });
});
