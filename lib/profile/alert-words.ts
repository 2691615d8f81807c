// Each downgrade alert in plain words: what changed, since when the old pattern held, and what
// it may mean. English texts with their parameters; the extension passes them through its i18n
// layer by `key` (message names `alert_<kind>_title` / `_meaning`), the CLI prints them as they are.
import type { AlertKind, DowngradeAlert } from './downgrade-alerts.ts';
import { dayText } from './observe-message.ts';

export interface AlertWords {
  key: AlertKind;
  /** What changed, one line. */
  title: string;
  /** What the sender's mail showed before, and since when. */
  usually: string;
  /** What it may mean, for a person who is not a mail admin. */
  meaning: string;
}

const TRANSPORT: Record<string, string> = {
  cleartext: 'without encryption',
  SSLv3: 'over obsolete SSL 3',
  'TLSv1.0': 'over outdated TLS 1.0',
  'TLSv1.1': 'over outdated TLS 1.1',
  'TLSv1.2': 'encrypted (TLS 1.2)',
  'TLSv1.3': 'encrypted (TLS 1.3)',
  'TLSv1.2+': 'encrypted (TLS 1.2 or newer)',
};

function title(a: DowngradeAlert, sender: string): string {
  switch (a.kind) {
    case 'tls-downgrade':
      return `This message from ${sender} arrived ${TRANSPORT[a.now] ?? a.now}`;
    case 'dkim-missing':
      return a.now === 'none'
        ? `This message from ${sender} has no DKIM signature`
        : `This message's DKIM signature from ${sender} failed`;
    case 'dkim-signer-changed':
      return `This message was signed by ${a.now}, not by ${a.usual}`;
    case 'dmarc-alignment-lost':
      return `This message failed DMARC for ${sender}`;
    case 'new-provider':
      return `This message came from a new provider, ${a.now}`;
    case 'dkim-key-changed':
      return a.now === 'rotated-signed'
        ? `${sender} rotated its DKIM key (${a.usual}, DNSSEC-signed)`
        : `The DKIM key ${a.usual} changed without a new selector`;
  }
}

function usually(a: DowngradeAlert, sender: string): string {
  const since = `the last ${a.messages} messages since ${dayText(a.since)}`;
  switch (a.kind) {
    case 'tls-downgrade':
      return `${sender}'s mail usually arrives ${TRANSPORT[a.usual] ?? a.usual}: ${since}.`;
    case 'dkim-missing':
      return `${sender}'s mail was DKIM-signed in ${since}.`;
    case 'dkim-signer-changed':
      return `${sender}'s mail was signed by ${a.usual} in ${since}.`;
    case 'dmarc-alignment-lost':
      return `${sender}'s mail passed DMARC in ${since}.`;
    case 'new-provider':
      return `${sender}'s mail came from ${a.usual} in ${since}.`;
    case 'dkim-key-changed':
      return `The same key was published under ${a.usual} in ${since}.`;
  }
}

const MEANING: Record<AlertKind, string> = {
  'tls-downgrade':
    'Someone on the network may have stripped the encryption, or the sender’s provider has a fault. People on the path could have read this message.',
  'dkim-missing':
    'The message may not come from the sender’s usual systems: it could be spoofed, or a new mailing service of theirs is not set up yet.',
  'dkim-signer-changed':
    'Another domain vouches for this message. It may be a new service the sender uses, or someone sending in their name.',
  'dmarc-alignment-lost':
    'The sender’s own domain no longer vouches for this message. Treat links and requests in it with care.',
  'new-provider':
    'The sender may have moved to a new provider, or this message was sent from somewhere else in their name.',
  'dkim-key-changed':
    'Providers change keys from time to time, usually under a new selector. The same selector with a new key unprotected by DNSSEC can also mean tampering with the sender’s DNS.',
};

export function describeAlert(alert: DowngradeAlert, sender: string): AlertWords {
  const meaning =
    alert.kind === 'dkim-key-changed' && alert.now === 'rotated-signed'
      ? 'The new key is protected by DNSSEC, so this is very likely a routine rotation.'
      : MEANING[alert.kind];
  return { key: alert.kind, title: title(alert, sender), usually: usually(alert, sender), meaning };
}
