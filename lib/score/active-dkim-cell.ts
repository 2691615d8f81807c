// Authenticity and integrity against an active network attacker (Foster et al. Table 1): an
// aligned DKIM signature whose key is DNSSEC-signed, under a DMARC policy that is enforced.
// Without DNSSEC the attacker can answer the key lookup; with p=none, strip the signature.
import { type Cell, cell, type SignerPosture } from './matrix-cell.ts';
import type { TransitVerdict } from './transit-verdict.ts';

/** DKIM* and DNSSEC; `what` words the reason for authenticity or integrity. */
export function activeDkim(
  t: TransitVerdict,
  peer: Cell,
  s: SignerPosture,
  what: 'forge' | 'modify',
): Cell {
  const dkimOk = t.dkim.result === 'pass' && t.dkim.aligned === true;
  if (!dkimOk) {
    if (t.dkim.result === 'unknown')
      return cell('unknown', 'dkim-unknown', 'No trusted DKIM result for this message.');
    if (what === 'forge' && peer.status === 'yes' && t.dkim.result !== 'pass')
      return cell(
        'no',
        'spf-only',
        'Only SPF vouches for the sender; SPF does not stop an attacker who can impersonate the sending server.',
      );
    return cell(
      'no',
      'no-aligned-dkim',
      `No aligned DKIM signature verified, so an active attacker could ${what} the message.`,
    );
  }
  if (what === 'modify' && t.dkim.bodyLengthLimited)
    return cell(
      'no',
      'body-length-limit',
      'The DKIM signature signs only part of the body (l=); the rest can be changed.',
    );
  const d = t.dkim.domain ?? 'the signing domain';
  if (s.dnssec === false)
    return cell(
      'no',
      'dkim-key-unsigned',
      `DKIM verified, but ${d} is not DNSSEC-signed: an active attacker can answer the key lookup and ${what} the message.`,
    );
  const policy = t.dmarc.policy ?? s.dmarcPolicy;
  if (policy === 'none')
    return cell(
      'no',
      'dmarc-not-enforced',
      `DMARC policy p=none: receivers still accept mail with the signature stripped.`,
    );
  if (s.dnssec === null)
    return cell('unknown', 'signer-not-checked', `DNSSEC of ${d} was not checked yet.`);
  if (policy === null)
    return cell(
      'unknown',
      'dmarc-policy-unknown',
      'The From domain’s DMARC policy is not known yet.',
    );
  return cell('yes', 'protected', `DKIM (${d}) with a DNSSEC-signed key and DMARC p=${policy}.`);
}
