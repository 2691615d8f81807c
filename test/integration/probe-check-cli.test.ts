// `mailseal check --json` as a real process on a lab scenario: the documented DomainProbeReport
// (its stable fields unchanged) plus `dns` and `scores`, valid against the published schema, with
// the inbound stars the catalogue expects.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../lab/catalogue.ts';
import { findScenario, requireLab } from '../lab/lab-info.ts';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const lab = requireLab();
const schema = JSON.parse(
  readFileSync(resolve(root, 'docs/domain-probe-report.schema.json'), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(
  schema,
);

interface ScoreExpect {
  inbound: { confidentiality: number | null; phishing: number | null; integrity: number | null };
}

describe('mailseal check --json', () => {
  it.each(['allgood', 'nostarttls'])(
    '%s: report, dns and scores',
    { timeout: 60_000 },
    async (name) => {
      const scenario = findScenario(lab, name);
      const { stdout } = await run(
        process.execPath,
        [resolve(root, 'cli/bin/mailseal.js'), 'check', scenario.domain, '--lab', '--json'],
        { env: { ...process.env, NO_COLOR: '1' } },
      ).catch((error: { stdout?: string; code?: number }) => {
        // Exit code 1 means "some sender would refuse or go cleartext"; the JSON is still printed.
        if (error.code === 1 && error.stdout) return { stdout: error.stdout };
        throw error;
      });
      const body = JSON.parse(stdout);
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      expect(body.domain).toBe(scenario.domain);
      expect(body.mx[0]).toHaveProperty('addresses');
      expect(body.dns?.domain).toBe(scenario.domain);
      const entry = loadCatalogue().find((s) => s.name === name);
      const want = (entry?.expect as { score?: ScoreExpect } | undefined)?.score;
      expect(want).toBeDefined();
      const c = body.scores.inbound.categories;
      expect({
        confidentiality: c.confidentiality.stars,
        phishing: c.phishing.stars,
        integrity: c.integrity.stars,
      }).toEqual(want?.inbound);
    },
  );
});
