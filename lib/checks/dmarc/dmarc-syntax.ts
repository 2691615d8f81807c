// DMARC record tags (RFC 7489 §6.3, with RFC 9989's np/psd/t): parse and validate each tag.
import type { Finding } from '../../outcome.ts';
import { issue } from '../finding-codes.ts';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface ReportUri {
  uri: string;
  /** Domain of a mailto: address; undefined for other schemes. */
  domain?: string;
}

export interface DmarcRecord {
  p?: DmarcPolicy;
  sp?: DmarcPolicy;
  np?: DmarcPolicy;
  pct: number;
  adkim: 'r' | 's';
  aspf: 'r' | 's';
  testing: boolean;
  rua: ReportUri[];
  ruf: ReportUri[];
  tags: Record<string, string>;
}

export interface ParsedDmarc {
  record: DmarcRecord;
  /** Errors that make receivers ignore the record (RFC 7489 §6.6.3). */
  fatal: Finding[];
  findings: Finding[];
}

export const DMARC_VERSION = /^v\s*=\s*DMARC1\s*(;|$)/;

const KNOWN_TAGS = new Set([
  'v',
  'p',
  'sp',
  'np',
  'pct',
  'rua',
  'ruf',
  'adkim',
  'aspf',
  'fo',
  'rf',
  'ri',
  'psd',
  't',
]);
const POLICIES = new Set(['none', 'quarantine', 'reject']);
const MAILTO =
  /^mailto:([^@\s,;!]+)@([a-z0-9.-]+\.[a-z]{2,}|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:![0-9]+[kmgt]?)?$/i;

function parseUris(tag: string, value: string, findings: Finding[]): ReportUri[] {
  const out: ReportUri[] = [];
  for (const raw of value.split(',').map((u) => u.trim())) {
    const m = MAILTO.exec(raw);
    if (m) {
      out.push({ uri: raw, domain: (m[2] ?? '').toLowerCase() });
      continue;
    }
    findings.push(
      issue(
        'dmarc.bad-uri',
        `${tag}= "${raw}" is not a valid mailto: URI, so reports sent there are lost.`,
        { evidence: raw, fix: `Use ${tag}=mailto:dmarc@your-domain.` },
      ),
    );
  }
  return out;
}

export function parseDmarc(text: string): ParsedDmarc {
  const fatal: Finding[] = [];
  const findings: Finding[] = [];
  // Prototype-less: tag names come from DNS, and `'constructor' in {}` is true.
  const tags: Record<string, string> = Object.create(null);
  const order: string[] = [];
  for (const part of text.split(';').map((p) => p.trim())) {
    if (part === '') continue;
    const m = /^([a-z0-9_]+)\s*=\s*(.*)$/i.exec(part);
    if (!m) {
      fatal.push(
        issue('dmarc.bad-tag-syntax', `"${part}" is not a tag=value pair.`, { evidence: part }),
      );
      continue;
    }
    const name = (m[1] ?? '').toLowerCase();
    if (name in tags)
      fatal.push(
        issue('dmarc.duplicate-tag', `Tag "${name}" appears more than once.`, { evidence: part }),
      );
    tags[name] = (m[2] ?? '').trim();
    order.push(name);
    if (!KNOWN_TAGS.has(name))
      findings.push(
        issue('dmarc.unknown-tag', `Tag "${name}" is not defined; receivers ignore it.`, {
          evidence: part,
        }),
      );
  }
  if (order[0] !== 'v')
    fatal.push(
      issue('dmarc.v-not-first', 'The record must start with "v=DMARC1".', { evidence: text }),
    );
  const policy = (tag: 'p' | 'sp' | 'np'): DmarcPolicy | undefined => {
    const v = tags[tag]?.toLowerCase();
    if (v === undefined) return undefined;
    if (POLICIES.has(v)) return v as DmarcPolicy;
    const code = tag === 'p' ? 'dmarc.bad-policy' : 'dmarc.bad-subdomain-policy';
    (tag === 'p' ? fatal : findings).push(
      issue(code, `${tag}=${tags[tag]} is not none, quarantine or reject.`, {
        evidence: `${tag}=${tags[tag]}`,
      }),
    );
    return undefined;
  };
  const p = policy('p');
  if (tags.p === undefined) {
    fatal.push(
      issue('dmarc.p-missing', 'The required "p" tag is missing.', {
        fix: 'Add p=none, p=quarantine or p=reject right after v=DMARC1.',
      }),
    );
  } else if (order[1] !== 'p') {
    findings.push(
      issue('dmarc.p-not-second', '"p" should directly follow "v=DMARC1" (RFC 7489 §6.4).', {
        evidence: text,
      }),
    );
  }
  let pct = 100;
  if (tags.pct !== undefined) {
    if (/^\d{1,3}$/.test(tags.pct) && Number(tags.pct) <= 100) pct = Number(tags.pct);
    else
      findings.push(
        issue('dmarc.bad-pct', `pct=${tags.pct} is not an integer from 0 to 100.`, {
          evidence: `pct=${tags.pct}`,
        }),
      );
  }
  const mode = (tag: 'adkim' | 'aspf'): 'r' | 's' => {
    const v = tags[tag]?.toLowerCase();
    if (v === undefined || v === 'r' || v === 's') return v ?? 'r';
    findings.push(
      issue('dmarc.bad-alignment-mode', `${tag}=${tags[tag]} must be "r" or "s".`, {
        evidence: `${tag}=${tags[tag]}`,
      }),
    );
    return 'r';
  };
  if (tags.fo !== undefined && !/^[01ds](\s*:\s*[01ds])*$/i.test(tags.fo)) {
    findings.push(
      issue('dmarc.bad-fo', `fo=${tags.fo} must be a colon-separated list of 0, 1, d and s.`, {
        evidence: `fo=${tags.fo}`,
      }),
    );
  }
  if (tags.ri !== undefined && !/^\d{1,10}$/.test(tags.ri)) {
    findings.push(
      issue('dmarc.bad-ri', `ri=${tags.ri} must be a number of seconds.`, {
        evidence: `ri=${tags.ri}`,
      }),
    );
  }
  const sp = policy('sp');
  const np = policy('np');
  const record: DmarcRecord = {
    pct,
    adkim: mode('adkim'),
    aspf: mode('aspf'),
    testing: tags.t?.toLowerCase() === 'y',
    rua: tags.rua !== undefined ? parseUris('rua', tags.rua, findings) : [],
    ruf: tags.ruf !== undefined ? parseUris('ruf', tags.ruf, findings) : [],
    tags,
    ...(p ? { p } : {}),
    ...(sp ? { sp } : {}),
    ...(np ? { np } : {}),
  };
  return { record, fatal, findings };
}
