// Human report of lib/score results: the padlock line, the threat matrix, and MECSA stars per
// channel with fix hints. Shared by `mailseal headers` and `mailseal check`.
import type { Finding } from '../../lib/outcome.ts';
import {
  ATTACKER_LABEL,
  ATTACKERS,
  CATEGORIES,
  CATEGORY_LABEL,
  type Cell,
  type ChannelScore,
  type HandoffObservation,
  type MessageScore,
  type Padlock,
  type PadlockLevel,
  type ProviderScore,
  SECURITY_PROPERTIES,
  starGlyphs,
  type ThreatMatrix,
} from '../../lib/score/index.ts';
import { terminalPalette } from './terminal-palette.ts';

export interface ScoreReportOptions {
  color?: boolean;
}

const LEVEL_MARK: Record<PadlockLevel, string> = {
  green: '🔒 green',
  amber: '🔒 amber',
  red: '🔓 red',
  grey: '·  grey',
};

function findingLines(findings: readonly Finding[], indent: string): string[] {
  return findings.flatMap((f) => [
    `${indent}- ${f.message}`,
    ...(f.fix === undefined ? [] : [`${indent}  fix: ${f.fix}`]),
  ]);
}

/** `Padlock: 🔒 amber — Encrypted, but …` and the deductions under it. */
export function formatPadlock(p: Padlock, options: ScoreReportOptions = {}): string {
  const paint = terminalPalette(options.color === true)[p.level];
  const lines = [`Padlock: ${paint(LEVEL_MARK[p.level])} — ${p.reason}`];
  lines.push(...findingLines(p.deductions, '  '));
  return `${lines.join('\n')}\n`;
}

const CELL_MARK: Record<Cell['status'], string> = {
  yes: 'yes',
  no: 'NO',
  unknown: '?',
  'n/a': '—',
};

export function formatThreatMatrix(m: ThreatMatrix, options: ScoreReportOptions = {}): string {
  const c = terminalPalette(options.color === true);
  const paint = (cell: Cell) =>
    (cell.status === 'yes'
      ? c.green
      : cell.status === 'no'
        ? c.red
        : cell.status === 'unknown'
          ? c.amber
          : c.dim)(CELL_MARK[cell.status].padEnd(9));
  const lines = [
    `Threat matrix (Foster et al.)   ${ATTACKERS.map((a) => a.padEnd(9)).join('')}`.trimEnd(),
  ];
  for (const p of SECURITY_PROPERTIES) {
    lines.push(`  ${p.padEnd(30)}${ATTACKERS.map((a) => paint(m[p][a])).join('')}`.trimEnd());
  }
  for (const p of SECURITY_PROPERTIES) {
    for (const a of ATTACKERS) {
      const cell = m[p][a];
      if (cell.status === 'n/a') continue;
      lines.push(`  ${p} vs ${ATTACKER_LABEL[a]}: ${CELL_MARK[cell.status]} — ${cell.reason}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function starsText(s: ChannelScore['categories']['confidentiality']): string {
  if (s.stars !== null) return `${starGlyphs(s.stars)} ${s.stars.toFixed(1)}  (row ${s.row})`;
  return `${starGlyphs(null)} ${s.lowest.toFixed(1)}–${s.highest.toFixed(1)}  (unknown: ${s.unknown.join(', ')})`;
}

function channelLines(ch: ChannelScore): string[] {
  const lines = [`  ${ch.channel}`];
  for (const cat of CATEGORIES) {
    lines.push(`    ${CATEGORY_LABEL[cat].padEnd(27)} ${starsText(ch.categories[cat])}`);
  }
  const supported = Object.entries(ch.support)
    .map(([p, s]) => {
      const mark = s.status === 'supported' ? '✓' : s.status === 'unsupported' ? '✗' : '?';
      const pct = s.ratio === null ? '' : ` ${Math.round(s.ratio * 100)}%`;
      return `${p} ${mark}${pct}${s.presumed ? ' (presumed)' : ''}`;
    })
    .join(', ');
  lines.push(`    support: ${supported}`);
  return lines;
}

/** MECSA stars for one provider, inbound and outbound apart, then MECSA's pooled view. */
export function formatProviderScore(
  score: ProviderScore,
  _options: ScoreReportOptions = {},
): string {
  const lines = [`MECSA scores for ${score.domain} (0–5 stars, 80% rule, docs/scoring.md)`];
  for (const ch of [score.inbound, score.outbound, score.combined]) lines.push(...channelLines(ch));
  const minimum = score.meetsMinimum === null ? 'not known yet' : score.meetsMinimum ? 'yes' : 'no';
  lines.push(`  Recommended minimum (≥ 3.5 stars in every category): ${minimum}`);
  const deductions = CATEGORIES.flatMap((c) => score.combined.categories[c].deductions);
  if (deductions.length > 0) {
    lines.push('  To improve:');
    lines.push(...findingLines(deductions, '    '));
  }
  return `${lines.join('\n')}\n`;
}

/** Everything about one message: padlock, matrix, both providers. */
export function formatMessageScore(score: MessageScore, options: ScoreReportOptions = {}): string {
  const parts = [formatPadlock(score.padlock, options), formatThreatMatrix(score.matrix, options)];
  const t = score.transit;
  const arc = t.arc.chain ? `ARC ${t.arc.instances} set(s), arc=${t.arc.verified}` : 'no ARC chain';
  parts.push(
    `Transit: handoff ${t.handoff?.encrypted === true ? 'encrypted' : t.handoff?.encrypted === false ? 'CLEARTEXT' : 'unknown'}` +
      `${t.handoff?.tlsVersion ? ` (${t.handoff.tlsVersion}${t.handoff.cipher ? `, ${t.handoff.cipher}` : ''})` : ''}; ` +
      `DKIM ${t.dkim.result}${t.dkim.aligned ? ' aligned' : ''}; SPF ${t.spf.result}; DMARC ${t.dmarc.result}; ${arc}\n`,
  );
  if (score.providers.sender) parts.push(formatProviderScore(score.providers.sender, options));
  if (score.providers.recipient)
    parts.push(formatProviderScore(score.providers.recipient, options));
  return parts.join('\n');
}

export interface SenderHistoryView {
  senderDomain: string | null;
  observations: readonly HandoffObservation[];
  /** The history file, or null when the message was scored alone. */
  path: string | null;
}

/**
 * The sender's outbound channel over its recorded handoffs: MECSA's 80% rule across messages
 * (`mailseal headers`). `outbound` is `score.providers.sender.outbound`.
 */
export function formatSenderHistory(
  history: SenderHistoryView,
  outbound: ChannelScore | null,
  _options: ScoreReportOptions = {},
): string {
  if (history.senderDomain === null || outbound === null) {
    return 'Sender history: no From domain, nothing recorded.\n';
  }
  const obs = history.observations;
  const count = (e: boolean | null) => obs.filter((o) => o.encrypted === e).length;
  const tally = `${count(true)} encrypted, ${count(false)} cleartext, ${count(null)} without evidence`;
  const head =
    history.path === null
      ? `Sender history: off; ${history.senderDomain} scored on this message alone (${tally})`
      : `Sender history: ${history.senderDomain}, ${obs.length} handoff(s) recorded (${tally}) in ${history.path}`;
  return `${[head, ...channelLines(outbound)].join('\n')}\n`;
}
