// The padlock: green / amber / red / grey with one plain line and admin fix hints.
import { describe, expect, it } from 'vitest';
import type { MessageInput } from '../../../lib/score/inputs.ts';
import { padlockOf } from '../../../lib/score/padlock.ts';
import {
  type RecipientTransport,
  type SignerPosture,
  threatMatrix,
} from '../../../lib/score/threat-matrix.ts';
import { transitVerdict } from '../../../lib/score/transit-verdict.ts';
import { auth, hop, message } from '../../fixtures/score/builders.ts';

const DANE: RecipientTransport = { domain: 'recipient.example', dane: true, mtaStsEnforce: false };
const NOT_CHECKED: RecipientTransport = {
  domain: 'recipient.example',
  dane: null,
  mtaStsEnforce: null,
};
const PLAIN_TLS: RecipientTransport = {
  domain: 'recipient.example',
  dane: false,
  mtaStsEnforce: false,
};
const SIGNED: SignerPosture = { domain: 'sender.example', dnssec: true, dmarcPolicy: 'reject' };

function padlock(m: MessageInput, recipient = DANE, signer = SIGNED) {
  const transit = transitVerdict(m);
  return padlockOf(threatMatrix({ transit, recipient, signer }), transit);
}

const base = message();
const handoff = (over: Parameters<typeof hop>[1]) =>
  message({ hops: base.hops.map((h) => (h.index === 1 ? { ...h, ...over } : h)) });

describe('padlock levels', () => {
  it('green: TLS to a DANE-protected MX, aligned DKIM with a DNSSEC key, DMARC reject', () => {
    const p = padlock(base);
    expect(p.level).toBe('green');
    expect(p.deductions.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('amber: TLS without DANE or MTA-STS enforce is passive-only protection', () => {
    const p = padlock(base, PLAIN_TLS);
    expect(p).toMatchObject({ level: 'amber' });
    expect(p.reason).toMatch(/eavesdroppers/);
    const d = p.deductions.find((x) => x.code === 'padlock.no-mx-authentication');
    expect(d?.fix).toMatch(/DANE|MTA-STS/);
  });

  it('amber: DKIM without DNSSEC on the key does not stop an active attacker', () => {
    const p = padlock(base, DANE, { ...SIGNED, dnssec: false });
    expect(p.level).toBe('amber');
    expect(p.reason).toMatch(/could swap the sender’s signing key/);
    expect(p.deductions.map((d) => d.code)).toContain('padlock.dkim-key-unsigned');
  });

  it('amber: encrypted but not yet checked (unknown never green, never red)', () => {
    expect(
      padlock(base, NOT_CHECKED, { domain: null, dnssec: null, dmarcPolicy: null }).level,
    ).toBe('amber');
  });

  it('red: a cleartext handoff', () => {
    const p = padlock(handoff({ encrypted: false, tls: null, evidence: 'with ESMTP' }));
    expect(p.level).toBe('red');
    expect(p.reason).toBe('Not encrypted: someone on the network path could read this message.');
    expect(p.transport.state).toBe('cleartext');
    expect(p.deductions[0]).toMatchObject({ code: 'padlock.cleartext-hop', severity: 'high' });
    expect(p.deductions[0]?.fix).toBeTruthy();
  });

  it('red: broken encryption on the handoff', () => {
    const rc4 = handoff({
      tls: { version: 'TLSv1.0', cipher: 'TLS_RSA_WITH_RC4_128_SHA', class: 'insecure' },
    });
    expect(padlock(rc4).level).toBe('red');
  });

  it('red: failed authentication even over perfect transport', () => {
    const forged = message({
      authentication: { ...base.authentication, dmarc: auth('dmarc', 'fail') },
    });
    const p = padlock(forged);
    expect(p.level).toBe('red');
    expect(p.reason).toMatch(/forged/);
  });

  it('amber, not red: DMARC failed after forwarding but the provider verified the ARC chain', () => {
    const forwarded = message({
      authentication: {
        ...base.authentication,
        dmarc: auth('dmarc', 'fail'),
        arc: auth('arc', 'pass'),
      },
      arcSeals: [{ i: 1, cv: 'none' }],
    });
    const p = padlock(forwarded);
    expect(p.level).toBe('amber');
    expect(p.reason).toMatch(/forwarder/);
  });

  it('grey: no handoff found', () => {
    expect(padlock(message({ trust: { handoffIndex: null } })).level).toBe('grey');
  });

  it('grey: the handoff has no TLS evidence either way', () => {
    const p = padlock(handoff({ encrypted: null, tls: null }));
    expect(p.level).toBe('grey');
    expect(p.deductions.every((d) => d.severity === 'info')).toBe(true);
  });

  it('a reason is one line in plain words', () => {
    for (const m of [
      base,
      handoff({ encrypted: false, tls: null }),
      message({ trust: { handoffIndex: null } }),
    ]) {
      for (const r of [DANE, PLAIN_TLS, NOT_CHECKED]) {
        const { reason } = padlock(m, r);
        expect(reason).not.toMatch(/\n/);
        expect(reason.length).toBeLessThan(140);
      }
    }
  });

  it('notes sender-side cleartext claims and internal hops as information only', () => {
    const m = message({
      hops: [hop(0, { recordedBy: 'sender', encrypted: false, tls: null }), ...base.hops.slice(1)],
    });
    const p = padlock(m);
    expect(p.level).toBe('green');
    expect(p.deductions.map((d) => d.code).sort()).toEqual([
      'padlock.internal-cleartext',
      'padlock.sender-claims-cleartext',
    ]);
  });
});
