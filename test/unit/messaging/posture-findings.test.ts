// An admin opening the popup sees what the DNS checks found at each provider, not only the
// padlock's deductions and the probe's findings: before, a sender's SPF record that ends in
// "~all" or publishes no DMARC record was in the posture but never in the admin view.
import { describe, expect, it } from 'vitest';
import { assessDomainDns } from '../../../lib/checks/domain-dns-posture.ts';
import { EVERY_DNS_CHECK } from '../../../lib/checks/registry.ts';
import { checkSpf } from '../../../lib/checks/spf/spf-check.ts';
import { postureFindings } from '../../../lib/messaging/posture-findings.ts';
import { say } from '../../../lib/messaging/say.ts';
import { english } from '../../../lib/score/text.ts';
import { fakeDns, mx, txt } from '../checks/fake-zone.ts';
import { messageIn } from '../ext/i18n-fixture.ts';

const german = messageIn('de');
const tGerman = (key: string, subs?: string | string[]) => german(key, subs) || key;

/** A posture with the SPF check's real outcome and the MX check's, as assessDomainDns keys them. */
async function softfailPosture(): Promise<Record<string, unknown>> {
  const mxZone = fakeDns([mx('example.test', 'mx.example.test')]).dns;
  const spfZone = fakeDns([txt('example.test', 'v=spf1 ~all')]).dns;
  const { mx: mxCheck } = await assessDomainDns('example.test', { dns: mxZone, now: () => 0 });
  return { mx: mxCheck, spf: await checkSpf(spfZone, 'example.test') };
}

describe('the DNS checks’ findings in the admin view', () => {
  it('lists each finding once, with its provider’s domain, worst first', async () => {
    const findings = postureFindings('example.test', await softfailPosture(), EVERY_DNS_CHECK);
    const codes = findings.map((f) => f.code);
    expect(codes).toContain('spf.all-softfail');
    expect(codes).toContain('mx.host-no-address');
    for (const f of findings) {
      expect(f.severity).not.toBe('info');
      expect(f.message).toContain('example.test');
      expect(english(f.text ?? { key: '', params: [] })).toBe(f.message);
    }
    const ranks = findings.map((f) =>
      ['critical', 'high', 'medium', 'low', 'info'].indexOf(f.severity),
    );
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  });

  it('shows them in German, and nothing without a domain or a posture', async () => {
    const posture = await softfailPosture();
    const list = postureFindings('example.test', posture, EVERY_DNS_CHECK)
      .map((f) => (f.text ? say(tGerman, f.text) : f.message))
      .join('\n');
    expect(list).toContain('Der SPF-Eintrag von example.test endet auf "~all"');
    expect(list).not.toContain('ends in');
    expect(postureFindings(null, posture, EVERY_DNS_CHECK)).toEqual([]);
    expect(postureFindings('example.test', null, EVERY_DNS_CHECK)).toEqual([]);
  });

  it('ignores what is not a finding (a posture read back from storage may be old or damaged)', () => {
    const damaged = { spf: { findings: [{ code: 'spf.x' }, null, 'text', { code: 1 }] } };
    expect(postureFindings('example.test', damaged, EVERY_DNS_CHECK)).toEqual([]);
  });
});
