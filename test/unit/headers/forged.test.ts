// Forged-header attacks: a sender plants Received, Authentication-Results or Received-SPF headers.
// None of them may turn a verdict green: trusted DMARC/DKIM/SPF stay what the recipient's provider
// wrote, and the handoff hop's encryption stays what the provider recorded.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import type { MessageFacts } from '../../../lib/headers/message-facts.ts';

function load(name: string): MessageFacts {
  const raw = readFileSync(new URL(`../../fixtures/headers/forged/${name}`, import.meta.url));
  return analyzeHeaders(raw, { now: Date.UTC(2026, 2, 4) });
}

/** What a badge would show green: any trusted pass, or an encrypted handoff. */
function greens(f: MessageFacts): string[] {
  const g: string[] = [];
  const a = f.authentication;
  if (a.dmarc?.result === 'pass') g.push('dmarc');
  if (a.spf?.result === 'pass') g.push('spf');
  if (a.dkim.some((d) => d.result === 'pass')) g.push('dkim');
  if (a.arc?.result === 'pass') g.push('arc');
  if (f.alignment.dkim.relaxed) g.push('dkim-aligned');
  if (f.alignment.spf.relaxed) g.push('spf-aligned');
  if (f.transport.handoffEncrypted === true) g.push('handoff-tls');
  return g;
}

describe('forged Authentication-Results', () => {
  it('a provider-id AR below the sender’s own Received header is only a claim (Gmail)', () => {
    const f = load('gmail-forged-ar-below-sender-received.eml');
    expect(f.authentication.authservId).toBe('mx.google.com');
    expect(f.authentication.dmarc?.result).toBe('fail');
    expect(f.authentication.spf?.result).toBe('softfail');
    expect(f.authentication.dkim).toEqual([]);
    expect(greens(f)).toEqual([]);
    expect(f.claims.some((c) => c.method === 'dmarc' && c.result === 'pass')).toBe(true);
    // the forged older hop, with its TLS comment, is recorded by the sender
    expect(f.hops[0]?.recordedBy).toBe('sender');
    expect(f.hops[0]?.encrypted).toBe(true);
    expect(f.transport.handoffEncrypted).toBe(false);
  });

  it('a provider-id AR at the top of the sender’s message (no own Received) loses to the provider’s', () => {
    const f = load('gmail-forged-ar-top-of-message.eml');
    expect(f.authentication.spf?.result).toBe('fail');
    expect(f.authentication.dmarc).toBeNull();
    expect(greens(f)).toEqual([]);
    expect(f.claims.filter((c) => c.result === 'pass').map((c) => c.method)).toEqual(
      expect.arrayContaining(['dkim', 'spf', 'dmarc']),
    );
  });

  it('a forged AR cannot add a method the provider did not report', () => {
    const f = load('gmail-genuine-no-dmarc-forged-below.eml');
    expect(f.authentication.spf?.result).toBe('pass');
    expect(f.authentication.dmarc).toBeNull();
    expect(f.authentication.dkim).toEqual([]);
    expect(f.authentication.arc).toBeNull();
    expect(f.alignment.dkim.relaxed).toBe(false);
    // SPF passed for small.example, which is not the From domain: no aligned green either
    expect(f.alignment.spf.relaxed).toBe(false);
  });

  it('an AR in the position a provider that writes none would use is not trusted (non-Gmail)', () => {
    const f = load('postfix-no-ar-forged-directly-below.eml');
    expect(f.trust.handoffIndex).toBe(0);
    expect(f.authentication.authservId).toBeNull();
    expect(greens(f)).toEqual([]);
    expect(f.claims.map((c) => c.authservId)).toContain('mx.example.net');
  });

  it('Outlook: the id-less AR above the handoff counts, the one below it is a claim', () => {
    const f = load('outlook-forged-idless-ar.eml');
    expect(f.trust.providerDomains).toContain('outlook.com');
    expect(f.hops.map((h) => h.recordedBy)).toEqual(['recipient', 'recipient', 'recipient']);
    expect(f.trust.handoffIndex).toBe(0);
    expect(f.authentication.dmarc?.result).toBe('fail');
    expect(f.authentication.spf?.result).toBe('fail');
    expect(f.authentication.other.find((r) => r.method === 'compauth')?.result).toBe('fail');
    expect(greens(f)).not.toContain('dmarc');
    expect(f.claims.some((c) => c.method === 'dmarc' && c.result === 'pass')).toBe(true);
  });
});

describe('forged Received headers', () => {
  it('a forged TLS chain below a plaintext handoff stays a claim', () => {
    const f = load('forged-received-tls-chain.eml');
    const handoff = f.hops[f.trust.handoffIndex ?? -1];
    expect(handoff?.by.host).toBe('mx.example.net');
    expect(handoff?.encrypted).toBe(false);
    expect(f.hops.filter((h) => h.recordedBy === 'sender')).toHaveLength(2);
    expect(f.transport.handoffEncrypted).toBe(false);
    expect(f.transport.recipientHopsEncrypted).toBe(false);
    expect(f.transport.senderHopsEncrypted).toBe(true);
    expect(f.authentication.dmarc?.result).toBe('fail');
    expect(greens(f)).toEqual([]);
  });

  it('a HELO that names a provider host does not extend trust', () => {
    const f = load('forged-helo-provider-name.eml');
    const handoff = f.hops[f.trust.handoffIndex ?? -1];
    expect(handoff?.from.ip).toBe('203.0.113.7');
    expect(handoff?.from.helo).toBe('mail-sor-f41.google.com');
    // the planted "internal Google" hops below are the sender's
    expect(f.hops.slice(0, 2).every((h) => h.recordedBy === 'sender')).toBe(true);
    expect(f.authentication.dmarc).toBeNull();
    expect(f.authentication.spf?.result).toBe('none');
    expect(greens(f)).toEqual([]);
  });

  it('a look-alike reverse DNS name is judged on its organizational domain', () => {
    const f = load('forged-rdns-lookalike.eml');
    const handoff = f.hops[f.trust.handoffIndex ?? -1];
    expect(handoff?.from.host).toBe('mx.google.com.attacker.example');
    expect(f.hops[0]?.recordedBy).toBe('sender');
    expect(f.authentication.dmarc?.result).toBe('fail');
    expect(greens(f)).toEqual([]);
  });
});

describe('caller-provided trust', () => {
  it('providerDomains adds hosts but never moves a forged AR above the boundary', () => {
    const raw = readFileSync(
      new URL(
        '../../fixtures/headers/forged/postfix-no-ar-forged-directly-below.eml',
        import.meta.url,
      ),
    );
    const f = analyzeHeaders(raw, {
      providerDomains: ['example.net'],
      trustedAuthservIds: ['mx.example.net'],
    });
    expect(f.authentication.dmarc).toBeNull();
    expect(f.trust.trustedAuthservIds).toContain('mx.example.net');
  });
});
