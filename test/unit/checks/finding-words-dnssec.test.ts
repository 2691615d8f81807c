// The DNSSEC and TLSA findings in the reader's language (issue 16, "Languages"): each is worded
// as a catalogue key whose English is the unchanged `message`, and German words it in German.
// Scenarios follow mx-tlsa-dnssec.test.ts (resolver's AD flag) and dnssec-local.test.ts (local
// validation), which assert the codes themselves.
import { describe, expect, it } from 'vitest';
import { checkTlsa } from '../../../lib/checks/tlsa.ts';
import { fakeDns } from './fake-zone.ts';
import { base, dnssecFindings, secure, tlsa, tlsaFindings } from './finding-scenarios-dnssec.ts';
import { expectWorded, inGerman } from './worded.ts';

describe('DNSSEC and TLSA findings in the reader’s language', () => {
  it('TLSA: every finding is worded, its English unchanged', async () => {
    const findings = await tlsaFindings();
    expect(new Set(findings.map((f) => f.code)).size).toBeGreaterThanOrEqual(7);
    expectWorded(findings);
  });

  it('DNSSEC: every finding is worded, its English unchanged', async () => {
    const findings = await dnssecFindings();
    expect(new Set(findings.map((f) => f.code)).size).toBeGreaterThanOrEqual(6);
    expectWorded(findings);
  });

  it('translates the reason nested in a TLSA finding', async () => {
    const { dns } = fakeDns([...base, tlsa('mx1.example.test', 1)], { zones: secure });
    const pkix = (await checkTlsa(dns, 'example.test')).findings[0];
    if (!pkix) throw new Error('no finding');
    expect(pkix.message).toBe(
      'TLSA PKIX-EE SPKI SHA2-256: PKIX-EE(1) is unsuitable for SMTP (RFC 7672 §3.1.3); senders ignore it.',
    );
    expect(inGerman(pkix)).toBe(
      'TLSA PKIX-EE SPKI SHA2-256: PKIX-EE(1) ist für SMTP ungeeignet (RFC 7672 §3.1.3); Absender ignorieren den Eintrag.',
    );
  });
});
