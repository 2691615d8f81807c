// Human report for `mailseal check`: a padlock line per MX, then what each kind of sender would do.

import type { Finding } from '../../lib/outcome.ts';
import type {
  AddressProbe,
  DeliveryOutcome,
  DomainProbeReport,
  MxProbe,
  SenderVerdict,
} from '../../lib/probe/types.ts';
import { dnssecTag } from './dnssec-label.ts';
import { type Paint, type Palette, terminalPalette } from './terminal-palette.ts';

const OUTCOME_TEXT: Record<DeliveryOutcome, string> = {
  'authenticated-tls': 'delivers over authenticated TLS',
  'unauthenticated-tls': 'delivers over unauthenticated TLS',
  cleartext: 'delivers in cleartext',
  refuse: 'refuses delivery',
  untested: 'could not test',
};

function paintOutcome(p: Palette, outcome: DeliveryOutcome): Paint {
  if (outcome === 'authenticated-tls') return p.green;
  if (outcome === 'unauthenticated-tls') return p.amber;
  if (outcome === 'untested') return p.dim;
  return p.red;
}

/** The padlock for an MX: locked when a strict sender authenticates it, open for TLS only. */
function padlock(p: Palette, mx: MxProbe): string {
  const strict = [mx.verdict.dane.outcome, mx.verdict.mtaSts.outcome];
  if (strict.includes('authenticated-tls')) return p.green('🔒');
  const plain = mx.verdict.opportunistic.outcome;
  if (plain === 'unauthenticated-tls') return p.amber('🔓');
  if (plain === 'untested') return p.dim('?');
  return p.red('✗');
}

function tlsSummary(a: AddressProbe): string {
  const s = a.starttls;
  if (a.status === 'temperror') return `could not test (${a.cutOff?.reason ?? 'no reply'})`;
  if (!s.negotiated) return s.offered ? `STARTTLS fails: ${s.error ?? '?'}` : 'no STARTTLS';
  const hidden = s.offered ? '' : ' (STARTTLS not advertised)';
  return `${s.version} ${s.cipher}${s.group ? ` ${s.group}` : ''} [${s.cipherClass ?? '?'}]${hidden}`;
}

function certSummary(mx: MxProbe): string {
  const c = mx.certificate;
  if (!c) return 'no certificate';
  const trust = c.pkixValid ? 'PKIX valid' : `PKIX invalid (${c.errors.join(', ')})`;
  return `${trust}, matches ${c.hostnameMatch}, ${c.daysToExpiry} days left, ${c.keyType} ${c.keyBits ?? ''}`.trim();
}

/** "revocation unknown" always carries its reason (issue 14); a long one is cut for the terminal. */
function revocationSummary(p: Palette, mx: MxProbe): string | null {
  const revocation = mx.certificate?.revocation;
  if (!revocation) return null;
  const via = revocation.method ? ` (${revocation.method.toUpperCase()})` : '';
  const detail =
    revocation.detail.length > 240 ? `${revocation.detail.slice(0, 239)}…` : revocation.detail;
  const status = revocation.status === 'revoked' ? p.red('REVOKED') : revocation.status;
  return `${status}${via}${detail ? p.dim(` — ${detail}`) : ''}`;
}

function daneSummary(mx: MxProbe): string {
  return daneState(mx) + dnssecTag(mx.dane);
}

function daneState(mx: MxProbe): string {
  const d = mx.dane;
  if (d.lookupError) return `TLSA lookup failed (${d.lookupError})`;
  if (!d.tlsaPresent) return 'no TLSA';
  if (!d.applicable) return 'TLSA without DNSSEC (unusable)';
  const hit = d.records.find((r) => r.matched);
  if (hit) return `TLSA ${hit.usage} ${hit.selector} ${hit.matchingType} matched`;
  return d.usable ? 'TLSA does NOT match' : 'no usable TLSA';
}

function senderLine(p: Palette, label: string, verdict: SenderVerdict): string {
  const paint = paintOutcome(p, verdict.outcome);
  return `      ${label.padEnd(15)} ${paint(OUTCOME_TEXT[verdict.outcome])} ${p.dim(`— ${verdict.reason}`)}`;
}

function severityPaint(p: Palette, severity: Finding['severity']): Paint {
  if (severity === 'critical' || severity === 'high') return p.red;
  if (severity === 'medium') return p.amber;
  return p.dim;
}

export function formatProbeReport(report: DomainProbeReport, options: { color: boolean }): string {
  const p = terminalPalette(options.color);
  const lines: string[] = [];
  const lab = report.lab ? p.amber(' (lab mode: lab CA trusted, loopback allowed)') : '';
  lines.push(p.bold(`${report.domain}`) + lab);
  lines.push(
    p.dim(
      `probed ${report.probedAt} in ${report.durationMs} ms; MX ${report.mxStatus}, DNSSEC ${report.mxDnssecSecure ? 'secure' : 'not secure'}`,
    ),
  );
  lines.push('');
  lines.push(p.bold('MX hosts'));
  if (report.mx.length === 0) lines.push(`  ${p.dim('none probed')}`);
  for (const mx of report.mx) {
    lines.push(
      `  ${padlock(p, mx)} ${String(mx.preference).padStart(3)} ${p.bold(mx.host)}${mx.implicit ? p.dim(' (implicit MX)') : ''}`,
    );
    for (const a of mx.addresses) lines.push(`      ${a.address.padEnd(16)} ${tlsSummary(a)}`);
    lines.push(`      certificate     ${certSummary(mx)}`);
    const revocation = revocationSummary(p, mx);
    if (revocation) lines.push(`      revocation      ${revocation}`);
    lines.push(`      DANE            ${daneSummary(mx)}`);
    const sts = mx.mtaSts.matchesPolicy;
    lines.push(
      `      MTA-STS         ${sts === null ? 'no policy' : sts ? `matches ${mx.mtaSts.matchedPattern}` : p.red('matches no mx pattern')}`,
    );
    lines.push(senderLine(p, 'DANE sender', mx.verdict.dane));
    lines.push(senderLine(p, 'MTA-STS sender', mx.verdict.mtaSts));
    lines.push(senderLine(p, 'opportunistic', mx.verdict.opportunistic));
  }
  lines.push('');
  const sts = report.mtaSts;
  lines.push(
    p.bold('MTA-STS') +
      ` ${sts.status}${sts.mode ? `, mode ${sts.mode}` : ''}${sts.policyHost.provider ? `, policy hosted by ${sts.policyHost.provider}` : ''}`,
  );
  for (const e of sts.errors) {
    lines.push(
      `  ${severityPaint(p, e.severity)(`[${e.category}/${e.kind}]`)} ${e.message}${e.evidence ? p.dim(` (${e.evidence})`) : ''}`,
    );
  }
  const findings = [...report.findings, ...report.mx.flatMap((m) => m.findings)];
  if (findings.length > 0) {
    lines.push('');
    lines.push(p.bold('Findings'));
    for (const f of findings) {
      lines.push(
        `  ${severityPaint(p, f.severity)(`[${f.severity}]`)} ${f.message}${f.evidence ? p.dim(` (${f.evidence})`) : ''}`,
      );
    }
  }
  lines.push('');
  lines.push(p.bold('Would a strict sender deliver? (worst MX)'));
  lines.push(senderLine(p, 'DANE sender', report.verdict.dane));
  lines.push(senderLine(p, 'MTA-STS sender', report.verdict.mtaSts));
  lines.push(senderLine(p, 'opportunistic', report.verdict.opportunistic));
  return `${lines.join('\n')}\n`;
}
