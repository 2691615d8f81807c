// Admin-facing findings for one MX, from what its addresses showed. Each is worded once, as a
// message key (lib/score/text-en.ts), so the extension shows it in the reader's language.

import { type Finding, wordedFinding as finding } from '../outcome.ts';
import { type Text, text } from '../score/text.ts';
import type { AddressProbe, CertificateReport, DaneReport } from './types.ts';

const EXPIRY_WARNING_DAYS = 14;

/** Chain and name problems, which matter less while DANE authenticates the MX. */
function pkixFindings(
  host: string,
  cert: CertificateReport,
  daneAuthenticates: boolean,
): Finding[] {
  const out: Finding[] = [];
  const pkixSeverity = daneAuthenticates ? 'info' : 'medium';
  const noted = (words: Text) => (daneAuthenticates ? text('probe_dane_moot', words) : words);
  if (cert.missingIntermediate) {
    out.push(
      finding(
        'cert.missing-intermediate',
        pkixSeverity,
        noted(text('probe_missing_intermediate', host)),
        { fix: text('probe_fix_full_chain') },
      ),
    );
  }
  if (cert.selfSigned)
    out.push(finding('cert.self-signed', pkixSeverity, noted(text('probe_self_signed', host))));
  out.push(...validityFindings(host, cert));
  if (!cert.pkixValid && !cert.missingIntermediate && !cert.selfSigned && !cert.expired) {
    out.push(
      finding('cert.pkix-invalid', pkixSeverity, noted(text('probe_untrusted_root', host)), {
        evidence: cert.errors.join(', '),
      }),
    );
  }
  if (cert.hostnameMatch === 'none') {
    out.push(
      finding('cert.name-mismatch', pkixSeverity, noted(text('probe_name_mismatch', host)), {
        evidence: cert.names.join(', '),
      }),
    );
  }
  return out;
}

/** Validity period: expired, expiring soon, not yet valid. */
function validityFindings(host: string, cert: CertificateReport): Finding[] {
  const out: Finding[] = [];
  const days = String(Math.abs(cert.daysToExpiry));
  if (cert.expired) out.push(finding('cert.expired', 'high', text('probe_expired', host, days)));
  else if (cert.daysToExpiry <= EXPIRY_WARNING_DAYS)
    out.push(finding('cert.expiring-soon', 'medium', text('probe_expiring', host, days)));
  if (cert.notYetValid)
    out.push(finding('cert.not-yet-valid', 'high', text('probe_not_yet_valid', host)));
  return out;
}

/** Key, signature and revocation problems, which DANE does not excuse. */
function strengthFindings(host: string, cert: CertificateReport): Finding[] {
  const out: Finding[] = [];
  if (cert.weakKey) {
    const words = text('probe_weak_key', host, String(cert.keyBits), String(cert.keyType));
    out.push(finding('cert.weak-key', 'high', words));
  }
  if (cert.weakSignature) {
    const words = text('probe_weak_signature', host, String(cert.signatureAlgorithm));
    out.push(finding('cert.weak-signature', 'medium', words));
  }
  if (cert.revocation.status === 'revoked')
    out.push(
      finding('cert.revoked', 'critical', text('probe_revoked', host), {
        evidence: cert.revocation.detail,
      }),
    );
  return out;
}

function certificateFindings(
  host: string,
  cert: CertificateReport,
  daneAuthenticates: boolean,
): Finding[] {
  return [...pkixFindings(host, cert, daneAuthenticates), ...strengthFindings(host, cert)];
}

