// What the DNS checks found at each provider, for the admin view: an SPF record over its lookup
// limit, a DMARC report address that does not authorise us, a TLSA record without DNSSEC.
// Sender and recipient share one list, so a finding that does not name its domain is said with
// it. Info-level findings (a key found, answers validated locally, BIMI absent) are not
// problems: the standards table already shows those states, and listing them buried the rest.

import type { CheckTable } from '../checks/registry.ts';
import type { Finding } from '../outcome.ts';
import { english, text } from '../score/text.ts';
import type { AdminFinding } from './report.ts';

const RANK: Record<AdminFinding['severity'], number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  info: 4,
};

const isFinding = (value: unknown): value is Finding =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Finding).code === 'string' &&
  typeof (value as Finding).message === 'string' &&
  Object.hasOwn(RANK, (value as Finding).severity);

function withDomain(domain: string, f: Finding): AdminFinding {
  const named = f.message.toLowerCase().includes(domain.toLowerCase());
  const words = f.text && !named ? text('labelled', domain, f.text) : (f.text ?? null);
  return {
    code: f.code,
    severity: f.severity,
    message: named ? f.message : words ? english(words) : `${domain}: ${f.message}`,
    ...(words ? { text: words } : {}),
    ...(f.fix ? { fix: f.fix } : {}),
    ...(f.fixText ? { fixText: f.fixText } : {}),
  };
}

/** The problems one provider's DNS posture shows, worst first, in the order of the check table. */
export function postureFindings(
  domain: string | null,
  dns: Readonly<Record<string, unknown>> | null,
  checks: CheckTable,
): AdminFinding[] {
  if (!domain || !dns) return [];
  return checks
    .flatMap((check) => {
      const findings = (dns[check.key] as { findings?: unknown } | undefined)?.findings;
      return Array.isArray(findings) ? findings.filter(isFinding) : [];
    })
    .filter((f) => f.severity !== 'info')
    .map((f) => withDomain(domain, f))
    .sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
