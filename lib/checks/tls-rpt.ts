// SMTP TLS Reporting record at _smtp._tls.<domain> (RFC 8460 §3).
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome, Finding } from '../outcome.ts';
import { issue } from './finding-codes.ts';
import { didNotResolve, untested } from './lookup.ts';

export interface TlsRptDetails {
  rua: string[];
  dnssec: boolean;
}

const VERSION = /^v=TLSRPTv1\s*(;|$)/;
const LOOKS_LIKE = /^\s*v\s*=\s*tlsrpt/i;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

function uriOk(uri: string): boolean {
  if (/^mailto:[^@\s]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(uri)) return true;
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' && url.hostname.length > 0 && !/\s/.test(uri);
  } catch {
    return false;
  }
}

export function parseTlsRpt(text: string): { rua: string[]; errors: Finding[] } {
  const errors: Finding[] = [];
  const rua: string[] = [];
  let sawRua = false;
  const fields = text.split(';').map((f) => f.trim());
  if (fields[fields.length - 1] === '') fields.pop();
  for (const field of fields.slice(1)) {
    const eq = field.indexOf('=');
    if (eq <= 0) {
      errors.push(
        issue('tls-rpt.bad-syntax', `"${field}" is not a key=value field.`, { evidence: field }),
      );
      continue;
    }
    const name = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (name === 'rua') {
      sawRua = true;
      for (const uri of value.split(',').map((u) => u.trim())) {
        if (uriOk(uri)) rua.push(uri);
        else
          errors.push(
            issue('tls-rpt.bad-uri', `rua "${uri}" must be a mailto: or https: URI.`, {
              evidence: uri,
            }),
          );
      }
    } else if (!EXT_NAME.test(name) || !EXT_VALUE.test(value)) {
      errors.push(
        issue('tls-rpt.bad-extension', `"${field}" is not a valid extension field.`, {
          evidence: field,
        }),
      );
    }
  }
  if (!sawRua)
    errors.push(
      issue('tls-rpt.missing-rua', 'The record has no rua= destination.', {
        evidence: text,
        fix: 'Add rua=mailto:tlsrpt@your-domain.',
      }),
    );
  return { rua, errors };
}

export async function checkTlsRpt(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
): Promise<CheckOutcome<TlsRptDetails>> {
  const answer = await dns.query(`_smtp._tls.${domain}`, 'TXT', signal ? { signal } : {});
  if (didNotResolve(answer)) return untested('tls-rpt', answer);
  const details: TlsRptDetails = { rua: [], dnssec: answer.authenticData };
  const found = answer.records.filter((r) => VERSION.test(r));
  const lookalikes = answer.records.filter((r) => !VERSION.test(r) && LOOKS_LIKE.test(r));
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
    findings: parsed.errors,
    records: [text],
    details,
  };
}
