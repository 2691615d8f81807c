// Issue 16, "wrong today": what the report says about a message must come from that message.
// Real corpus messages (../shared/corpus, mailauth and rspamd test messages), scored as the
// extension scores them: the DKIM key of the message's own signer, the signer zone's DNSSEC
// (not the MX zones'), a forgery as a forgery, two From fields said plainly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import { noticesOf } from '../../../lib/messaging/build-report.ts';
import { scoreParts } from '../../../lib/messaging/score-parts.ts';
import { scoreMessage } from '../../../lib/score/score-message.ts';
import { english } from '../../../lib/score/text.ts';
import { dnsFacts, mx, probe } from '../../fixtures/score/builders.ts';

const CORPUS = new URL('../../../../shared/corpus/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, CORPUS), 'latin1');
const facts = (raw: string) => analyzeHeaders(raw, { providerDomains: ['google.com'] });

/** gmail.com as a probe finds it when it publishes DANE for every MX (a recipient that verifies). */
const DANE_RECIPIENT = {
  dns: dnsFacts('gmail.com'),
  probe: probe('gmail.com', [mx({ host: 'gmail-smtp-in.l.google.com', dane: true })]),
};

describe('the DKIM key of the message itself', () => {
  // mailauth/bimi.eml: From srv.dev, signed d=out.srv.dev s=smtp, DMARC pass p=REJECT at Gmail.
  const bimi = facts(read('mailauth/bimi.eml'));

  it('a subdomain signer with a DNSSEC-protected key can turn green', () => {
    const score = scoreMessage({
      facts: bimi,
      recipient: DANE_RECIPIENT,
      sender: { dns: dnsFacts('srv.dev') },
      signerKeys: [{ domain: 'out.srv.dev', dnssec: true, key: 'present', bits: 2048 }],
    });
    expect(score.transit.dkim.domain).toBe('out.srv.dev');
    expect(score.signer).toMatchObject({ domain: 'out.srv.dev', dnssec: true, keyBits: 2048 });
    expect(score.padlock.level).toBe('green');
    expect(score.padlock.sender.state).toBe('verified');
  });

  it('without the key lookup, a subdomain signer stays "not checked", never green', () => {
    const score = scoreMessage({
      facts: bimi,
      recipient: DANE_RECIPIENT,
      sender: { dns: dnsFacts('srv.dev') },
    });
    expect(score.matrix.authenticity.active.code).toBe('signer-not-checked');
    expect(score.padlock.level).toBe('amber');
  });

  it('the signer zone decides, not the sender’s MX zones', () => {
    // srv.dev's own zone is signed, its MX hosts' zones are not: MECSA's DNSSEC says no, yet the
    // key under srv.dev is protected. (Before: the MX zones made the key "not protected".)
    const sender = { dns: dnsFacts('srv.dev', { dnssec: false, zoneSigned: true }) };
    const score = scoreMessage({
      facts: {
        ...bimi,
        alignment: { ...bimi.alignment, dkim: { ...bimi.alignment.dkim, domain: 'srv.dev' } },
      },
      recipient: DANE_RECIPIENT,
      sender,
    });
    expect(score.signer.dnssec).toBe(true);
    expect(score.matrix.authenticity.active.status).toBe('yes');
  });

  it('an unprotected signer key is worded by what an attacker could do', () => {
    const score = scoreMessage({
      facts: bimi,
      recipient: DANE_RECIPIENT,
      sender: { dns: dnsFacts('srv.dev') },
      signerKeys: [{ domain: 'out.srv.dev', dnssec: false, key: 'present', bits: 2048 }],
    });
    const cell = score.matrix.authenticity.active;
    expect(cell.code).toBe('dkim-key-unsigned');
    expect(cell.reason).toBe(
      'out.srv.dev’s DKIM key is not protected by DNSSEC: an attacker on the network path could answer the key lookup with a key of their own and forge mail that passes as out.srv.dev.',
    );
    expect(cell.reason).not.toMatch(/mail server|MX/);
  });

  it('a key under 1024 bits does not protect against an active attacker (RFC 8301 §3.2)', () => {
    const score = scoreMessage({
      facts: bimi,
      recipient: DANE_RECIPIENT,
      sender: { dns: dnsFacts('srv.dev') },
      signerKeys: [{ domain: 'out.srv.dev', dnssec: true, key: 'fails', bits: 512 }],
    });
    expect(score.matrix.authenticity.active).toMatchObject({ status: 'no', code: 'dkim-key-weak' });
    expect(score.padlock.level).toBe('amber');
  });
});

describe('a forgery is not a transport problem', () => {
  // mailauth/arc-fail.eml as Gmail received it, with the provider's arc=pass turned to
  // arc=fail: DMARC fail under p=REJECT that no forwarder vouches for.
  const forged = facts(read('mailauth/arc-fail.eml').replaceAll('arc=pass', 'arc=fail'));

  it('DMARC fail under p=reject leads the headline, as a forged sender', () => {
    const score = scoreMessage({ facts: forged, recipient: DANE_RECIPIENT });
    expect(score.padlock.level).toBe('red');
    expect(score.padlock.sender.state).toBe('forged');
    expect(english(score.padlock.sender.text)).toBe('Forged sender: DMARC fail, policy reject');
    expect(score.padlock.reason).toMatch(/^Forged sender: this message failed zone\.ee’s checks/);
    // The handoff itself was encrypted: the two signals differ.
    expect(score.padlock.transport.state).not.toBe('cleartext');
  });

  it('the popup does not rate the real sender’s stars for a forged message', () => {
    const parts = scoreParts(forged, { dns: dnsFacts('zone.ee'), probe: null }, DANE_RECIPIENT);
    const sender = parts.providers.find((p) => p.role === 'sender');
    expect(sender?.notRated?.key).toBe('stars_not_this_sender');
    expect(parts.providers.find((p) => p.role === 'recipient')?.notRated).toBeNull();
  });

  it('a cleartext handoff is "not encrypted", with the sender as a separate signal', () => {
    // rspamd/ham.eml: one hop, handed over without TLS; no authentication results.
    const score = scoreMessage({ facts: facts(read('rspamd/ham.eml')) });
    expect(score.padlock.transport.state).toBe('cleartext');
    expect(score.padlock.sender.state).not.toBe('forged');
    expect(score.padlock.reason).toBe(
      'Not encrypted: someone on the network path could read this message.',
    );
  });

  it('when a forgery also travelled in cleartext, the forgery leads', () => {
    const cleartextForged = forged.hops.map((h) =>
      h.index === forged.trust.handoffIndex ? { ...h, encrypted: false, tls: null } : h,
    );
    const score = scoreMessage({ facts: { ...forged, hops: cleartextForged } });
    expect(score.padlock.transport.state).toBe('cleartext');
    expect(score.padlock.text.key).toBe('padlock_forged_enforced');
  });
});

describe('what the reader sees of the From field', () => {
  it('two From fields are said plainly (rspamd/phish_sender.eml)', () => {
    const f = facts(read('rspamd/phish_sender.eml'));
    const notices = noticesOf(f, f.from?.organizationalDomain ?? null).map(english);
    expect(notices[0]).toBe(
      'This message has more than one From field. MailSeal judged the first (attack.com); your mail may show another.',
    );
  });

  it('a From domain judged by its parent says which domain was judged', () => {
    const f = facts(
      read('dkim-verifier/original/Fastmail from CNN - Thanks for subscribing to 5 Things.eml'),
    );
    expect(noticesOf(f, 'cnn.com').map(english)).toEqual([
      'The sender’s address is at newsletters.cnn.com; its mail provider was judged as cnn.com.',
    ]);
  });
});

describe('hop numbers', () => {
  it('reasons number hops from 1, as the delivery path does', () => {
    const score = scoreMessage({ facts: facts(read('rspamd/ham.eml')) });
    const hop = score.transit.recipientHops.exposedCleartext[0];
    expect(hop?.index).toBe(0);
    expect(score.matrix.confidentiality.passive.reason).toMatch(/^Hop 1 /);
  });
});
