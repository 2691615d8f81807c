// What an admin can do when a protocol is missing from a category. One place, so the CLI, the
// extension and docs/scoring.md say the same thing.
import type { Protocol } from './mecsa-tables.ts';

export const PROTOCOL_LABEL: Readonly<Record<Protocol, string>> = {
  starttls: 'STARTTLS',
  x509: 'valid certificate (x509)',
  dane: 'DANE',
  'mta-sts': 'MTA-STS (enforce)',
  spf: 'SPF',
  dkim: 'DKIM',
  dmarc: 'DMARC',
  dnssec: 'DNSSEC',
};

export const PROTOCOL_FIX: Readonly<Record<Protocol, string>> = {
  starttls:
    'Offer STARTTLS with TLS 1.2 or 1.3 on every MX, and send with opportunistic TLS on every outbound server.',
  x509: 'Serve a certificate from a public CA that names the MX host, is in date and not revoked (on every MX).',
  dane: 'Sign the MX zones with DNSSEC and publish TLSA records (usage 3 1 1 or 2 1 1) at _25._tcp.<mx> for every MX.',
  'mta-sts':
    'Publish an _mta-sts TXT record and a policy in mode "enforce" that lists every MX, served over valid HTTPS.',
  spf: 'Publish one valid SPF record ending in -all or ~all that covers every server that sends for the domain.',
  dkim: 'Sign all outgoing mail with DKIM (d= the From domain, 2048-bit RSA or Ed25519 key).',
  dmarc:
    'Publish a valid DMARC record at _dmarc.<domain>; move to p=quarantine or p=reject once reports are clean.',
  dnssec:
    'Sign the domain and the MX host zones with DNSSEC and publish the DS record at the parent.',
};
