// `mailseal headers <file.eml | ->`: the delivery path of one message, hop by hop, with the trust
// boundary, the recipient's authentication verdicts and the scores. `--json` prints MessageFacts
// as documented; `--json --score` wraps it as `{ facts, score, history }`. Each message's
// handoff is recorded in the sender domain's history (cli/history/), unless `--no-history`.

import { analyzeHeaders, splitHeaderBlock } from '../../lib/headers/index.ts';
import type { AuthResult, Hop, MessageFacts } from '../../lib/headers/message-facts.ts';
import { scoreMessage } from '../../lib/score/index.ts';
import { SECURITY_CLASS_LABEL } from '../../lib/tls/index.ts';
import { EXIT } from '../exit-codes.ts';
import { senderHistoryFor } from '../history/sender-history.ts';
import type { CliIo } from '../io.ts';
import { formatAlerts } from '../profile/format-alerts.ts';
import { runReplay } from '../profile/replay-command.ts';
import { senderAlertsFor } from '../profile/sender-alerts.ts';
import { formatPadlock, formatSenderHistory, formatThreatMatrix } from '../report/score-report.ts';
import type { RegisterCommand } from './command.ts';
import {
  hasHeaderEnd,
  MAX_INPUT_BYTES,
  type MessageInput,
  readMessageInput,
} from './headers-input.ts';

interface HeadersOptions {
  json?: boolean;
  score?: boolean;
  /** false with `--no-history`. */
  history?: boolean;
  historyDir?: string;
  provider?: string[];
  authservId?: string[];
  replay?: string;
}

const LOCK = '🔒';
const OPEN = '🔓';
const UNKNOWN = '·';

function lockOf(hop: Hop): string {
  if (hop.encrypted === true) return LOCK;
  if (hop.encrypted === false) return OPEN;
  return UNKNOWN;
}

