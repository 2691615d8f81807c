// BIMI and DKIM key findings in the reader's language (issue 16, "Languages"): each is worded as
// a catalogue key whose English is the unchanged `message`, and German words it in German.
// Scenarios follow txt-records.test.ts and dkim.test.ts, which assert the codes themselves.
import { describe, expect, it } from 'vitest';
import { checkDkim } from '../../../lib/checks/dkim.ts';
import { fakeDns, txt } from './fake-zone.ts';
import { bimiFindings, dkimFindings } from './finding-scenarios-keys.ts';
import { expectWorded, inGerman } from './worded.ts';

describe('BIMI and DKIM findings in the reader’s language', () => {
  it('BIMI: every finding is worded, its English unchanged', async () => {
    const findings = await bimiFindings();
    expect(new Set(findings.map((f) => f.code)).size).toBeGreaterThanOrEqual(9);
    expectWorded(findings);
  });

  it('DKIM: every finding is worded, its English unchanged', async () => {
    const findings = await dkimFindings();
    expect(new Set(findings.map((f) => f.code)).size).toBeGreaterThanOrEqual(12);
    expectWorded(findings);
  });

  it('keeps tags and RFC sections as they are in German', async () => {
    const { dns } = fakeDns([txt('s1._domainkey.example.test', 'v=DKIM1; h=sha1; p=AAAA')]);
    const [hash] = (await checkDkim(dns, 'example.test', ['s1'])).findings;
    if (!hash) throw new Error('no finding');
    expect(hash.message).toBe(
      's1._domainkey.example.test: h=sha1 does not allow sha256, the only hash verifiers accept (RFC 8301 §3.1).',
    );
    expect(inGerman(hash)).toBe(
      's1._domainkey.example.test: h=sha1 erlaubt kein sha256, den einzigen Hash, den Prüfer akzeptieren (RFC 8301 §3.1).',
    );
  });
});
