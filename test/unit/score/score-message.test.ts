// scoreMessage wires facts and both providers' evidence together.
import { describe, expect, it } from 'vitest';
import { scoreMessage } from '../../../lib/score/score-message.ts';
import { dnsFacts, message, mx, probe } from '../../fixtures/score/builders.ts';

describe('scoreMessage', () => {
  it('green end to end: DANE-probed recipient, DNSSEC-signed sender with DMARC reject', () => {
    const score = scoreMessage({
      facts: message(),
      recipient: {
        dns: dnsFacts('recipient.example'),
        probe: probe('recipient.example', [mx({ host: 'mx.recipient.example', dane: true })]),
      },
      sender: { dns: dnsFacts('sender.example') },
    });
    expect(score.recipientTransport).toEqual({
      domain: 'recipient.example',
      dane: true,
      mtaStsEnforce: false,
    });
    expect(score.signer).toEqual({ domain: 'sender.example', dnssec: true, dmarcPolicy: 'reject' });
    expect(score.padlock.level).toBe('green');
    expect(score.providers.recipient?.inbound.categories.confidentiality.stars).toBe(5);
  });

  it('evidence about another domain is ignored, not misapplied', () => {
    const score = scoreMessage({
      facts: message(),
      recipient: {
        dns: dnsFacts('elsewhere.example'),
        probe: probe('elsewhere.example', [mx({ host: 'mx.elsewhere.example', dane: true })]),
      },
      sender: { dns: dnsFacts('elsewhere.example') },
    });
    expect(score.recipientTransport).toEqual({
      domain: 'recipient.example',
      dane: null,
      mtaStsEnforce: null,
    });
    expect(score.signer.dnssec).toBeNull();
    expect(score.padlock.level).toBe('amber');
  });

  it('DNS alone: no MTA-STS record means no MTA-STS; a record alone leaves the mode unknown', () => {
    const noRecord = scoreMessage({
      facts: message(),
      recipient: { dns: dnsFacts('recipient.example', { dane: false, mtaStsRecord: false }) },
    });
    expect(noRecord.recipientTransport).toMatchObject({ dane: false, mtaStsEnforce: false });
    expect(noRecord.matrix.confidentiality.active.status).toBe('no');
    const record = scoreMessage({
      facts: message(),
      recipient: { dns: dnsFacts('recipient.example', { dane: false, mtaStsRecord: true }) },
    });
    expect(record.recipientTransport.mtaStsEnforce).toBeNull();
  });

  it('a DKIM domain under an unsigned parent zone is unsigned; under a signed one it is not known', () => {
    const sub = message({
      alignment: { ...message().alignment, dkim: { relaxed: true, domain: 'mail.sender.example' } },
    });
    const unsigned = scoreMessage({
      facts: sub,
      sender: { dns: dnsFacts('sender.example', { dnssec: false }) },
    });
    expect(unsigned.signer.dnssec).toBe(false);
    const signed = scoreMessage({ facts: sub, sender: { dns: dnsFacts('sender.example') } });
    expect(signed.signer.dnssec).toBeNull();
  });

  it('with nothing but facts it still gives a transit verdict and scores for both domains', () => {
    const score = scoreMessage({ facts: message() });
    expect(score.transit.handoff?.encrypted).toBe(true);
    expect(score.providers.sender?.domain).toBe('sender.example');
    expect(score.providers.recipient?.domain).toBe('recipient.example');
  });
});

describe('recipient transport from the probe', () => {
  it('MTA-STS in testing mode does not count as enforce, even when the MX would verify', () => {
    const p = probe('recipient.example', [mx({ host: 'mx.recipient.example', inPolicy: true })], {
      mode: 'testing',
    });
    const withVerdict = {
      ...p,
      verdict: {
        ...p.verdict,
        mtaSts: { outcome: 'authenticated-tls' as const, reason: 'testing' },
      },
    };
    const score = scoreMessage({ facts: message(), recipient: { probe: withVerdict } });
    expect(score.recipientTransport.mtaStsEnforce).toBe(false);
    expect(score.matrix.confidentiality.active.code).toBe('no-mx-authentication');
  });

  it('MTA-STS in enforce mode with every MX verified counts', () => {
    const p = probe('recipient.example', [mx({ host: 'mx.recipient.example', inPolicy: true })], {
      mode: 'enforce',
    });
    expect(
      scoreMessage({ facts: message(), recipient: { probe: p } }).recipientTransport.mtaStsEnforce,
    ).toBe(true);
  });
});
