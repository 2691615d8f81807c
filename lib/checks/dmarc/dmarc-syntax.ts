// DMARC record tags (RFC 7489 §6.3/§6.4, with DMARCbis's np/psd/t): parse and validate each tag.
// ABNF literals are case-insensitive (RFC 5234 §2.3): tag names and keyword values match in any
// case. Only the version value is an exact %x sequence, "DMARC1" (RFC 7489 §6.4).
import type { Finding } from '../../outcome.ts';
import { english, text } from '../../score/text.ts';
import { issue } from '../finding-codes.ts';
import { trimWsp } from '../wsp.ts';
import { parseReportUris, type ReportUri } from './dmarc-uri.ts';

export type { ReportUri } from './dmarc-uri.ts';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

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

/** RFC 7489 §6.4 dmarc-version: "v" in any case, *WSP around "=", the exact value DMARC1. */
export const DMARC_VERSION = /^[Vv][ \t]*=[ \t]*DMARC1[ \t]*(?:;|$)/;

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
/** RFC 7489 §11.3: the IANA "DMARC Report Format" registry holds only afrf (RFC 6591). */
const REPORT_FORMATS = new Set(['afrf']);
const UINT32_MAX = 4_294_967_295;
/** dmarc-sep = *WSP ";" *WSP; WSP is space and tab only (RFC 5234 Appendix B.1). */
const TAG = /^([A-Za-z0-9_.-]+)[ \t]*=[ \t]*(.*)$/s;

interface TagList {
  tags: Record<string, string>;
  order: string[];
  fatal: Finding[];
  findings: Finding[];
}

function readTags(raw: string): TagList {
  // Prototype-less: tag names come from DNS, and `'constructor' in {}` is true.
  const list: TagList = { tags: Object.create(null), order: [], fatal: [], findings: [] };
  for (const part of raw.split(';').map(trimWsp)) {
    if (part === '') continue;
    const m = TAG.exec(part);
    if (!m || /[^\x20-\x7e\t]/.test(part)) {
      list.fatal.push(
        issue('dmarc.bad-tag-syntax', text('chk_not_tag_value', part), { evidence: part }),
      );
      continue;
    }
    const name = (m[1] ?? '').toLowerCase();
    if (name in list.tags) {
      // RFC 7489 §6.4 allows each tag once; what a receiver does with a repeat is not specified.
      list.fatal.push(
        issue('dmarc.duplicate-tag', text('chk_dmarc_duplicate_tag', name), { evidence: part }),
      );
      list.order.push(name);
      continue; // the first value is the one read here
    }
    list.tags[name] = trimWsp(m[2] ?? '');
    list.order.push(name);
    if (!KNOWN_TAGS.has(name))
      list.findings.push(
        issue('dmarc.unknown-tag', text('chk_dmarc_unknown_tag', name), {
          evidence: part,
        }),
      );
  }
  return list;
}

export function parseDmarc(raw: string): ParsedDmarc {
  const { tags, order, fatal, findings } = readTags(raw);
  if (order[0] !== 'v' || !DMARC_VERSION.test(raw))
    fatal.push(issue('dmarc.v-not-first', text('chk_dmarc_v_not_first'), { evidence: raw }));
  const rua = tags.rua !== undefined ? parseReportUris('rua', tags.rua, findings) : [];
  const ruf = tags.ruf !== undefined ? parseReportUris('ruf', tags.ruf, findings) : [];
  const policies = readPolicies(tags, order, rua, fatal, findings);
  const record: DmarcRecord = {
    pct: readPct(tags, findings),
    adkim: alignmentMode(tags, 'adkim', findings),
    aspf: alignmentMode(tags, 'aspf', findings),
    testing: readFlag(tags, 't', ['y', 'n'], findings) === 'y',
    rua: rua.filter((u) => u.domain !== undefined),
    ruf: ruf.filter((u) => u.domain !== undefined),
    tags,
    ...policies,
  };
  validateReportTags(tags, findings);
  readFlag(tags, 'psd', ['y', 'n', 'u'], findings);
  return { record, fatal, findings };
}

function policyValue(tags: Record<string, string>, tag: 'p' | 'sp' | 'np') {
  const raw = tags[tag];
  if (raw === undefined) return { present: false as const };
  const v = raw.toLowerCase();
  return POLICIES.has(v)
    ? { present: true as const, policy: v as DmarcPolicy }
    : { present: true as const, raw };
}

/**
 * p, sp and np. RFC 7489 §6.6.3 step 6: a missing or invalid p, or an invalid sp, with at least
 * one syntactically valid rua URI means "act as if p=none"; without one, DMARC is not applied.
 */
