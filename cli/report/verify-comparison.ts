// `mailseal verify`: the provider's own trusted Authentication-Results next to an independent
// verification (mailauth over our DoH client), one row per method (and per DKIM signature).
import type { AuthResult, MessageFacts } from '../../lib/headers/message-facts.ts';

/** What mailauth's authenticate() returned, reduced to what we compare. */
export interface IndependentResults {
  spf: { result: string; domain: string | null } | null;
  dkim: { domain: string; selector: string | null; result: string }[];
  dmarc: { result: string; domain: string | null; policy: string | null } | null;
  arc: { result: string } | null;
  bimi: { result: string } | null;
}

export interface ComparisonRow {
  method: 'spf' | 'dkim' | 'dmarc' | 'arc' | 'bimi';
  /** DKIM: `d=domain s=selector`; otherwise empty. */
  key: string;
  provider: string | null;
  independent: string | null;
  /** null when either side has no result or one side could not test (temperror). */
  agree: boolean | null;
}

/** "temperror" on either side is "could not test", not a disagreement. */
function agreement(provider: string | null, independent: string | null): boolean | null {
  if (provider === null || independent === null) return null;
  if (provider === 'temperror' || independent === 'temperror') return null;
  // Providers write softfail and neutral; so does mailauth. Compare as written.
  return provider === independent;
}

function row(
  method: ComparisonRow['method'],
  key: string,
  provider: string | null,
  independent: string | null,
): ComparisonRow {
  return { method, key, provider, independent, agree: agreement(provider, independent) };
}

function dkimKey(domain: string, selector: string | null): string {
  return `d=${domain.toLowerCase()}${selector ? ` s=${selector}` : ''}`;
}

function providerDkimKey(r: AuthResult): string | null {
  const d = r.properties['header.d'] ?? r.properties['header.i']?.replace(/^.*@/, '');
  if (!d) return null;
  return dkimKey(d, r.properties['header.s'] ?? null);
}

export function compareResults(facts: MessageFacts, ours: IndependentResults): ComparisonRow[] {
  const auth = facts.authentication;
  const rows: ComparisonRow[] = [
    row('spf', '', auth.spf?.result ?? null, ours.spf?.result ?? null),
  ];
  const providerDkim = new Map<string, string>();
  for (const r of auth.dkim) {
    const key = providerDkimKey(r);
    if (key) providerDkim.set(key, r.result);
  }
  const seen = new Set<string>();
  for (const sig of ours.dkim) {
    const full = dkimKey(sig.domain, sig.selector);
    const domainOnly = dkimKey(sig.domain, null);
    const provider = providerDkim.get(full) ?? providerDkim.get(domainOnly) ?? null;
    seen.add(providerDkim.has(full) ? full : domainOnly);
    rows.push(row('dkim', full, provider, sig.result));
  }
  for (const [key, result] of providerDkim)
    if (!seen.has(key)) rows.push(row('dkim', key, result, null));
  rows.push(row('dmarc', '', auth.dmarc?.result ?? null, ours.dmarc?.result ?? null));
  rows.push(row('arc', '', auth.arc?.result ?? null, ours.arc?.result ?? null));
  const bimi = auth.other.find((r) => r.method === 'bimi');
  rows.push(row('bimi', '', bimi?.result ?? null, ours.bimi?.result ?? null));
  return rows;
}

export function formatComparison(
  rows: readonly ComparisonRow[],
  authservId: string | null,
): string {
  const header = ['method', 'provider', 'mailseal (mailauth)', ''];
  const lines = rows.map((r) => [
    `${r.method}${r.key ? ` ${r.key}` : ''}`,
    r.provider ?? '-',
    r.independent ?? '-',
    r.agree === false ? 'DISAGREE' : r.agree === true ? 'agree' : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [
    `Provider results: ${authservId ? `Authentication-Results of ${authservId}` : 'no trusted Authentication-Results found'}`,
    fmt(header),
    ...lines.map(fmt),
  ];
  const disagreements = rows.filter((r) => r.agree === false).length;
  out.push(
    disagreements === 0
      ? 'No disagreement.'
      : `${disagreements} disagreement(s): the provider's verdict differs from an independent check.`,
  );
  return `${out.join('\n')}\n`;
}
