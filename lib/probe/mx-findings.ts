// Admin-facing findings for one MX, from what its addresses showed.

import { type Finding, finding } from '../outcome.ts';
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
  const note = daneAuthenticates ? ' (irrelevant while DANE authenticates this MX)' : '';
  if (cert.missingIntermediate) {
    out.push(
      finding(
        'cert.missing-intermediate',
        pkixSeverity,
        `${host} does not send the intermediate certificate${note}`,
        { fix: 'Serve the full chain (leaf + intermediates).' },
      ),
    );
  }
  if (cert.selfSigned)
    out.push(
      finding(
        'cert.self-signed',
        pkixSeverity,
        `${host} presents a self-signed certificate${note}`,
      ),
    );
  out.push(...validityFindings(host, cert));
  if (!cert.pkixValid && !cert.missingIntermediate && !cert.selfSigned && !cert.expired) {
    out.push(
      finding(
        'cert.pkix-invalid',
        pkixSeverity,
        `${host}'s certificate does not chain to a trusted root${note}`,
        { evidence: cert.errors.join(', ') },
      ),
    );
  }
  if (cert.hostnameMatch === 'none') {
    out.push(
      finding(
        'cert.name-mismatch',
        pkixSeverity,
        `${host}'s certificate names neither the MX host nor the domain${note}`,
        { evidence: cert.names.join(', ') },
      ),
    );
  }
  return out;
}

/** Validity period: expired, expiring soon, not yet valid. */
function validityFindings(host: string, cert: CertificateReport): Finding[] {
  const out: Finding[] = [];
  if (cert.expired)
    out.push(
      finding(
        'cert.expired',
        'high',
        `${host}'s certificate expired ${-cert.daysToExpiry} days ago`,
      ),
    );
  else if (cert.daysToExpiry <= EXPIRY_WARNING_DAYS) {
    out.push(
      finding(
        'cert.expiring-soon',
        'medium',
        `${host}'s certificate expires in ${cert.daysToExpiry} days`,
      ),
    );
  }
  if (cert.notYetValid)
    out.push(finding('cert.not-yet-valid', 'high', `${host}'s certificate is not valid yet`));
  return out;
}

/** Key, signature and revocation problems, which DANE does not excuse. */
function strengthFindings(host: string, cert: CertificateReport): Finding[] {
  const out: Finding[] = [];
  if (cert.weakKey)
    out.push(
      finding('cert.weak-key', 'high', `${host} uses a ${cert.keyBits}-bit ${cert.keyType} key`),
    );
  if (cert.weakSignature)
    out.push(
      finding(
        'cert.weak-signature',
        'medium',
        `${host}'s chain is signed with ${cert.signatureAlgorithm}`,
      ),
    );
  if (cert.revocation.status === 'revoked')
    out.push(
      finding('cert.revoked', 'critical', `${host}'s certificate is revoked`, {
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

function daneFindings(
  host: string,
  dane: DaneReport,
  anyTls: boolean,
  mxSecure: boolean,
): Finding[] {
  const out: Finding[] = [];
  if (dane.lookupError)
    out.push(
      finding(
        'dane.lookup-failed',
        'high',
        `TLSA lookup for ${host} failed; DANE senders defer mail`,
        { evidence: dane.lookupError },
      ),
    );
  if (dane.tlsaPresent && !dane.applicable) {
    const why = mxSecure
      ? 'the TLSA RRset is not DNSSEC-signed'
      : 'the MX RRset is not DNSSEC-signed';
    out.push(
      finding(
        'dane.tlsa-without-dnssec',
        'high',
        `TLSA published for ${host}, but ${why}: no sender can use it`,
      ),
    );
  }
  if (dane.tlsaPresent && !anyTls) {
    out.push(
      finding(
        'dane.tlsa-without-starttls',
        'critical',
        `TLSA published for ${host}, which offers no working STARTTLS`,
      ),
    );
  }
  if (dane.records.some((r) => r.usage === 0 || r.usage === 1)) {
    out.push(
      finding(
        'dane.unsuitable-usage',
        'medium',
        `TLSA usages 0/1 (PKIX-TA/PKIX-EE) for ${host} are unsuitable for SMTP (RFC 7672 §3.1.3)`,
      ),
    );
  }
  if (dane.applicable && !dane.usable)
    out.push(
      finding('dane.no-usable-records', 'high', `no TLSA record for ${host} is usable for SMTP`),
    );
  if (dane.usable && dane.matched === false) {
    out.push(
      finding(
        'dane.no-match',
        'critical',
        `no TLSA record matches ${host}'s certificate: DANE senders will not deliver`,
      ),
    );
  }
  if (dane.pkixIrrelevant)
    out.push(
      finding(
        'dane.authenticated',
        'info',
        `${host} is authenticated by DANE; PKIX name and CA checks do not matter`,
      ),
    );
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
    out.push(
      finding('probe.untested', 'info', `${host} [${a.address}] could not be tested`, {
        evidence: a.cutOff ? `${a.cutOff.reason}: ${a.cutOff.detail}` : 'no reply',
      }),
    );
  }
  const anyTls = tested.some((a) => a.starttls.negotiated && a.starttls.offered);
  for (const a of tested) {
    const where = `${host} [${a.address}]`;
    if (!a.starttls.offered && a.starttls.negotiated) {
      out.push(
        finding(
          'starttls.not-advertised',
          'high',
          `${where} does not advertise STARTTLS, though it works when tried`,
        ),
      );
    } else if (!a.starttls.offered) {
      out.push(
        finding(
          'starttls.not-offered',
          'high',
          `${where} does not offer STARTTLS: mail arrives in cleartext`,
        ),
      );
    } else if (!a.starttls.negotiated) {
      out.push(
        finding('starttls.failed', 'high', `${where} offers STARTTLS but it fails`, {
          evidence: a.starttls.error ?? '',
        }),
      );
    }
    const cls = [a.starttls.versionClass, a.starttls.cipherClass];
    if (cls.includes('insecure'))
      out.push(
        finding(
          'tls.insecure',
          'high',
          `${where} negotiates ${a.starttls.version} ${a.starttls.cipher}, classed insecure`,
        ),
      );
    else if (cls.includes('obsolete'))
      out.push(
        finding(
          'tls.obsolete',
          'medium',
          `${where} negotiates ${a.starttls.version} ${a.starttls.cipher}, classed obsolete`,
        ),
      );
    if (a.starttls.forwardSecrecy === false)
      out.push(
        finding(
          'tls.no-forward-secrecy',
          'low',
          `${where} negotiates a cipher without forward secrecy`,
        ),
      );
  }
  const firstCert = tested.find((a) => a.certificate)?.certificate;
  if (firstCert) out.push(...certificateFindings(host, firstCert, dane.pkixIrrelevant));
  out.push(...daneFindings(host, dane, anyTls || tested.length === 0, mxSecure));
  return out;
}
