// Fixed addresses of the lab's webmail mail flow (issue 21). Pool 127.0.6.x is the webmail's
// alone (MX listeners use 127.0.1.x, policy hosts 127.0.2.x, DoH 127.0.3.x, the hostile
// revocation server 127.0.4.x, the scan population 127.0.5.x).

/** The recipient: mailboxes at allgood.lab (DANE, MTA-STS, DNSSEC), read with Roundcube. */
export const RECIPIENT_DOMAIN = 'allgood.lab';
/** The recipient's MX host name as its Postfix writes it in Received and Authentication-Results. */
export const RECIPIENT_MX_HOST = 'mx1.allgood.lab';
export const WEBMAIL_HOST = 'webmail.allgood.lab';
/** The sending domain (test/lab/scenarios/webmail.json): DANE, MTA-STS, SPF, DMARC, DKIM. */
export const SENDER_DOMAIN = 'mailflow.lab';
export const DKIM_SELECTOR = 'rc2026';

export const WEBMAIL_ADDR = {
  /** Sender's submission listeners: each routes to the recipient a different way. */
  submitTls: '127.0.6.1',
  submitClear: '127.0.6.2',
  submitRelayed: '127.0.6.3',
  /** The sender's second MTA (relay.mailflow.lab) for the relayed path. */
  relay: '127.0.6.4',
  submitForged: '127.0.6.5',
  /** The recipient's MX listener (mx1.allgood.lab): milters, then LMTP into Dovecot. */
  recipientMx: '127.0.6.10',
  opendkim: '127.0.6.11',
  opendmarc: '127.0.6.12',
  dovecot: '127.0.6.13',
  /** nginx: https://webmail.allgood.lab/ (Roundcube under PHP-FPM). */
  webmail: '127.0.6.30',
} as const;

export const WEBMAIL_PORTS = { imap: 143, lmtp: 24, opendkim: 8891, opendmarc: 8893 } as const;

/**
 * Source addresses of the sender's outbound hops, added to `lo` while the lab runs: documentation
 * addresses (RFC 5737 TEST-NET-1) that never leave the machine, so that the recipient's Received
 * header records a client outside private space, as a real handoff between two providers does.
 */
export const OUTBOUND = {
  tls: '192.0.2.25',
  clear: '192.0.2.26',
  forger: '192.0.2.66',
} as const;

/** Lab mailboxes and the password the tests log in with (lab only, loopback only). */
export const MAILBOXES = ['carol', 'dave'] as const;
export const MAILBOX_PASSWORD = 'mailseal-lab';
