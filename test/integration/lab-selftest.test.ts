// The lab's scenarios checked with reference tools (kdig, posttls-finger, curl) against each
// scenario's expect.lab. One test per scenario, generated from the running lab's catalogue
// (including MAILSEAL_LAB_EXTRA files), so a new scenario is tested without new code.
import { describe, expect, it } from 'vitest';
import { readLabInfo, requireLab } from '../lab/lab-info.ts';
import { checkScenario } from '../lab/reference/checks.ts';
import { scenariosToCheck } from '../lab/reference/scenarios-to-check.ts';

const lab = readLabInfo();

// Concurrent: most time is spent waiting on servers (slow banners, stalled handshakes).
describe.concurrent('lab scenarios behave as their catalogue entry declares', () => {
  if (!lab) {
    it('needs the lab (npm run lab:start)', () => {
      requireLab();
    });
    return;
  }
  for (const scenario of scenariosToCheck(lab)) {
    it(`${scenario.name} (${scenario.domain})`, async () => {
      const results = await checkScenario(lab, scenario);
      const mismatches = results
        .filter((r) => !r.ok)
        .map(
          (r) =>
            `${r.check}: expected ${r.expected}, got ${r.actual}${r.detail ? `\n${r.detail}` : ''}`,
        );
      expect(mismatches).toEqual([]);
    }, 120_000);
  }
});
