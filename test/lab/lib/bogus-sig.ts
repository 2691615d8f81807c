import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOrThrow } from './run.ts';

const RESIGN_AFTER_MS = 7 * 86_400_000;

/**
 * Signs a zone offline with ldns (knot would sign it correctly), then damages every RRSIG
 * except the DNSKEY one: the DS chain holds, the data does not validate. Returns the DS.
 */
export function signBogus(
  dir: string,
  domain: string,
  zoneText: string,
): { file: string; ds: string; changed: boolean } {
  const plain = join(dir, `${domain}.plain`);
  const signed = join(dir, `${domain}.bogus.zone`);
  let keyBase = findKey(dir, domain);
  if (!keyBase) {
    runOrThrow('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', domain], { cwd: dir });
    keyBase = findKey(dir, domain);
    if (!keyBase) throw new Error(`lab: ldns-keygen made no key for ${domain}`);
  }
  const plainChanged = !existsSync(plain) || readFileSync(plain, 'utf8') !== zoneText;
  const stale = !existsSync(signed) || Date.now() - statSync(signed).mtimeMs > RESIGN_AFTER_MS;
  if (plainChanged || stale) {
    writeFileSync(plain, zoneText);
    runOrThrow('ldns-signzone', ['-f', `${signed}.tmp`, plain, keyBase], { cwd: dir });
    const damaged = readFileSync(`${signed}.tmp`, 'utf8').split('\n').map(damageRrsig).join('\n');
    writeFileSync(signed, damaged);
  }
  const ds = readFileSync(join(dir, `${keyBase}.ds`), 'utf8')
    .trim()
    .split(/\s+/)
    .slice(3)
    .join(' ');
  return { file: signed, ds, changed: plainChanged || stale };
}

function findKey(dir: string, domain: string): string | null {
  const file = readdirSync(dir).find((f) => f.startsWith(`K${domain}.+`) && f.endsWith('.private'));
  return file ? file.slice(0, -'.private'.length) : null;
}

function damageRrsig(line: string): string {
  const fields = line.split(/\s+/);
  if (fields[3] !== 'RRSIG' || fields[4] === 'DNSKEY') return line;
  const sig = fields[fields.length - 1] ?? '';
  const at = 8;
  const swapped = sig[at] === 'A' ? 'B' : 'A';
  fields[fields.length - 1] = sig.slice(0, at) + swapped + sig.slice(at + 1);
  return fields.join('\t');
}