function duration(seconds: number | null): string {
  if (seconds === null) return '';
  const sign = seconds < 0 ? '-' : '+';
  const s = Math.abs(seconds);
  if (s < 60) return `${sign}${s}s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(s / 3600);
  return `${sign}${h}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function tlsText(hop: Hop): string {
  if (hop.tls === null) return hop.encrypted === true ? 'TLS' : '';
  const parts = [hop.tls.version ?? 'TLS', hop.tls.cipher ?? ''].filter((p) => p.length > 0);
  const cls = hop.tls.class === null ? '' : ` [${SECURITY_CLASS_LABEL[hop.tls.class]}]`;
  return `${parts.join(' ')}${cls}`;
}

function fromText(hop: Hop): string {
  const name = hop.from.host ?? hop.from.helo ?? '';
  if (name === '' && hop.from.ip === null) return '(no sending host)';
  return hop.from.ip === null ? name : `${name} [${hop.from.ip}]`.trim();
}

function resultText(r: AuthResult | null): string {
  if (r === null) return 'no result';
  const detail =
    r.properties['header.d'] ??
    r.properties['header.i'] ??
    r.properties['header.from'] ??
    r.properties['smtp.mailfrom'] ??
    '';
  return detail === '' ? r.result : `${r.result} (${detail})`;
}

/** The readable hop table, trust line and authentication verdicts. */
export function formatFacts(facts: MessageFacts): string {
  const lines: string[] = [];
  lines.push(`Delivery path (${facts.hops.length} hops, oldest first)`);
  facts.hops.forEach((hop, i) => {
    if (i === facts.trust.handoffIndex) {
      lines.push(
        '  ── trust boundary: above this line the sender’s claims, from here the recipient’s records ──',
      );
    }
    const who = hop.recordedBy === 'recipient' ? 'recipient' : 'claim    ';
    const delay = duration(hop.delaySeconds).padStart(8);
    lines.push(
      `  ${lockOf(hop)} ${String(hop.index + 1).padStart(2)} ${who} ${delay}  ${fromText(hop)} → ${hop.by.host ?? '?'}  ${hop.protocol ?? ''} ${tlsText(hop)}`.trimEnd(),
    );
    lines.push(`        ${hop.evidence}`);
    if (hop.delaySeconds !== null && hop.delaySeconds < 0) {
      lines.push('        (negative delay: the two hosts’ clocks disagree)');
    }
  });
  if (facts.hops.length === 0) lines.push('  (no Received headers)');
  lines.push('');
  lines.push(`Trust: ${facts.trust.basis}.`);
  if (facts.trust.providerDomains.length > 0) {
    lines.push(`  Recipient’s provider: ${facts.trust.providerDomains.join(', ')}`);
  }
  const t = facts.transport;
  const enc = (e: boolean | null): string => (e === true ? 'yes' : e === false ? 'NO' : 'unknown');
  lines.push(
    `  Encrypted into the provider: ${enc(t.handoffEncrypted)}; inside it: ${enc(t.recipientHopsEncrypted)}; before it (claimed): ${enc(t.senderHopsEncrypted)}`,
  );
  lines.push('');
  const a = facts.authentication;
  lines.push(`Authentication (trusted: ${a.authservId ?? 'no trusted Authentication-Results'})`);
  lines.push(`  SPF    ${resultText(a.spf)}`);
  lines.push(`  DKIM   ${a.dkim.length === 0 ? 'no result' : a.dkim.map(resultText).join('; ')}`);
  lines.push(`  DMARC  ${resultText(a.dmarc)}`);
  if (a.arc !== null) lines.push(`  ARC    ${resultText(a.arc)}`);
  const al = facts.alignment;
  lines.push(
    `  From ${facts.from?.domain ?? '(none)'}; DKIM aligned: ${al.dkim.relaxed ? (al.dkim.strict ? 'strict' : 'relaxed') : 'no'}; SPF aligned: ${al.spf.relaxed ? (al.spf.strict ? 'strict' : 'relaxed') : 'no'}`,
  );
  if (facts.claims.length > 0) {
    const ids = [...new Set(facts.claims.map((c) => c.authservId ?? '(no id)'))];
    lines.push(`  ${facts.claims.length} untrusted claim(s) from: ${ids.join(', ')}`);
  }
  for (const s of facts.dkimSignatures) {
    for (const w of s.warnings) lines.push(`  DKIM d=${s.d ?? '?'}: ${w}`);
  }
  for (const w of facts.warnings) lines.push(`  note: ${w}`);
  return `${lines.join('\n')}\n`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const MIB = MAX_INPUT_BYTES / (1024 * 1024);

/**
 * What the reader could not tell from the facts alone, said out loud: an input cut at the cap
 * before its header block ended, and an input in which no Received header (or no header at all)
 * was found. Returns the exit code: 2 when nothing in the input is a header field.
 */
function noteInput(file: string, input: MessageInput, facts: MessageFacts, io: CliIo): number {
  const name = file === '-' ? 'standard input' : file;
  if (input.cut && !hasHeaderEnd(input.bytes)) {
    const note = `input cut at ${MIB} MiB before the header block ended: only the fields up to there were read`;
    facts.warnings.push(note);
    io.err(`note: ${name}: ${note}\n`);
  } else if (input.cut) {
    io.err(`note: ${name}: only the first ${MIB} MiB were read (the header block ends before)\n`);
  }
  if (facts.hops.length > 0) return 0;
  if (splitHeaderBlock(input.bytes).fields.length === 0) {
    io.err(`mailseal headers: ${name}: no header fields found; is this a message (.eml)?\n`);
    return EXIT.usage;
  }
  io.err(`note: ${name}: no Received headers, so nothing about the delivery path is known\n`);
  return 0;
}

export const registerHeaders: RegisterCommand = (program, io: CliIo, setExitCode) => {
  program
    .command('headers')
    .description('how one message travelled: hops, TLS per hop, trust boundary, authentication')
    .argument('[file]', 'a message (.eml) or a bare header block; "-" reads standard input')
    .option(
      '--replay <dir>',
      'replay a folder of .eml files in date order: the downgrade alerts a user would have seen',
    )
    .option('--json', 'print MessageFacts as JSON')
    .option('--score', 'with --json: print { facts, score, history } (text always shows scores)')
    .option('--no-history', 'record nothing; score the sender on this message alone')
    .option(
      '--history-dir <dir>',
      'where the handoff history lives (default $XDG_STATE_HOME/mailseal or ~/.local/state/mailseal)',
    )
    .option('--provider <domain>', 'a domain of your mail provider (repeatable)', collect, [])
    .option(
      '--authserv-id <id>',
      'an authserv-id whose results you trust (repeatable)',
      collect,
      [],
    )
    .action(async (file: string | undefined, options: HeadersOptions) => {
      if (options.replay !== undefined) {
        setExitCode(await runReplay(options.replay, io, options.json === true));
        return;
      }
      if (file === undefined) {
        io.err(
          'mailseal headers: give a message file, "-" for standard input, or --replay <dir>\n',
        );
        setExitCode(2);
        return;
      }
      let input: MessageInput;
      try {
        input = await readMessageInput(file);
      } catch (error) {
        io.err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
        setExitCode(EXIT.usage);
        return;
      }
      const facts = analyzeHeaders(input.bytes, {
        ...(options.provider?.length ? { providerDomains: options.provider } : {}),
        ...(options.authservId?.length ? { trustedAuthservIds: options.authservId } : {}),
      });
      const inputCode = noteInput(file, input, facts, io);
      if (inputCode !== 0) {
        setExitCode(inputCode);
        return;
      }
      const history = await senderHistoryFor(facts, {
        enabled: options.history !== false,
        ...(options.historyDir === undefined ? {} : { dir: options.historyDir }),
      });
      if (history.error !== null) {
        io.err(`note: handoff history not used (${history.error}); scoring this message alone\n`);
      }
      const profile = await senderAlertsFor(facts, {
        enabled: options.history !== false,
        ...(options.historyDir === undefined ? {} : { dir: options.historyDir }),
      });
      if (options.json && !options.score) {
        io.out(`${JSON.stringify(facts, null, 2)}\n`);
        return;
      }
      // Headers alone: the recipient's DANE/MTA-STS and the signer's DNSSEC stay unknown; the
      // sender's outbound channel gets MECSA's 80% rule over its recorded handoffs.
      const score = scoreMessage({ facts, sender: { observations: history.observations } });
      if (options.json) {
        const { senderDomain, observations, path } = history;
        const summary = { senderDomain, observations: observations.length, path };
        const alerts = profile.alerts;
        io.out(`${JSON.stringify({ facts, score, history: summary, alerts }, null, 2)}\n`);
        return;
      }
      const outbound = score.providers.sender?.outbound ?? null;
      io.out(
        `${formatFacts(facts)}\n${formatPadlock(score.padlock)}\n${formatThreatMatrix(score.matrix)}\n${formatSenderHistory(history, outbound)}${formatAlerts(profile.alerts, profile.sender)}`,
      );
    });
};
