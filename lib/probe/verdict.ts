// "Would a strict sender deliver?" For one MX address: what a DANE-enforcing sender, an
// MTA-STS-enforcing sender and a merely opportunistic sender would do, each with its reason.

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
  detail: string;
}

export interface VerdictInput {
  /** We reached EHLO; otherwise nothing about TLS is known. */
  tested: boolean;
  untestedReason: string;
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

function verdict(
  outcome: DeliveryOutcome,
  reason: string,
  decidedBy?: SenderVerdict['decidedBy'],
): SenderVerdict {
  return decidedBy ? { outcome, reason, decidedBy } : { outcome, reason };
}

function noTlsReason(input: VerdictInput): string {
  if (!input.starttlsOffered) {
    return input.hiddenStarttls
      ? 'STARTTLS is not advertised (it works when tried, but senders do not try it)'
      : 'STARTTLS is not advertised';
  }
  return `STARTTLS fails (${input.starttlsError ?? 'handshake failed'})`;
}

export function opportunisticVerdict(input: VerdictInput): SenderVerdict {
  if (!input.tested) return verdict('untested', `could not test: ${input.untestedReason}`);
  if (input.starttlsOffered && input.negotiated) {
    return verdict(
      'unauthenticated-tls',
      `${input.version ?? 'TLS'}; opportunistic senders do not check the certificate`,
    );
  }
  const retry = input.starttlsOffered ? '; opportunistic senders retry in cleartext' : '';
  return verdict('cleartext', `${noTlsReason(input)}${retry}`);
}

export function daneVerdict(input: VerdictInput): SenderVerdict {
  const { dane } = input;
  if (dane.lookupError) {
    return verdict('refuse', `${dane.lookupError}; DANE senders defer delivery (RFC 7672 §2.2)`);
  }
  if (!dane.applicable) {
    const why = dane.tlsaPresent ? 'TLSA is not DNSSEC-secure' : 'no DNSSEC-secure TLSA records';
    const fallback = opportunisticVerdict(input);
    return verdict(fallback.outcome, `DANE does not apply (${why}); ${fallback.reason}`);
  }
  if (!input.tested) return verdict('untested', `could not test: ${input.untestedReason}`);
  if (!input.starttlsOffered || !input.negotiated) {
    return verdict('refuse', `DANE makes TLS mandatory, but ${noTlsReason(input)}`);
  }
  if (!dane.usable) {
    return verdict(
      'unauthenticated-tls',
      'TLSA records exist but none is usable for SMTP; TLS is mandatory but unauthenticated (RFC 7672 §2.2)',
    );
  }
  const hit = dane.records.find((record) => record.matched);
  if (hit) {
    const note =
      input.certificate && !input.certificate.pkixValid
        ? '; PKIX errors do not matter under DANE'
        : '';
    return verdict(
      'authenticated-tls',
      `TLSA ${hit.usage} ${hit.selector} ${hit.matchingType} matches${note}`,
    );
  }
  return verdict('refuse', 'no usable TLSA record matches the certificate chain');
}

function mtaStsFailure(input: VerdictInput): string | null {
  if (input.policy.matchesPolicy === false)
    return 'the MX host matches no mx pattern of the policy';
  if (!input.tested) return null;
  if (!input.starttlsOffered || !input.negotiated) return noTlsReason(input);
  const cert = input.certificate;
  if (!cert) return 'no certificate was presented';
  if (!cert.pkixValid)
    return `the certificate is not PKIX-valid (${cert.errors.join(', ') || 'untrusted'})`;
  if (!cert.matchesMxHost) return 'the certificate does not name the MX host';
  return null;
}

export function mtaStsVerdict(input: VerdictInput, daneResult: SenderVerdict): SenderVerdict {
  if (input.dane.applicable || input.dane.lookupError) {
    return verdict(
      daneResult.outcome,
      `DANE takes precedence (RFC 8461 §2): ${daneResult.reason}`,
      'dane',
    );
  }
  const { policy } = input;
  const fallback = opportunisticVerdict(input);
  if (policy.state !== 'valid' || policy.mode === 'none' || policy.mode === null) {
    const why = policy.state === 'valid' ? 'policy mode is none' : policy.detail;
    return verdict(
      fallback.outcome,
      `MTA-STS does not apply (${why}); ${fallback.reason}`,
      'opportunistic',
    );
  }
  const failure = mtaStsFailure(input);
  if (failure === null && !input.tested) return verdict('untested', fallback.reason, 'mta-sts');
  if (failure === null) {
    return verdict(
      'authenticated-tls',
      'the MX matches the policy and its certificate is PKIX-valid for the MX host',
      'mta-sts',
    );
  }
  if (policy.mode === 'enforce') return verdict('refuse', `policy enforce: ${failure}`, 'mta-sts');
  return verdict(
    fallback.outcome,
    `policy testing: ${failure} (reported, delivered anyway); ${fallback.reason}`,
    'mta-sts',
  );
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
  if (!found) return verdict('untested', 'nothing to test');
  if (!label) return found.verdict;
  return { ...found.verdict, reason: `${label(found.index)}: ${found.verdict.reason}` };
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
