// Reads a domain list: one per line, `#` comments and blank lines skipped, and for CSV lists such
// as Tranco's `rank,domain` the last field. Duplicates are dropped, first occurrence kept.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createDomainTable, type DomainTable } from './domain-table.ts';

export function domainFromLine(line: string): string | null {
  const text = line.replace(/#.*$/, '').trim();
  if (text === '') return null;
  const field = text.includes(',') ? (text.split(',').at(-1) ?? '') : text;
  return field.trim() || null;
}

export async function readDomainList(
  source: string,
  stdin: Readable = process.stdin,
): Promise<DomainTable> {
  const input = source === '-' ? stdin : createReadStream(source, 'utf8');
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const table = createDomainTable();
  for await (const line of lines) {
    const domain = domainFromLine(line);
    if (domain !== null) table.add(domain);
  }
  return table;
}
