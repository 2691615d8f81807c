// English words of the downgrade alerts, by message key (the same scheme as lib/score/text-en.ts,
// which includes these; public/_locales/*/messages.json carry the same keys). $1…$9 in order.
export const ALERT_TEXT_EN = {
  alert_tls_cleartext_title: 'This message from $1 arrived without encryption',
  alert_tls_outdated_title: 'This message from $1 arrived over outdated $2',
  alert_tls_usually: '$1’s mail usually arrives encrypted ($2): the last $3 messages since $4.',
  alert_tls_meaning:
    'Someone on the network may have stripped the encryption, or the sender’s provider has a fault. People on the path could have read this message.',
  alert_dkim_none_title: 'This message from $1 has no DKIM signature',
  alert_dkim_fail_title: 'The DKIM signature of this message from $1 failed',
  alert_dkim_usually: '$1’s mail was DKIM-signed in the last $2 messages since $3.',
  alert_dkim_meaning:
    'The message may not come from the sender’s usual systems: it could be spoofed, or a new mailing service of theirs is not set up yet.',
  alert_signer_title: 'This message was signed by $1, not by $2',
  alert_signer_usually: '$1’s mail was signed by $2 in the last $3 messages since $4.',
  alert_signer_meaning:
    'Another domain vouches for this message. It may be a new service the sender uses, or someone sending in their name.',
  alert_dmarc_title: 'This message failed DMARC for $1',
  alert_dmarc_usually: '$1’s mail passed DMARC in the last $2 messages since $3.',
  alert_dmarc_meaning:
    'The sender’s own domain no longer vouches for this message. Treat links and requests in it with care.',
  alert_provider_title: 'This message came from a new provider, $1',
  alert_provider_usually: '$1’s mail came from $2 in the last $3 messages since $4.',
  alert_provider_meaning:
    'The sender may have moved to a new provider, or this message was sent from somewhere else in their name.',
  alert_key_changed_title: 'The DKIM key $1 changed without a new selector',
  alert_key_rotated_title: '$1 rotated its DKIM key ($2, DNSSEC-signed)',
  alert_key_usually: 'Another key was published under $1 in the last $2 messages since $3.',
  alert_key_changed_meaning:
    'Providers change keys from time to time, usually under a new selector. The same selector with a new key unprotected by DNSSEC can also mean tampering with the sender’s DNS.',
  alert_key_rotated_meaning:
    'The new key is protected by DNSSEC, so this is very likely a routine rotation.',
  alert_dismiss: 'Dismiss',
  alert_heading: 'Unlike this sender’s usual mail',
} as const satisfies Record<string, string>;
