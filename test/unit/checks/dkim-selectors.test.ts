// DKIM selectors from a message, for the DNS checks: only those a trusted dkim=pass vouches for.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDkim } from '../../../lib/checks/dkim.ts';
import {
  type DkimSelectorFacts,
  dkimSelectorsFromFacts,
  MAX_DKIM_SELECTORS,
} from '../../../lib/checks/dkim-selectors.ts';
import { assessDomainDns } from '../../../lib/checks/domain-dns-posture.ts';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import { fakeDns, txt } from './fake-zone.ts';

const corpus = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../shared/corpus/${path}`, import.meta.url)));

const pass = (properties: Record<string, string>) => ({ result: 'pass', properties });

function facts(over: Partial<DkimSelectorFacts> = {}): DkimSelectorFacts {
  return {
    from: { domain: 'sender.example' },
    authentication: { dkim: [pass({ 'header.d': 'sender.example', 'header.s': 's2024' })] },
    dkimSignatures: [{ d: 'sender.example', s: 's2024' }],
    ...over,
  };
}

describe('dkimSelectorsFromFacts', () => {
  it('takes header.s of the trusted pass for the From domain (real messages)', () => {
    const amazon = analyzeHeaders(
      corpus('dkim-verifier/original/Fastmail from Amazon - Verify your new Amazon account.eml'),
    );
    // Two signatures passed; only amazon.com's selector applies to amazon.com's DNS.
    expect(dkimSelectorsFromFacts(amazon)).toEqual(['yg4mwqurec7fkhzutopddd3ytuaqrvuz']);
    expect(dkimSelectorsFromFacts(amazon, 'amazonses.com')).toEqual([
      '224i4yxa5dv7c2xz3womw6peuasteono',
    ]);
    // header.i (no header.d) names the signing domain too.
    expect(dkimSelectorsFromFacts(analyzeHeaders(corpus('rspamd/arcallow.eml')))).toEqual([
      'selector1',
    ]);
  });

  it('gives nothing for a domain no trusted pass signed for', () => {
    // zone.ee's mail is signed by zonevs.eu: no selector belongs under zone.ee.
    expect(dkimSelectorsFromFacts(analyzeHeaders(corpus('mailauth/arc-pass2.eml')))).toEqual([]);
    expect(dkimSelectorsFromFacts(facts({ from: null }))).toEqual([]);
  });

  it('ignores selectors of signatures nobody verified (a forger can name any selector)', () => {
    const forged = facts({
      authentication: { dkim: [{ result: 'fail', properties: { 'header.d': 'sender.example' } }] },
      dkimSignatures: [{ d: 'sender.example', s: 'made-up' }],
    });
    expect(dkimSelectorsFromFacts(forged)).toEqual([]);
    expect(dkimSelectorsFromFacts(facts({ authentication: { dkim: [] } }))).toEqual([]);
  });

  it('falls back to the signatures’ s= when the trusted pass names no selector', () => {
    const f = facts({
      authentication: { dkim: [pass({ 'header.d': 'Sender.Example.' })] },
      dkimSignatures: [
        { d: 'sender.example', s: 'A1' },
        { d: 'other.example', s: 'b1' },
        { d: 'SENDER.example', s: 'a1' },
      ],
    });
    expect(dkimSelectorsFromFacts(f)).toEqual(['a1']);
  });

  it('drops names that are not DNS labels and caps the number of look-ups', () => {
    const many = Array.from({ length: 10 }, (_, i) =>
      pass({ 'header.d': 'sender.example', 'header.s': `s${i}` }),
    );
    expect(dkimSelectorsFromFacts(facts({ authentication: { dkim: many } }))).toHaveLength(
      MAX_DKIM_SELECTORS,
    );
    const odd = ['bad_sel', 'x y', '-dash', `${'a'.repeat(64)}`, 'ok.sub', '..', ''].map((s) =>
      pass({ 'header.d': 'sender.example', 'header.s': s }),
    );
    expect(dkimSelectorsFromFacts(facts({ authentication: { dkim: odd } }))).toEqual(['ok.sub']);
  });

  it('feeds assessDomainDns: the key the message was signed with is fetched and judged', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const { dns } = fakeDns([txt('s2024._domainkey.sender.example', `v=DKIM1; k=rsa; p=${p}`)]);
    const dkimSelectors = dkimSelectorsFromFacts(facts());
    const posture = await assessDomainDns('sender.example', { dns, dkimSelectors });
    expect(posture.dkim).toMatchObject({
      status: 'pass',
      details: { estimate: false, keys: [{ selector: 's2024', bits: 2048 }] },
    });
    // Without the message, only MECSA's estimate is possible.
    expect(await checkDkim(dns, 'sender.example')).toMatchObject({ details: { estimate: true } });
  });
});
