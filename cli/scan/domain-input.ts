// Reads a domain list: one per line, `#` comments and blank lines skipped, and for CSV lists such
// as Tranco's `rank,domain` the last field. Duplicates are dropped, first occurrence kept.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export function domainFromLine(line: string): string | null {
  const text = line.replace(/#.*$/, '').trim();
  if (text === '') return null;
  const field = text.includes(',') ? (text.split(',').at(-1) ?? '') : text;
  return field.trim() || null;
}

export async function readDomainList(
  source: string,
  stdin: Readable = process.stdin,
): Promise<string[]> {
  const input = source === '-' ? stdin : createReadStream(source, 'utf8');
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const seen = new Set<string>();
  for await (const line of lines) {
    const domain = domainFromLine(line);
    if (domain !== null) seen.add(domain);
  }
  return [...seen];
}
