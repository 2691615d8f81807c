// The header engine on header blocks written by real MTAs: the lab's Postfix, Dovecot's LMTP
// and the recipient's OpenDKIM/OpenDMARC (test/fixtures/headers/lab-postfix/README.md says how
// they were recorded). The webmail is Roundcube at webmail.allgood.lab, so the provider is
// allgood.lab, as lib/messaging/facts-from-headers.ts gives it for a self-hosted webmail.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeHeaders } from '../../../lib/headers/analyze.ts';
import { providerDomainsOf } from '../../../lib/messaging/facts-from-headers.ts';

const DIR = join(import.meta.dirname, '../../fixtures/headers/lab-postfix');
const facts = (id: string) =>
  analyzeHeaders(readFileSync(join(DIR, `${id}.txt`), 'utf8'), {
    providerDomains: providerDomainsOf('roundcube', 'webmail.allgood.lab'),
  });
const recipientHop = (id: string) => {
  const f = facts(id);
  return f.hops[f.trust.handoffIndex ?? -1];
};

describe('Received lines written by the lab Postfix', () => {
  it('finds the handoff where mx1.allgood.lab took the message from a public address', () => {
    // docs/headers.md rule 3: Dovecot's LMTP hop (client 127.0.0.1) vouches for the MX's line;
    // the MX's client, 192.0.2.25, is outside the provider: that line is the handoff.
    const f = facts('tls13-signed');
    expect(f.trust.providerDomains).toEqual(['allgood.lab']);
    expect(f.trust.basis).toContain('from 192.0.2.25');
    expect(f.hops.map((h) => [h.by.host, h.recordedBy])).toEqual([
      ['smtp.mailflow.lab', 'sender'],
      ['mx1.allgood.lab', 'recipient'],
      ['imap.allgood.lab', 'recipient'],
    ]);
  });

  it('reads the TLS 1.3 details Postfix writes (smtpd_tls_received_header)', () => {
    const hop = recipientHop('tls13-signed');
    expect(hop?.protocol).toBe('ESMTPS');
    expect(hop?.tls?.version).toBe('TLSv1.3');
    expect(hop?.tls?.cipher).toBe('TLS_AES_256_GCM_SHA384');
    expect(hop?.encrypted).toBe(true);
    expect(facts('tls13-signed').transport.weakestRecipientClass).toBe('recommended');
  });

  it('sees the forced-cleartext handoff as unencrypted (ESMTP, no TLS comment)', () => {
    const hop = recipientHop('cleartext');
    expect(hop?.protocol).toBe('ESMTP');
    expect(hop?.tls).toBeNull();
    expect(hop?.encrypted).toBe(false);
    expect(facts('cleartext').transport.handoffEncrypted).toBe(false);
  });

  it('keeps the second sending MTA on the sender side of a relayed message', () => {
    const f = facts('relayed');
    expect(f.hops.map((h) => h.by.host)).toEqual([
      'smtp.mailflow.lab',
      'relay.mailflow.lab',
      'mx1.allgood.lab',
      'imap.allgood.lab',
    ]);
    expect(f.hops[1]?.from.ip).toBe('127.0.6.3');
    expect(f.hops[1]?.recordedBy).toBe('sender');
    expect(f.transport.handoffEncrypted).toBe(true);
  });
});

describe('Authentication-Results written by the recipient milters', () => {
  it('trusts OpenDKIM and OpenDMARC under the MX authserv-id: DKIM, SPF and DMARC pass', () => {
    const auth = facts('tls13-signed').authentication;
    expect(auth.authservId).toBe('mx1.allgood.lab');
    expect(auth.dkim.map((d) => [d.result, d.properties['header.d']])).toEqual([
      ['pass', 'mailflow.lab'],
    ]);
    expect(auth.spf?.result).toBe('pass');
    expect(auth.dmarc?.result).toBe('pass');
  });

  it('reports the forged From as DMARC fail with no DKIM and no SPF for the From domain', () => {
    const auth = facts('forged-from').authentication;
    expect(auth.dmarc?.result).toBe('fail');
    expect(auth.dkim.map((d) => d.result)).toEqual(['none']);
    expect(auth.spf?.result).toBe('none');
    expect(facts('forged-from').from?.domain).toBe('mailflow.lab');
  });
});
