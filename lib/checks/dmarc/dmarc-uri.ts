// DMARC report URIs (RFC 7489 §6.2, §6.4 dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]).
import type { Finding } from '../../outcome.ts';
import { text } from '../../score/text.ts';
import { issue } from '../finding-codes.ts';
import { trimWsp } from '../wsp.ts';

export interface ReportUri {
  uri: string;
  /** Domain of a mailto: address; undefined for other schemes. */
  domain?: string;
}

const SIZE = /![0-9]+[kmgt]?$/i;
/** RFC 3986 scheme ":" and at least one more character, none of them space, "," or ";". */
const URI = /^[a-z][a-z0-9+.-]*:[^\s,;!]+$/i;
const MAILTO = /^mailto:([^@\s,;!]+)@([a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i;

/**
 * Every syntactically valid URI of the list, in order. A URI that is not one is reported; a
 * valid non-mailto URI is kept (it still counts for §6.6.3) but reported, because mailto is the
 * only scheme receivers must support (§6.2).
 */
export function parseReportUris(tag: string, value: string, findings: Finding[]): ReportUri[] {
  const out: ReportUri[] = [];
  for (const raw of value.split(',').map(trimWsp)) {
    const bare = raw.replace(SIZE, '');
    if (!URI.test(bare)) {
      findings.push(
        issue('dmarc.bad-uri', text('chk_dmarc_bad_uri', tag, raw), {
          evidence: raw,
          fix: text('chk_dmarc_fix_uri', tag),
        }),
      );
      continue;
    }
    const mailto = MAILTO.exec(bare);
    if (mailto) {
      out.push({ uri: raw, domain: (mailto[2] ?? '').toLowerCase() });
      continue;
    }
    out.push({ uri: raw });
    findings.push(
      issue(
        'dmarc.bad-uri',
        /^mailto:/i.test(bare)
          ? text('chk_dmarc_bad_mailto', tag, raw)
          : text('chk_dmarc_not_mailto', tag, raw),
        { evidence: raw, fix: text('chk_dmarc_fix_uri', tag) },
      ),
    );
  }
  return out;
}
