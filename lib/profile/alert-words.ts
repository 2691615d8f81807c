// Each downgrade alert in plain words: what changed, since when the old pattern held, and what it
// may mean. Message keys with parameters (alert-text-en.ts), so the extension translates them
// through its i18n layer and the CLI prints the English.
import { english, type Text } from '../score/text.ts';
import type { DowngradeAlert } from './downgrade-alerts.ts';
import { dayText } from './observe-message.ts';

export interface AlertWords {
  /** What changed, one line. */
  title: Text;
  /** What the sender's mail showed before, and since when. */
  usually: Text;
  /** What it may mean, for a person who is not a mail admin. */
  meaning: Text;
}

const say = (key: string, ...params: string[]): Text => ({ key, params });

/** A TLS version as people write it: `TLS 1.3`; the profile's `TLSv1.2+` as "TLS 1.2 or newer". */
function version(v: string): string {
  return v === 'TLSv1.2+' ? 'TLS 1.2+' : v.replace(/^TLSv/, 'TLS ').replace(/^SSLv/, 'SSL ');
}

function title(a: DowngradeAlert, sender: string): Text {
  switch (a.kind) {
    case 'tls-downgrade':
      return a.now === 'cleartext'
        ? say('alert_tls_cleartext_title', sender)
        : say('alert_tls_outdated_title', sender, version(a.now));
    case 'dkim-missing':
      return say(a.now === 'none' ? 'alert_dkim_none_title' : 'alert_dkim_fail_title', sender);
    case 'dkim-signer-changed':
      return say('alert_signer_title', a.now, a.usual);
    case 'dmarc-alignment-lost':
      return say('alert_dmarc_title', sender);
    case 'new-provider':
      return say('alert_provider_title', a.now);
    case 'dkim-key-changed':
      return a.now === 'rotated-signed'
        ? say('alert_key_rotated_title', sender, a.usual)
        : say('alert_key_changed_title', a.usual);
  }
}

function usually(a: DowngradeAlert, sender: string): Text {
  const count = String(a.messages);
  const since = dayText(a.since);
  switch (a.kind) {
    case 'tls-downgrade':
      return say('alert_tls_usually', sender, version(a.usual), count, since);
    case 'dkim-missing':
      return say('alert_dkim_usually', sender, count, since);
    case 'dkim-signer-changed':
      return say('alert_signer_usually', sender, a.usual, count, since);
    case 'dmarc-alignment-lost':
      return say('alert_dmarc_usually', sender, count, since);
    case 'new-provider':
      return say('alert_provider_usually', sender, a.usual, count, since);
    case 'dkim-key-changed':
      return say('alert_key_usually', a.usual, count, since);
  }
}

const MEANING: Record<DowngradeAlert['kind'], string> = {
  'tls-downgrade': 'alert_tls_meaning',
  'dkim-missing': 'alert_dkim_meaning',
  'dkim-signer-changed': 'alert_signer_meaning',
  'dmarc-alignment-lost': 'alert_dmarc_meaning',
  'new-provider': 'alert_provider_meaning',
  'dkim-key-changed': 'alert_key_changed_meaning',
};

export function describeAlert(alert: DowngradeAlert, sender: string): AlertWords {
  const rotated = alert.kind === 'dkim-key-changed' && alert.now === 'rotated-signed';
  return {
    title: title(alert, sender),
    usually: usually(alert, sender),
    meaning: say(rotated ? 'alert_key_rotated_meaning' : MEANING[alert.kind]),
  };
}

/** The alert in English: the CLI's words. */
export function alertInEnglish(words: AlertWords): {
  title: string;
  usually: string;
  meaning: string;
} {
  return {
    title: english(words.title),
    usually: english(words.usually),
    meaning: english(words.meaning),
  };
}
