// Every finding the DNS checks give an admin reads in the reader's language (issue 16,
// "Languages"): each is worded as a catalogue key whose English is the `message` the CLI and JSON
// readers see, unchanged, and German words it in German. Before, every one was English-only.
import { describe, expect, it } from 'vitest';
import { checkSpf } from '../../../lib/checks/spf/spf-check.ts';
import { fakeDns, txt } from './fake-zone.ts';
import {
  dmarcFindings,
  mtaStsFindings,
  mxFindings,
  spfFindings,
  tlsRptFindings,
} from './finding-scenarios-records.ts';
import { expectWorded, inGerman } from './worded.ts';

describe('DNS check findings in the reader’s language', () => {
  it.each([
    ['MX', mxFindings, 9],
    ['TLS-RPT', tlsRptFindings, 9],
    ['MTA-STS record', mtaStsFindings, 9],
  ] as const)('%s: every finding is worded, its English unchanged', async (_name, collect, min) => {
    const findings = await collect();
    expect(new Set(findings.map((f) => f.code)).size).toBeGreaterThanOrEqual(min);
    expectWorded(findings);
  });

  it('SPF: every finding is worded, its English unchanged', async () => {
    const findings = await spfFindings();
    const codes = new Set(findings.map((f) => f.code));
    expect(codes.size).toBeGreaterThanOrEqual(25);
    expectWorded(findings);
  });

  it('DMARC: every finding is worded, its English unchanged', async () => {
    const findings = await dmarcFindings();
    const codes = new Set(findings.map((f) => f.code));
    expect(codes.size).toBeGreaterThanOrEqual(22);
    expectWorded(findings);
  });

  it('keeps record terms as they are in German', async () => {
    const { dns } = fakeDns([txt('example.test', 'v=spf1 ~all')]);
    const [softfail] = (await checkSpf(dns, 'example.test')).findings;
    if (!softfail) throw new Error('no finding');
    expect(softfail.message).toBe(
      'The SPF record of example.test ends in "~all": unauthorised mail is marked, not rejected.',
    );
    expect(inGerman(softfail)).toBe(
      'Der SPF-Eintrag von example.test endet auf "~all": Nicht berechtigte Mail wird markiert, nicht abgewiesen.',
    );
  });
});
