// `mailseal headers --json` on every corpus message with Received headers matches
// test/fixtures/headers/corpus-expectations.json: per hop encrypted / tls.version / recordedBy,
// the handoff, and the trusted DMARC / DKIM / SPF results. Runs the CLI in-process.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.ts';
import { runCli } from '../../../cli/main.ts';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import type { MessageFacts } from '../../../lib/headers/message-facts.ts';

const CORPUS = new URL('../../../../shared/corpus/', import.meta.url);

interface Expectation {
  handoffIndex: number | null;
  hops: { encrypted: boolean | null; tlsVersion: string | null; recordedBy: string }[];
  trusted: { dmarc: string | null; dkim: string[]; spf: string | null };
}

const expectations = JSON.parse(
  readFileSync(new URL('../../fixtures/headers/corpus-expectations.json', import.meta.url), 'utf8'),
) as { messages: Record<string, Expectation> };
const index = JSON.parse(readFileSync(new URL('index.json', CORPUS), 'utf8')) as {
  path: string;
  receivedCount: number;
}[];

async function factsViaCli(path: string): Promise<MessageFacts> {
  let out = '';
  const io: CliIo = {
    out: (t) => {
      out += t;
    },
    err: () => {},
  };
  const code = await runCli(['headers', '--json', fileURLToPath(new URL(path, CORPUS))], io);
  expect(code).toBe(0);
  return JSON.parse(out) as MessageFacts;
}

describe('corpus expectations', () => {
  it('covers every corpus message that has Received headers', () => {
    const withReceived = index.filter((e) => e.receivedCount > 0).map((e) => e.path);
    expect(Object.keys(expectations.messages).sort()).toEqual(withReceived.sort());
  });

  it.each(Object.entries(expectations.messages))('%s', async (path, want) => {
    const facts = await factsViaCli(path);
    const entry = index.find((e) => e.path === path);
    expect(facts.hops).toHaveLength(entry?.receivedCount ?? -1);
    expect(facts.trust.handoffIndex).toBe(want.handoffIndex);
    expect(
      facts.hops.map((h) => ({
        encrypted: h.encrypted,
        tlsVersion: h.tls?.version ?? null,
        recordedBy: h.recordedBy,
      })),
    ).toEqual(want.hops);
    const a = facts.authentication;
    expect({
      dmarc: a.dmarc?.result ?? null,
      dkim: a.dkim.map((d) => d.result),
      spf: a.spf?.result ?? null,
    }).toEqual(want.trusted);
    for (const h of facts.hops) expect(h.evidence.length).toBeGreaterThan(0);
  });
});

describe('docs/message-facts.schema.json', () => {
  it('validates the output for every corpus message and every forged fixture', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const addFormats = (await import('ajv-formats')).default;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const schema = JSON.parse(
      readFileSync(new URL('../../../docs/message-facts.schema.json', import.meta.url), 'utf8'),
    );
    const validate = ajv.compile(schema);
    for (const e of index) {
      const facts = await factsViaCli(e.path);
      expect(validate(facts) ? [] : validate.errors, e.path).toEqual([]);
    }
    const forgedDir = new URL('../../fixtures/headers/forged/', import.meta.url);
    for (const name of readdirSync(forgedDir)) {
      const facts = analyzeHeaders(readFileSync(new URL(name, forgedDir)));
      expect(validate(facts) ? [] : validate.errors, name).toEqual([]);
    }
  });
});
