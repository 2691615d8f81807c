// "validated locally" or "resolver's word" in the terminal, beside each DNSSEC verdict: the same
// label the extension shows (lib/messaging/dnssec-label.ts), in English, in brackets.
import { labelFromDetails } from '../../lib/messaging/dnssec-label.ts';
import { english } from '../../lib/score/text.ts';

/** " [validated locally]" for a check's details that say who vouched; "" when they do not. */
export function dnssecTag(details: unknown): string {
  const label = labelFromDetails(details);
  if (!label) return '';
  const integrity = label.integrity ? `${english(label.integrity)}, ` : '';
  return ` [${integrity}${english(label.text)}]`;
}
