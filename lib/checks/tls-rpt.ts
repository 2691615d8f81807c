// SMTP TLS Reporting record at _smtp._tls.<domain> (RFC 8460 §3).
import type { DnssecSource } from '../dns/dnssec/types.ts';
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome, Finding } from '../outcome.ts';
import { text } from '../score/text.ts';
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
export function parseTlsRpt(raw: string): { rua: string[]; errors: Finding[]; notes: Finding[] } {
  const errors: Finding[] = [];
  const notes: Finding[] = [];
  const rua: string[] = [];
  let ruaFields = 0;
  const fields = raw.split(';').map(trimWsp);
  if (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
  if (!raw.startsWith('v=TLSRPTv1;') && TLSRPT_VERSION.test(raw) && fields.length > 1)
    notes.push(
      issue('tls-rpt.lenient-version', text('chk_tlsrpt_lenient_version'), {
        evidence: raw,
        fix: text('chk_tlsrpt_fix_lenient'),
      }),
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
            issue('tls-rpt.bad-uri', text('chk_tlsrpt_bad_uri', uri), {
              evidence: uri,
            }),
          );
      }
    } else if (eq <= 0) {
      errors.push(
        issue('tls-rpt.bad-syntax', text('chk_not_key_value', field), { evidence: field }),
      );
    } else if (!EXT_NAME.test(name) || !EXT_VALUE.test(value)) {
      errors.push(
        issue('tls-rpt.bad-extension', text('chk_bad_extension', field), {
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
      issue('tls-rpt.missing-rua', text('chk_tlsrpt_missing_rua'), {
        evidence: raw,
        fix: text('chk_tlsrpt_fix_rua'),
      }),
    );
  if (ruaFields > 1)
    notes.push(issue('tls-rpt.duplicate-rua', text('chk_tlsrpt_duplicate_rua'), { evidence: raw }));
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
    const f = issue('tls-rpt.missing', text('chk_tlsrpt_missing', domain), {
      fix: text('chk_tlsrpt_fix_publish', domain),
    });
    return { check: 'tls-rpt', status: 'none', findings: [f], records: [], details };
  }
  if (found.length === 0) {
    const f = issue('tls-rpt.bad-version', text('chk_tlsrpt_bad_version'), {
      evidence: lookalikes.join(' | '),
    });
    return { check: 'tls-rpt', status: 'permerror', findings: [f], records: lookalikes, details };
  }
  if (found.length > 1) {
    const f = issue('tls-rpt.multiple', text('chk_tlsrpt_multiple', String(found.length)), {
      evidence: found.join(' | '),
    });
    return { check: 'tls-rpt', status: 'permerror', findings: [f], records: found, details };
  }
  const raw = found[0] ?? '';
  const parsed = parseTlsRpt(raw);
  details.rua = parsed.rua;
  return {
    check: 'tls-rpt',
    status: parsed.errors.length > 0 ? 'permerror' : 'pass',
    findings: [...parsed.errors, ...parsed.notes],
    records: [raw],
    details,
  };
}
