// The class, not a sample (issue 16, "Languages"): every finding code the DNS checks register is
// produced by some scenario of finding-scenarios-*.ts, and every finding produced is worded as a
// catalogue key whose English is its `message`, in German too. A new code without a worded
// scenario fails here, as finding-codes.test.ts fails for a code without a test.
import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../../lib/checks/finding-codes.ts';
import { dnssecFindings, tlsaFindings } from './finding-scenarios-dnssec.ts';
import { bimiFindings, dkimFindings } from './finding-scenarios-keys.ts';
import {
  dmarcFindings,
  mtaStsFindings,
  mxFindings,
  spfFindings,
  tlsRptFindings,
} from './finding-scenarios-records.ts';
import { expectWorded } from './worded.ts';

const COLLECTORS = [
  spfFindings,
  dmarcFindings,
  mxFindings,
  tlsRptFindings,
  mtaStsFindings,
  tlsaFindings,
  dnssecFindings,
  bimiFindings,
  dkimFindings,
];

describe('every DNS check finding code in the reader’s language', () => {
  it('is produced by a scenario, and each finding is worded', async () => {
    const findings = (await Promise.all(COLLECTORS.map((collect) => collect()))).flat();
    const produced = new Set(findings.map((f) => f.code));
    const missing = Object.keys(FINDING_CODES).filter((code) => !produced.has(code));
    expect(missing).toEqual([]);
    expectWorded(findings);
  });
});