/** TLSA that exists but cannot work: no DNSSEC, no STARTTLS, usages unfit for SMTP. */
function unusableTlsaFindings(
  host: string,
  dane: DaneReport,
  anyTls: boolean,
  mxSecure: boolean,
): Finding[] {
  const out: Finding[] = [];
  if (dane.tlsaPresent && !dane.applicable) {
    const why = text(mxSecure ? 'probe_tlsa_rrset_unsigned' : 'probe_mx_rrset_unsigned');
    const words = text('probe_tlsa_without_dnssec', host, why);
    out.push(finding('dane.tlsa-without-dnssec', 'high', words));
  }
  if (dane.tlsaPresent && !anyTls) {
    const words = text('probe_tlsa_without_starttls', host);
    out.push(finding('dane.tlsa-without-starttls', 'critical', words));
  }
  if (dane.records.some((r) => r.usage === 0 || r.usage === 1))
    out.push(finding('dane.unsuitable-usage', 'medium', text('probe_unsuitable_usage', host)));
  if (dane.applicable && !dane.usable)
    out.push(finding('dane.no-usable-records', 'high', text('probe_no_usable_tlsa', host)));
  return out;
}

function daneFindings(
  host: string,
  dane: DaneReport,
  anyTls: boolean,
  mxSecure: boolean,
): Finding[] {
  const out: Finding[] = [];
  if (dane.lookupError)
    out.push(
      finding('dane.lookup-failed', 'high', text('probe_tlsa_lookup_failed', host), {
        evidence: dane.lookupError,
      }),
    );
  out.push(...unusableTlsaFindings(host, dane, anyTls, mxSecure));
  if (dane.usable && dane.matched === false)
    out.push(finding('dane.no-match', 'critical', text('probe_tlsa_no_match', host)));
  if (dane.pkixIrrelevant)
    out.push(finding('dane.authenticated', 'info', text('probe_dane_authenticated', host)));
  return out;
}

/** STARTTLS and the negotiated protocol and cipher of one tested address. */
function addressFindings(host: string, a: AddressProbe): Finding[] {
  const out: Finding[] = [];
  const where = text('probe_address', host, a.address);
  const { starttls } = a;
  if (!starttls.offered && starttls.negotiated)
    out.push(finding('starttls.not-advertised', 'high', text('probe_not_advertised', where)));
  else if (!starttls.offered)
    out.push(finding('starttls.not-offered', 'high', text('probe_not_offered', where)));
  else if (!starttls.negotiated)
    out.push(
      finding('starttls.failed', 'high', text('probe_starttls_failed', where), {
        evidence: starttls.error ?? '',
      }),
    );
  const cls = [starttls.versionClass, starttls.cipherClass];
  const suite = [String(starttls.version), String(starttls.cipher)] as const;
  if (cls.includes('insecure'))
    out.push(finding('tls.insecure', 'high', text('probe_tls_insecure', where, ...suite)));
  else if (cls.includes('obsolete'))
    out.push(finding('tls.obsolete', 'medium', text('probe_tls_obsolete', where, ...suite)));
  if (starttls.forwardSecrecy === false)
    out.push(finding('tls.no-forward-secrecy', 'low', text('probe_no_forward_secrecy', where)));
  return out;
}

export function mxFindings(
  host: string,
  addresses: readonly AddressProbe[],
  dane: DaneReport,
  mxSecure: boolean,
): Finding[] {
  const out: Finding[] = [];
  const tested = addresses.filter((a) => a.status !== 'temperror');
  for (const a of addresses.filter((x) => x.status === 'temperror')) {
    const words = text('probe_untested', text('probe_address', host, a.address));
    out.push(
      finding('probe.untested', 'info', words, {
        evidence: a.cutOff ? `${a.cutOff.reason}: ${a.cutOff.detail}` : 'no reply',
      }),
    );
  }
  const anyTls = tested.some((a) => a.starttls.negotiated && a.starttls.offered);
  for (const a of tested) out.push(...addressFindings(host, a));
  const firstCert = tested.find((a) => a.certificate)?.certificate;
  if (firstCert) out.push(...certificateFindings(host, firstCert, dane.pkixIrrelevant));
  out.push(...daneFindings(host, dane, anyTls || tested.length === 0, mxSecure));
  return out;
}
