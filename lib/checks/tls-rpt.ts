// SMTP TLS Reporting record at _smtp._tls.<domain> (RFC 8460 §3).
import type { DnssecSource } from '../dns/dnssec/types.ts';
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome, Finding } from '../outcome.ts';
import { integrityOf } from './dnssec-judgement.ts';
import { issue } from './finding-codes.ts';
import { didNotResolve, untested } from './lookup.ts';
import { trimWsp } from './wsp.ts';

export interface TlsRptDetails {
  rua: string[];
  dnssec: boolean;
  /** Who vouched for `dnssec` (the record's integrity): local validation or the resolver. */
  dnssecSource: DnssecSource;
  /** Why local validation did not complete, when the resolver's word stood in. */
  dnssecFallback?: string;
}

/**
 * RFC 8460 §3:
 *   tlsrpt-record    = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
 *   field-delim      = *WSP ";" *WSP
 *   tlsrpt-version   = %s"v=TLSRPTv1"
 *   tlsrpt-rua       = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
 *   tlsrpt-extension = tlsrpt-ext-name "=" tlsrpt-ext-value
 */
export const TLSRPT_VERSION = /^v=TLSRPTv1[ \t]*(?:;|$)/;
const LOOKS_LIKE = /^\s*v\s*=\s*tlsrpt/i;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/** §3 "rua": mailto: (RFC 6068) or https: (RFC 2818); other schemes are not used by senders. */
function uriOk(uri: string): boolean {
  if (/^mailto:[^@\s,;]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(uri)) return true;
  if (!/^https:\/\/[^\s,;]+$/i.test(uri)) return false;
  try {
    return new URL(uri).hostname.length > 0;
  } catch {
    return false;
  }
}

/** The record as findings: `errors` make senders send no reports, `notes` do not. */
export function parseTlsRpt(text: string): { rua: string[]; errors: Finding[]; notes: Finding[] } {
  const errors: Finding[] = [];
  const notes: Finding[] = [];
  const rua: string[] = [];
  let ruaFields = 0;
  const fields = text.split(';').map(trimWsp);
  if (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
  if (!text.startsWith('v=TLSRPTv1;') && TLSRPT_VERSION.test(text) && fields.length > 1)
    notes.push(
      issue(
        'tls-rpt.lenient-version',
        'The grammar allows space before ";", but §3 also says records not beginning with "v=TLSRPTv1;" are discarded: receivers differ.',
        { evidence: text, fix: 'Write "v=TLSRPTv1;" with no space before the semicolon.' },
      ),
    );
  for (const field of fields.slice(1)) {
    const eq = field.indexOf('=');
    const name = eq > 0 ? field.slice(0, eq) : '';
    const value = field.slice(eq + 1);
    if (name === 'rua') {
      ruaFields++;
      for (const uri of value.split(',').map(trimWsp)) {
        if (uriOk(uri)) rua.push(uri);
        else
          errors.push(
            issue('tls-rpt.bad-uri', `rua "${uri}" must be a mailto: or https: URI.`, {
              evidence: uri,
            }),
          );
      }
    } else if (eq <= 0) {
      errors.push(
        issue('tls-rpt.bad-syntax', `"${field}" is not a key=value field.`, { evidence: field }),
      );
    } else if (!EXT_NAME.test(name) || !EXT_VALUE.test(value)) {
      errors.push(
        issue('tls-rpt.bad-extension', `"${field}" is not a valid extension field.`, {
          evidence: field,
        }),
      );
    }
  }
  if (rua.length > 0) {
    // Senders skip a URI they cannot use and report to the others (§3 "rua").
    const unusable = errors.filter((f) => f.code === 'tls-rpt.bad-uri');
    notes.push(...unusable);
    errors.splice(0, errors.length, ...errors.filter((f) => f.code !== 'tls-rpt.bad-uri'));
  }
  if (ruaFields === 0)
    errors.push(
      issue('tls-rpt.missing-rua', 'The record has no rua= destination.', {
        evidence: text,
        fix: 'Add rua=mailto:tlsrpt@your-domain.',
      }),
    );
  if (ruaFields > 1)
    notes.push(
      issue(
        'tls-rpt.duplicate-rua',
        'The record has more than one rua field; the grammar allows it but does not say whether senders use all: receivers differ. List every URI in one rua, comma-separated.',
        { evidence: text },
      ),
    );
  return { rua, errors, notes };
}

export async function checkTlsRpt(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
): Promise<CheckOutcome<TlsRptDetails>> {
  const answer = await dns.query(`_smtp._tls.${domain}`, 'TXT', signal ? { signal } : {});
  if (didNotResolve(answer)) return untested('tls-rpt', answer);
  const details: TlsRptDetails = { rua: [], dnssec: answer.authenticData, ...integrityOf(answer) };
  // §3: records that do not begin with the version are discarded before counting.
  const found = answer.records.filter((r) => TLSRPT_VERSION.test(r));
  const lookalikes = answer.records.filter((r) => !TLSRPT_VERSION.test(r) && LOOKS_LIKE.test(r));
  if (found.length === 0 && lookalikes.length === 0) {
    const f = issue(
      'tls-rpt.missing',
      `${domain} publishes no TLS-RPT record: it hears nothing about failed TLS deliveries.`,
      { fix: `Publish "v=TLSRPTv1; rua=mailto:tlsrpt@${domain}" at _smtp._tls.${domain}.` },
    );
    return { check: 'tls-rpt', status: 'none', findings: [f], records: [], details };
  }
  if (found.length === 0) {
    const f = issue('tls-rpt.bad-version', 'The record does not start with exactly "v=TLSRPTv1".', {
      evidence: lookalikes.join(' | '),
    });
    return { check: 'tls-rpt', status: 'permerror', findings: [f], records: lookalikes, details };
  }
  if (found.length > 1) {
    const f = issue(
      'tls-rpt.multiple',
      `${found.length} TLS-RPT records: senders send no reports.`,
      { evidence: found.join(' | ') },
    );
    return { check: 'tls-rpt', status: 'permerror', findings: [f], records: found, details };
  }
  const text = found[0] ?? '';
  const parsed = parseTlsRpt(text);
  details.rua = parsed.rua;
  return {
    check: 'tls-rpt',
    status: parsed.errors.length > 0 ? 'permerror' : 'pass',
    findings: [...parsed.errors, ...parsed.notes],
    records: [text],
    details,
  };
}
