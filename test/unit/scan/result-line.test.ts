// Issue 22: a scan counts each line by its facts record (made where the domain was assessed),
// never by parsing the ~26 KB assessment again: on the coordinator (lines from Redis) and when a
// scan resumes (lines from the file). These tests hold that, and that the facts give the very
// summary the whole lines give, however the file was written.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { streamExistingResults } from '../../../cli/scan/results-file.ts';
import { defineCheck } from '../../../lib/checks/registry/check-entry.ts';
import { type CheckTable, EVERY_DNS_CHECK } from '../../../lib/checks/registry.ts';
import {
  createScanAccumulator,
  summarizeScan,
  tallyEntryOf,
} from '../../../lib/scan/adoption-summary.ts';
import {
  FACTS_VERSION,
  readFactsHead,
  readResultText,
  serializeResult,
} from '../../../lib/scan/result-line.ts';

const dir = mkdtempSync(join(tmpdir(), 'mailseal-result-line-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** An assessed line, padded to the size of a real one (26 KB) with evidence the summary ignores. */
function assessed(domain: string, signed: boolean, starttls = true) {
  return {
    input: domain,
    domain,
    probe: {
      mxStatus: 'ok',
      mx: [
        {
          host: `mx.${signed ? 'signed' : 'plain'}.net`,
          addresses: [{ status: 'pass', starttls: { negotiated: starttls } }],
          certificate: { pkixValid: true, hostnameMatch: 'mx' },
          dane: { tlsaPresent: false },
        },
      ],
      mtaSts: {
        status: 'fail',
        record: { present: true, valid: true },
        policy: null,
        errors: [{ category: 'policy-fetch', kind: 'tcp' }],
      },
    },
    dns: {
      spf: { status: 'pass', details: { allPolicy: 'fail' } },
      dmarc: { status: 'fail', details: { effectivePolicy: 'none' } },
      tlsRpt: { status: 'none' },
      dnssec: { status: 'pass', details: { domainSigned: signed ? 'secure' : 'insecure' } },
      mtaSts: { status: 'pass' },
      // Quotes, braces and escapes in the evidence must not confuse the head reader.
      seal: { status: 'pass', details: { level: 3, note: 'a "}" and a \\ in text' } },
    },
    problems: [{ evidence: `{"input":"fake"} ${'x'.repeat(26_000)}` }],
  };
}

const LINES = [
  assessed('a.net', true),
  assessed('b.net', false, false),
  { input: '10.0.0.1', domain: null, reason: 'ip-literal', error: 'not a mail domain' },
  { input: 'gone.net', domain: 'gone.net', error: 'too many probes in progress' },
];

describe('a results line with its facts record', () => {
  it('puts the input first and the facts second, and stays the same JSON object', () => {
    const record = serializeResult(LINES[0] as never);
    expect(record.text.startsWith('{"input":"a.net","facts":{"v":')).toBe(true);
    const { facts, ...rest } = JSON.parse(record.text);
    expect(rest).toEqual(LINES[0]);
    const entry = tallyEntryOf(LINES[0]);
    expect(entry.kind).toBe('assessed');
    expect(facts).toEqual({ v: FACTS_VERSION, ...(entry.kind === 'assessed' && entry.facts) });
    // Lines without an assessment carry no facts: they are short, and read whole.
    expect(JSON.parse(serializeResult(LINES[2] as never).text)).toEqual(LINES[2]);
  });

  it('is counted from its head alone: the assessment is never parsed', () => {
    const texts = LINES.map((l) => serializeResult(l as never).text);
    const parse = vi.spyOn(JSON, 'parse');
    const records = texts.map((t) => readResultText(t));
    const parsedSizes = parse.mock.calls.map(([text]) => String(text).length);
    // Before the facts record, every 26 KB line went through JSON.parse whole.
    expect(Math.max(...parsedSizes)).toBeLessThan(1_000);
    expect(records.map((r) => r?.entry)).toEqual(LINES.map((l) => tallyEntryOf(l)));
    // The head reader needs only the first bytes of the line.
    expect(readFactsHead(texts[0]?.slice(0, 1_000) ?? '')?.input).toBe('a.net');
  });

  it('gives the same summary as the whole lines, on the coordinator and on resume', async () => {
    const texts = LINES.map((l) => serializeResult(l as never).text);
    const fromRedis = createScanAccumulator();
    for (const t of texts) {
      const record = readResultText(t);
      if (record) fromRedis.addEntry(record.entry);
    }
    expect(fromRedis.summary()).toEqual(summarizeScan(LINES));

    // A file written partly by an older version (no facts) and partly by this one.
    const path = join(dir, 'mixed.jsonl');
    writeFileSync(path, `${JSON.stringify(LINES[0])}\n${texts.slice(1).join('\n')}\n`);
    const parse = vi.spyOn(JSON, 'parse');
    const resumed = createScanAccumulator();
    await streamExistingResults(path, (r) => resumed.addEntry(r.entry));
    expect(resumed.summary()).toEqual(summarizeScan(LINES));
    // Only the old line was parsed whole.
    const whole = parse.mock.calls.filter(([t]) => String(t).length > 1_000);
    expect(whole).toHaveLength(1);
  });

  it('is read again from the whole line when its facts are stale', () => {
    const text = serializeResult(LINES[0] as never).text;
    const older = text.replace(`"v":${FACTS_VERSION}`, `"v":${FACTS_VERSION - 1}`);
    expect(readFactsHead(older)).toBeNull();
    expect(readResultText(older)?.entry).toEqual(tallyEntryOf(LINES[0]));
    // With the current version the record is what counts, not the assessment (it is never
    // parsed): so FACTS_VERSION must change whenever the reading of a line does.
    const lying = text.replace('"starttls":"supported"', '"starttls":"absent"');
    expect(readResultText(lying)?.entry).not.toEqual(tallyEntryOf(LINES[0]));
  });

  it('a check added since the line was written is counted from the whole line', () => {
    const seal = defineCheck({
      key: 'seal',
      run: async () => ({ check: 'seal', status: 'none' as const, findings: [], records: [] }),
      summary: () => '',
      report: null,
      scanRow: { label: 'SEAL', order: 9 },
    });
    const table: CheckTable = [...EVERY_DNS_CHECK, seal];
    const written = serializeResult(LINES[0] as never).text; // by the registry without SEAL
    expect(readFactsHead(written, table)).toBeNull();
    const entry = readResultText(written, table)?.entry;
    expect(entry?.kind === 'assessed' && entry.facts.adoption.seal).toBe('supported');
  });

  it('a torn or cut line is no record', () => {
    const text = serializeResult(LINES[0] as never).text;
    expect(readResultText(text.slice(0, -1))).toBeNull();
    expect(readResultText(text.slice(0, 400))).toBeNull();
  });
});
