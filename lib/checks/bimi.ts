// BIMI assertion record at default._bimi.<domain>. Presence and syntax only (the logo and the
// mark certificate are fetched elsewhere); BIMI is honoured only under DMARC enforcement.
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome, Finding } from '../outcome.ts';
import type { DmarcDetails } from './dmarc/dmarc-check.ts';
import { issue } from './finding-codes.ts';
import { didNotResolve, untested } from './lookup.ts';

export interface BimiDetails {
  location?: string;
  authority?: string;
  dnssec: boolean;
}

const VERSION = /^v=BIMI1\s*(;|$)/i;

function httpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export async function checkBimi(
  dns: DnsClient,
  domain: string,
  dmarc: DmarcDetails | undefined,
  signal?: AbortSignal,
): Promise<CheckOutcome<BimiDetails>> {
  const answer = await dns.query(`default._bimi.${domain}`, 'TXT', signal ? { signal } : {});
  if (didNotResolve(answer)) return untested('bimi', answer);
  const details: BimiDetails = { dnssec: answer.authenticData };
  const found = answer.records.filter((r) => VERSION.test(r));
  const lookalikes = answer.records.filter((r) => !VERSION.test(r) && /^\s*v\s*=\s*bimi/i.test(r));
  if (found.length === 0 && lookalikes.length === 0) {
    return {
      check: 'bimi',
      status: 'none',
      findings: [
        issue('bimi.missing', `${domain} publishes no BIMI record (optional: shows a brand logo).`),
      ],
      records: [],
      details,
    };
  }
  if (found.length === 0) {
    return {
      check: 'bimi',
      status: 'permerror',
      findings: [
        issue('bimi.bad-version', 'The BIMI record must start with "v=BIMI1".', {
          evidence: lookalikes.join(' | '),
        }),
      ],
      records: lookalikes,
      details,
    };
  }
  if (found.length > 1) {
    return {
      check: 'bimi',
      status: 'permerror',
      findings: [
        issue('bimi.multiple', `${found.length} BIMI records; receivers ignore them.`, {
          evidence: found.join(' | '),
        }),
      ],
      records: found,
      details,
    };
  }
  const text = found[0] ?? '';
  const findings: Finding[] = [];
  const tags: Record<string, string> = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const m = /^([a-z]+)\s*=\s*(.*)$/i.exec(part);
    if (!m)
      findings.push(
        issue('bimi.bad-syntax', `"${part}" is not a tag=value pair.`, { evidence: part }),
      );
    else tags[(m[1] ?? '').toLowerCase()] = (m[2] ?? '').trim();
  }
  const l = tags.l ?? '';
  const a = tags.a ?? '';
  if (l !== '') details.location = l;
  if (a !== '') details.authority = a;
  if (l === '' && a === '')
    findings.push(issue('bimi.declined', `${domain} explicitly declines BIMI (empty l= and a=).`));
  if (l !== '' && !httpsUrl(l))
    findings.push(
      issue('bimi.bad-location', `l=${l} must be an https: URL of an SVG logo.`, {
        evidence: `l=${l}`,
      }),
    );
  if (a !== '' && !httpsUrl(a))
    findings.push(
      issue('bimi.bad-authority', `a=${a} must be an https: URL of a mark certificate.`, {
        evidence: `a=${a}`,
      }),
    );
  if (l !== '' && a === '')
    findings.push(
      issue(
        'bimi.no-authority',
        'No mark certificate (a=): many mailbox providers show no logo without one.',
      ),
    );
  if (l !== '' && !dmarc?.enforced) {
    findings.push(
      issue(
        'bimi.dmarc-not-enforced',
        'BIMI needs DMARC at p=quarantine or p=reject with pct=100; without it, no logo is shown.',
        { fix: 'Enforce DMARC first.' },
      ),
    );
  }
  const invalid = findings.some(
    (f) =>
      f.code === 'bimi.bad-syntax' ||
      f.code === 'bimi.bad-location' ||
      f.code === 'bimi.bad-authority',
  );
  const status = invalid
    ? 'permerror'
    : findings.some((f) => f.code === 'bimi.dmarc-not-enforced')
      ? 'fail'
      : 'pass';
  return { check: 'bimi', status, findings, records: [text], details };
}