function readPolicies(
  tags: Record<string, string>,
  order: string[],
  rua: ReportUri[],
  fatal: Finding[],
  findings: Finding[],
): Pick<DmarcRecord, 'p' | 'sp' | 'np'> {
  const p = policyValue(tags, 'p');
  const sp = policyValue(tags, 'sp');
  const np = policyValue(tags, 'np');
  const broken: Finding[] = [];
  if (!p.present)
    broken.push(
      issue('dmarc.p-missing', text('chk_dmarc_p_missing'), {
        fix: text('chk_dmarc_fix_add_p'),
      }),
    );
  else if (p.policy === undefined)
    broken.push(
      issue('dmarc.bad-policy', text('chk_dmarc_bad_policy', 'p', p.raw), {
        evidence: `p=${p.raw}`,
      }),
    );
  else if (order[1] !== 'p')
    findings.push(
      issue('dmarc.p-not-second', text('chk_dmarc_p_not_second'), {
        evidence: `p=${tags.p}`,
      }),
    );
  if (sp.present && sp.policy === undefined)
    broken.push(
      issue('dmarc.bad-subdomain-policy', text('chk_dmarc_bad_policy', 'sp', sp.raw), {
        evidence: `sp=${sp.raw}`,
      }),
    );
  if (np.present && np.policy === undefined)
    findings.push(
      issue('dmarc.bad-subdomain-policy', text('chk_dmarc_bad_np', np.raw), {
        evidence: `np=${np.raw}`,
      }),
    );
  const npPolicy = np.policy ? { np: np.policy } : {};
  if (broken.length === 0 && p.policy)
    return { p: p.policy, ...(sp.policy ? { sp: sp.policy } : {}), ...npPolicy };
  if (rua.length > 0) {
    for (const f of broken) {
      const words = text('chk_dmarc_as_none', f.text ?? f.message);
      findings.push({ ...f, message: english(words), text: words });
    }
    return { p: 'none', ...npPolicy };
  }
  fatal.push(...broken);
  return {};
}

function readPct(tags: Record<string, string>, findings: Finding[]): number {
  if (tags.pct === undefined) return 100;
  if (/^\d{1,3}$/.test(tags.pct) && Number(tags.pct) <= 100) return Number(tags.pct);
  findings.push(
    issue('dmarc.bad-pct', text('chk_dmarc_bad_pct', String(tags.pct)), {
      evidence: `pct=${tags.pct}`,
    }),
  );
  return 100;
}

function alignmentMode(
  tags: Record<string, string>,
  tag: 'adkim' | 'aspf',
  findings: Finding[],
): 'r' | 's' {
  const v = tags[tag]?.toLowerCase();
  if (v === undefined || v === 'r' || v === 's') return v ?? 'r';
  findings.push(
    issue('dmarc.bad-alignment-mode', text('chk_dmarc_bad_alignment', tag, String(tags[tag])), {
      evidence: `${tag}=${tags[tag]}`,
    }),
  );
  return 'r';
}

/** DMARCbis flags: t (y/n) and psd (y/n/u). An invalid value is ignored, as for unknown tags. */
function readFlag(
  tags: Record<string, string>,
  tag: 't' | 'psd',
  allowed: readonly string[],
  findings: Finding[],
): string | undefined {
  const v = tags[tag]?.toLowerCase();
  if (v === undefined) return undefined;
  if (allowed.includes(v)) return v;
  findings.push(
    issue(
      'dmarc.bad-flag',
      text('chk_dmarc_bad_flag', tag, String(tags[tag]), allowed.join(', ')),
      {
        evidence: `${tag}=${tags[tag]}`,
      },
    ),
  );
  return undefined;
}

/** fo (§6.3, colon list of 0/1/d/s), rf (registered formats) and ri (32-bit seconds). */
function validateReportTags(tags: Record<string, string>, findings: Finding[]): void {
  if (tags.fo !== undefined && !/^[01ds](?:[ \t]*:[ \t]*[01ds])*$/i.test(tags.fo))
    findings.push(
      issue('dmarc.bad-fo', text('chk_dmarc_bad_fo', tags.fo), {
        evidence: `fo=${tags.fo}`,
      }),
    );
  if (tags.rf !== undefined) {
    const formats = tags.rf.split(':').map(trimWsp);
    if (!formats.every((f) => REPORT_FORMATS.has(f.toLowerCase())))
      findings.push(
        issue('dmarc.bad-rf', text('chk_dmarc_bad_rf', tags.rf), {
          evidence: `rf=${tags.rf}`,
          fix: text('chk_dmarc_fix_rf'),
        }),
      );
  }
  if (tags.ri !== undefined && !(/^\d+$/.test(tags.ri) && Number(tags.ri) <= UINT32_MAX))
    findings.push(
      issue('dmarc.bad-ri', text('chk_dmarc_bad_ri', tags.ri), {
        evidence: `ri=${tags.ri}`,
      }),
    );
}
