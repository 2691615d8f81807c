// `mailseal headers` in-process: the readable table and --json.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import type { MessageFacts } from '../../../lib/headers/message-facts.ts';
import { captureIo } from '../../fixtures/cli/capture-io.ts';

const ARCBAD = fileURLToPath(
  new URL('../../../../shared/corpus/rspamd/arcbad.eml', import.meta.url),
);
const FORGED = fileURLToPath(
  new URL('../../fixtures/headers/forged/forged-received-tls-chain.eml', import.meta.url),
);

describe('mailseal headers', () => {
  it('prints a hop table with locks, delays, the trust line and auth verdicts', async () => {
    const io = captureIo();
    expect(await runCli(['headers', ARCBAD], io)).toBe(0);
    const text = io.stdout();
    expect(text).toMatch(/Delivery path \(8 hops, oldest first\)/);
    expect(text).toContain('🔒');
    expect(text).toContain('🔓');
    expect(text).toMatch(/trust boundary/);
    expect(text).toMatch(
      /Trust: entered the recipient’s provider at mail\.highsecure\.ru from mx2\.freebsd\.org/,
    );
    expect(text).toMatch(/\+9s/);
    expect(text).toMatch(/TLSv1\.3 TLS_AES_256_GCM_SHA384 \[Recommended\]/);
    expect(text).toMatch(/DMARC {2}no result/);
    expect(text).toMatch(/untrusted claim/);
  });

  it('--json prints MessageFacts', async () => {
    const io = captureIo();
    expect(await runCli(['headers', '--json', FORGED], io)).toBe(0);
    const facts = JSON.parse(io.stdout()) as MessageFacts;
    expect(facts.schemaVersion).toBe(1);
    expect(facts.hops).toHaveLength(3);
    expect(facts.transport.handoffEncrypted).toBe(false);
    expect(facts.authentication.dmarc?.result).toBe('fail');
  });

  it('--provider and --authserv-id reach the engine', async () => {
    const io = captureIo();
    await runCli(
      ['headers', '--json', '--provider', 'example.net', '--authserv-id', 'mx.example.net', FORGED],
      io,
    );
    const facts = JSON.parse(io.stdout()) as MessageFacts;
    expect(facts.trust.providerDomains).toContain('example.net');
    expect(facts.trust.trustedAuthservIds).toContain('mx.example.net');
  });

  it('exits 2 with a message for a missing file', async () => {
    const io = captureIo();
    expect(await runCli(['headers', '/nonexistent/x.eml'], io)).toBe(2);
    expect(io.stderr()).toMatch(/cannot read/);
  });
});
