// "Would a strict sender deliver?" For one MX address: what a DANE-enforcing sender, an
// MTA-STS-enforcing sender and a merely opportunistic sender would do, each with its reason.

import { english, type Param, type Text, text } from '../score/text.ts';
import type {
  CertificateReport,
  DaneReport,
  DeliveryOutcome,
  MxVerdict,
  SenderVerdict,
} from './types.ts';

export interface PolicyContext {
  /** absent: no valid record; unavailable: record but no valid policy; valid: a policy applies. */
  state: 'absent' | 'unavailable' | 'valid';
  mode: 'enforce' | 'testing' | 'none' | null;
  matchesPolicy: boolean | null;
  /** Why no policy applies (absent, unavailable), as words to translate; '' when one does. */
  detail: Param;
}

export interface VerdictInput {
  /** We reached EHLO; otherwise nothing about TLS is known. */
  tested: boolean;
  /** Why it could not be tested: the cut-off as it happened, or words to translate. */
  untestedReason: Param;
  starttlsOffered: boolean;
  negotiated: boolean;
  /** STARTTLS worked although not advertised (senders do not try it). */
  hiddenStarttls: boolean;
  starttlsError: string | null;
  version: string | null;
  certificate: CertificateReport | null;
  dane: DaneReport;
  policy: PolicyContext;
}

/** A verdict's reason is worded once, as a message key; `reason` is its English (JSON, CLI). */
function verdict(
  outcome: DeliveryOutcome,
  why: Text,
  decidedBy?: SenderVerdict['decidedBy'],
): SenderVerdict {
  const worded = { outcome, reason: english(why), text: why };
  return decidedBy ? { ...worded, decidedBy } : worded;
}

function noTlsReason(input: VerdictInput): Text {
  if (!input.starttlsOffered) {
    return text(input.hiddenStarttls ? 'verdict_no_starttls_hidden' : 'verdict_no_starttls');
  }
  return text('verdict_starttls_fails', input.starttlsError ?? text('verdict_handshake_failed'));
}

const untested = (input: VerdictInput) =>
  verdict('untested', text('verdict_could_not_test', input.untestedReason));

export function opportunisticVerdict(input: VerdictInput): SenderVerdict {
  if (!input.tested) return untested(input);
  if (input.starttlsOffered && input.negotiated) {
    return verdict(
      'unauthenticated-tls',
      text('verdict_opportunistic_tls', input.version ?? 'TLS'),
    );
  }
  const why = noTlsReason(input);
  return verdict('cleartext', input.starttlsOffered ? text('verdict_cleartext_retry', why) : why);
}

export function daneVerdict(input: VerdictInput): SenderVerdict {
  const { dane } = input;
  if (dane.lookupError) {
    return verdict('refuse', text('verdict_dane_lookup_error', dane.lookupError));
  }
  if (!dane.applicable) {
    const why = text(dane.tlsaPresent ? 'verdict_tlsa_insecure' : 'verdict_no_secure_tlsa');
    const fallback = opportunisticVerdict(input);
    return verdict(fallback.outcome, text('verdict_dane_not_applicable', why, fallback.text));
  }
  if (!input.tested) return untested(input);
  if (!input.starttlsOffered || !input.negotiated) {
    return verdict('refuse', text('verdict_dane_needs_tls', noTlsReason(input)));
  }
  if (!dane.usable) return verdict('unauthenticated-tls', text('verdict_dane_unusable'));
  const hit = dane.records.find((record) => record.matched);
  if (hit) {
    const pkixMoot = input.certificate !== null && !input.certificate.pkixValid;
    const key = pkixMoot ? 'verdict_dane_match_pkix_moot' : 'verdict_dane_match';
    const fields = [hit.usage, hit.selector, hit.matchingType].map(String);
    return verdict('authenticated-tls', text(key, ...fields));
  }
  return verdict('refuse', text('verdict_dane_no_match'));
}

function mtaStsFailure(input: VerdictInput): Text | null {
  if (input.policy.matchesPolicy === false) return text('verdict_sts_mx_unmatched');
  if (!input.tested) return null;
  if (!input.starttlsOffered || !input.negotiated) return noTlsReason(input);
  const cert = input.certificate;
  if (!cert) return text('verdict_no_certificate');
  if (!cert.pkixValid)
    return text('verdict_cert_not_pkix', cert.errors.join(', ') || text('verdict_untrusted'));
  if (!cert.matchesMxHost) return text('verdict_cert_wrong_name');
  return null;
}

export function mtaStsVerdict(input: VerdictInput, daneResult: SenderVerdict): SenderVerdict {
  if (input.dane.applicable || input.dane.lookupError) {
    return verdict(daneResult.outcome, text('verdict_dane_precedence', daneResult.text), 'dane');
  }
  const { policy } = input;
  const fallback = opportunisticVerdict(input);
  if (policy.state !== 'valid' || policy.mode === 'none' || policy.mode === null) {
    const why = policy.state === 'valid' ? text('verdict_sts_mode_none') : policy.detail;
    const reason = text('verdict_sts_not_applicable', why, fallback.text);
    return verdict(fallback.outcome, reason, 'opportunistic');
  }
  const failure = mtaStsFailure(input);
  if (failure === null && !input.tested) return verdict('untested', fallback.text, 'mta-sts');
  if (failure === null) return verdict('authenticated-tls', text('verdict_sts_ok'), 'mta-sts');
  if (policy.mode === 'enforce')
    return verdict('refuse', text('verdict_sts_enforce', failure), 'mta-sts');
  const reason = text('verdict_sts_testing', failure, fallback.text);
  return verdict(fallback.outcome, reason, 'mta-sts');
}

export function addressVerdict(input: VerdictInput): MxVerdict {
  const dane = daneVerdict(input);
  return { dane, mtaSts: mtaStsVerdict(input, dane), opportunistic: opportunisticVerdict(input) };
}

const SEVERITY: Record<DeliveryOutcome, number> = {
  refuse: 0,
  cleartext: 1,
  'unauthenticated-tls': 2,
  'authenticated-tls': 3,
  untested: 4,
};

/** The worst tested outcome; `untested` only when nothing was tested. */
export function worstVerdict(
  verdicts: readonly SenderVerdict[],
  label?: (index: number) => string,
): SenderVerdict {
  let worst: { verdict: SenderVerdict; index: number } | null = null;
  verdicts.forEach((candidate, index) => {
    if (!worst || SEVERITY[candidate.outcome] < SEVERITY[worst.verdict.outcome])
      worst = { verdict: candidate, index };
  });
  const found = worst as { verdict: SenderVerdict; index: number } | null;
  if (!found) return verdict('untested', text('verdict_nothing_to_test'));
  if (!label) return found.verdict;
  const { outcome, decidedBy } = found.verdict;
  return verdict(outcome, text('labelled', label(found.index), found.verdict.text), decidedBy);
}

export function combineVerdicts(
  items: readonly MxVerdict[],
  label?: (index: number) => string,
): MxVerdict {
  return {
    dane: worstVerdict(
      items.map((v) => v.dane),
      label,
    ),
    mtaSts: worstVerdict(
      items.map((v) => v.mtaSts),
      label,
    ),
    opportunistic: worstVerdict(
      items.map((v) => v.opportunistic),
      label,
    ),
  };
}
