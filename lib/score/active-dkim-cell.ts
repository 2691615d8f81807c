// Authenticity and integrity against an active network attacker (Foster et al. Table 1): an
// aligned DKIM signature whose key is DNSSEC-protected, under a DMARC policy that is enforced.
// Without DNSSEC on the signer's own zone the attacker can answer the key lookup with a key of
// its own; with p=none it can strip the signature; with a key under 1024 bits it can break it.
import { type Cell, cell, type SignerPosture } from './matrix-cell.ts';
import { text } from './text.ts';
import type { TransitVerdict } from './transit-verdict.ts';

/** RFC 8301 §3.2: verifiers must not accept RSA keys under 1024 bits. */
const WEAKEST_ACCEPTABLE_BITS = 1024;

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
      return cell('unknown', 'dkim-unknown', text('cell_dkim_unknown'));
    if (what === 'forge' && peer.status === 'yes' && t.dkim.result !== 'pass')
      return cell('no', 'spf-only', text('cell_spf_only'));
    return cell(
      'no',
      'no-aligned-dkim',
      text(what === 'forge' ? 'cell_no_aligned_dkim_forge' : 'cell_no_aligned_dkim_modify'),
    );
  }
  if (what === 'modify' && t.dkim.bodyLengthLimited)
    return cell('no', 'body-length-limit', text('cell_body_length_limit'));
  const d = t.dkim.domain ?? s.domain ?? '?';
  const bits = s.keyBits ?? null;
  if (bits !== null && bits < WEAKEST_ACCEPTABLE_BITS)
    return cell('no', 'dkim-key-weak', text('cell_dkim_key_weak', d, String(bits)));
  if (s.dnssec === false)
    return cell(
      'no',
      'dkim-key-unsigned',
      text(what === 'forge' ? 'cell_dkim_key_unsigned_forge' : 'cell_dkim_key_unsigned_modify', d),
    );
  const policy = t.dmarc.policy ?? s.dmarcPolicy;
  if (policy === 'none')
    return cell('no', 'dmarc-not-enforced', text('cell_dmarc_not_enforced', d));
  if (s.dnssec === null)
    return cell('unknown', 'signer-not-checked', text('cell_signer_not_checked', d));
  if (policy === null)
    return cell('unknown', 'dmarc-policy-unknown', text('cell_dmarc_policy_unknown'));
  return cell(
    'yes',
    'protected',
    text(
      what === 'forge' ? 'cell_active_protected_forge' : 'cell_active_protected_modify',
      d,
      policy,
    ),
  );
}
