// DNSSEC failure modes knot will not produce (it always signs correctly): zones signed offline
// with ldns, then served unsigned-as-is by knot. Each returns the zone file and the parent's DS.
//   expired-sig      every RRSIG expired a month ago (RFC 4035 §5.3.1)
//   future-sig       every RRSIG valid only from next month
//   missing-dnskey   data signed by a key that is not in the DNSKEY RRset (DNSKEY RRset itself
//                    signed by the key the DS names)
//   unsupported-alg  keys and signatures relabelled with unassigned algorithm 100, DS to match:
//                    validators that do not know the algorithm treat the zone as insecure
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOrThrow } from './run.ts';

export type OfflineMode = 'expired-sig' | 'future-sig' | 'missing-dnskey' | 'unsupported-alg';
export const OFFLINE_MODES: readonly string[] = [
  'expired-sig',
  'future-sig',
  'missing-dnskey',
  'unsupported-alg',
];

const RESIGN_AFTER_MS = 7 * 86_400_000;
const UNASSIGNED_ALGORITHM = 100;

function key(dir: string, domain: string, suffix: string): string {
  const prefix = `K${domain}.+`;
  const marker = join(dir, `${domain}.${suffix}.key-name`);
  if (existsSync(marker)) return readFileSync(marker, 'utf8').trim();
  const before = new Set(readdirSync(dir));
  runOrThrow('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', domain], { cwd: dir });
  const made = readdirSync(dir).find(
    (f) => !before.has(f) && f.startsWith(prefix) && f.endsWith('.private'),
  );
  if (!made) throw new Error(`lab: ldns-keygen made no key for ${domain}`);
  const base = made.slice(0, -'.private'.length);
  writeFileSync(marker, base);
  return base;
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);

function sign(dir: string, plain: string, out: string, keyBase: string, window?: [number, number]) {
  const times = window ? ['-i', stamp(window[0]), '-e', stamp(window[1])] : [];
  runOrThrow('ldns-signzone', [...times, '-f', out, plain, keyBase], { cwd: dir });
  return readFileSync(out, 'utf8').split('\n');
}

const fieldsOf = (line: string) => line.split(/\s+/);
const isKeyLine = (f: string[]) => f[3] === 'DNSKEY' || (f[3] === 'RRSIG' && f[4] === 'DNSKEY');

function dsLine(dir: string, keyBase: string): string {
  return readFileSync(join(dir, `${keyBase}.ds`), 'utf8')
    .trim()
    .split(/\s+/)
    .slice(3)
    .join(' ');
}

function wireName(name: string): Buffer {
  const labels = name
    .replace(/\.$/, '')
    .split('.')
    .filter((l) => l !== '');
  return Buffer.concat([
    ...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l.toLowerCase())])),
    Buffer.from([0]),
  ]);
}

/** Relabels algorithm 13 as 100 in DNSKEY and RRSIG lines; returns the lines and a DS for the KSK. */
function relabel(lines: string[], domain: string): { lines: string[]; ds: string } {
  let ds = '';
  const out = lines.map((line) => {
    const f = fieldsOf(line);
    if (f[3] === 'DNSKEY' && f[6] === '13') {
      f[6] = String(UNASSIGNED_ALGORITHM);
      const keyB64 = f.slice(7).join('').replace(/;.*$/, '');
      if (f[4] === '257') {
        const rdata = Buffer.concat([
          Buffer.from([1, 1, 3, UNASSIGNED_ALGORITHM]),
          Buffer.from(keyB64, 'base64'),
        ]);
        const digest = createHash('sha256')
          .update(Buffer.concat([wireName(domain), rdata]))
          .digest('hex');
        ds = `${tag(rdata)} ${UNASSIGNED_ALGORITHM} 2 ${digest.toUpperCase()}`;
      }
      return [...f.slice(0, 7), keyB64].join('\t');
    }
    if (f[3] === 'RRSIG' && f[5] === '13') f[5] = String(UNASSIGNED_ALGORITHM);
    return f.join('\t');
  });
  return { lines: out, ds };
}

function tag(rdata: Buffer): number {
  let ac = 0;
  for (let i = 0; i < rdata.length; i++)
    ac += i & 1 ? (rdata[i] as number) : (rdata[i] as number) << 8;
  return (ac + ((ac >> 16) & 0xffff)) & 0xffff;
}

export function signOffline(
  dir: string,
  domain: string,
  zoneText: string,
  mode: OfflineMode,
): { file: string; ds: string; changed: boolean } {
  const plain = join(dir, `${domain}.plain`);
  const file = join(dir, `${domain}.${mode}.zone`);
  const dsFile = `${file}.ds`;
  const plainChanged = !existsSync(plain) || readFileSync(plain, 'utf8') !== zoneText;
  const stale =
    !existsSync(file) ||
    !existsSync(dsFile) ||
    Date.now() - statSync(file).mtimeMs > RESIGN_AFTER_MS;
  if (plainChanged || stale) {
    writeFileSync(plain, zoneText);
    const a = key(dir, domain, 'a');
    const day = 86_400_000;
    let lines: string[];
    let ds = dsLine(dir, a);
    if (mode === 'expired-sig')
      lines = sign(dir, plain, `${file}.tmp`, a, [Date.now() - 60 * day, Date.now() - 30 * day]);
    else if (mode === 'future-sig')
      lines = sign(dir, plain, `${file}.tmp`, a, [Date.now() + 30 * day, Date.now() + 60 * day]);
    else if (mode === 'missing-dnskey') {
      const keys = sign(dir, plain, `${file}.a.tmp`, a).filter((l) => isKeyLine(fieldsOf(l)));
      const data = sign(dir, plain, `${file}.b.tmp`, key(dir, domain, 'b')).filter(
        (l) => !isKeyLine(fieldsOf(l)),
      );
      lines = [...keys, ...data];
    } else {
      const relabelled = relabel(sign(dir, plain, `${file}.tmp`, a), domain);
      lines = relabelled.lines;
      ds = relabelled.ds;
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    writeFileSync(dsFile, ds);
  }
  return { file, ds: readFileSync(dsFile, 'utf8').trim(), changed: plainChanged || stale };
}
