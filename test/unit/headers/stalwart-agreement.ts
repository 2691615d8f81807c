// Shared by the Stalwart golden-line test and docs: compares parseReceived() with the expected
// fields in shared/corpus/stalwart-mail-parser/received.json, field by field.
import { readFileSync } from 'node:fs';
import { parseReceived } from '../../../lib/headers/received.ts';
import { normalizeCipherName, normalizeTlsVersion } from '../../../lib/tls/index.ts';

export const STALWART_PATH = new URL(
  '../../../../shared/corpus/stalwart-mail-parser/received.json',
  import.meta.url,
);

interface Expected {
  from?: { Name?: string; IpAddr?: string };
  by?: { Name?: string; IpAddr?: string };
  with?: string;
  from_ip?: string;
  tls_version?: string;
  tls_cipher?: string;
}

export const FIELDS = ['fromHost', 'byHost', 'protocol', 'ip', 'tlsVersion', 'cipher'] as const;
export type Field = (typeof FIELDS)[number];

export interface Row {
  index: number;
  header: string;
  field: Field;
  expected: string | null;
  actual: string | null;
}

/** Stalwart's `with` enum names for our protocol keywords. */
export function protocolFamily(p: string | null): string | null {
  if (p === null) return null;
  if (p === 'Microsoft SMTP Server' || p === 'Microsoft SMTPSVC') return 'SMTP';
  if (p === 'mapi') return null;
  if (p === 'local') return 'LOCAL';
  return p.toUpperCase();
}

function norm(s: string | null | undefined): string | null {
  if (s === undefined || s === null || s === '') return null;
  return s.toLowerCase().replace(/\.$/, '');
}

export function compareStalwart(): { rows: Row[]; total: number } {
  const entries = JSON.parse(readFileSync(STALWART_PATH, 'utf8')) as {
    header: string;
    expected: Expected;
  }[];
  const rows: Row[] = [];
  entries.forEach((e, index) => {
    const p = parseReceived(e.header);
    const x = e.expected;
    const push = (field: Field, expected: string | null, actual: string | null): void => {
      if (expected === null && actual === null) return;
      rows.push({ index, header: e.header.trim(), field, expected, actual });
    };
    push('fromHost', norm(x.from?.Name ?? x.from?.IpAddr), norm(p.fromName));
    push('byHost', norm(x.by?.Name ?? x.by?.IpAddr), norm(p.byName));
    push(
      'protocol',
      x.with === undefined ? null : x.with.toUpperCase(),
      protocolFamily(p.protocol),
    );
    push('ip', norm(x.from_ip), norm(p.ip));
    push(
      'tlsVersion',
      x.tls_version === undefined ? null : normalizeTlsVersion(x.tls_version),
      p.tls?.version ?? null,
    );
    push(
      'cipher',
      x.tls_cipher === undefined
        ? null
        : (normalizeCipherName(x.tls_cipher) ?? x.tls_cipher.toUpperCase()),
      p.tls?.cipher ?? null,
    );
  });
  return { rows, total: entries.length };
}

export function summarize(rows: Row[]): Record<Field, { agree: number; compared: number }> {
  const out = {} as Record<Field, { agree: number; compared: number }>;
  for (const f of FIELDS) out[f] = { agree: 0, compared: 0 };
  for (const r of rows) {
    const s = out[r.field];
    s.compared++;
    if (r.expected === r.actual) s.agree++;
  }
  return out;
}
