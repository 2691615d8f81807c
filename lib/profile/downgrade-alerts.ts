// Downgrade alerts: this message is worse than the way its sender's mail has established
// itself to arrive. An alert is an additional, dismissible signal beside the padlock; it never
// changes the padlock's level, because providers change their setup for innocent reasons too.
import { establishedPattern, type Pattern } from './established-pattern.ts';
import type {
  DkimSigner,
  EstablishedRule,
  HandoffTransport,
  ProfileObservation,
} from './profile-types.ts';
import { DEFAULT_ESTABLISHED_RULE } from './profile-types.ts';

export type AlertKind =
  | 'tls-downgrade'
  | 'dkim-missing'
  | 'dkim-signer-changed'
  | 'dmarc-alignment-lost'
  | 'new-provider'
  | 'dkim-key-changed';

export interface DowngradeAlert {
  kind: AlertKind;
  /** `warning`: worth a look; `info`: a change that is very likely benign (a signed key rotation). */
  tone: 'warning' | 'info';
  /** What the sender's mail usually showed, and what this message shows (enums or domains). */
  usual: string;
  now: string;
  /** First day (days since epoch) the usual pattern was seen, and how many messages showed it. */
  since: number;
  messages: number;
}

export interface AlertContext {
  rule?: EstablishedRule;
  /** DNSSEC state of each current signer's key zone, by `<s>._domainkey.<d>`: true = secure. */
  keyZoneSecure?: ReadonlyMap<string, boolean>;
}

const MODERN: ReadonlySet<HandoffTransport> = new Set(['TLSv1.2', 'TLSv1.3']);
const WEAK: ReadonlySet<HandoffTransport> = new Set(['cleartext', 'SSLv3', 'TLSv1.0', 'TLSv1.1']);

function alert(
  kind: AlertKind,
  pattern: Pattern<unknown>,
  usual: string,
  now: string,
  tone: DowngradeAlert['tone'] = 'warning',
): DowngradeAlert {
  return { kind, tone, usual, now, since: pattern.since, messages: pattern.agreeing };
}

function transportAlert(
  history: readonly ProfileObservation[],
  message: ProfileObservation,
  rule: EstablishedRule,
) {
  const modern = establishedPattern(
    history,
    (o) => (MODERN.has(o.tls) ? true : WEAK.has(o.tls) ? false : undefined),
    rule,
  );
  if (modern?.value !== true || !WEAK.has(message.tls)) return null;
  const usual = establishedPattern(history, (o) => (MODERN.has(o.tls) ? o.tls : undefined), rule);
  return alert('tls-downgrade', modern, usual?.value ?? 'TLSv1.2+', message.tls);
}

function signerKey(s: DkimSigner): string {
  return `${s.d} ${s.s}`;
}

function dkimAlerts(
  history: readonly ProfileObservation[],
  message: ProfileObservation,
  rule: EstablishedRule,
) {
  const signed = establishedPattern(
    history,
    (o) => (o.dkim === 'unknown' ? undefined : o.dkim === 'pass'),
    rule,
  );
  if (signed?.value !== true) return [];
  if (message.dkim === 'none' || message.dkim === 'fail') {
    return [alert('dkim-missing', signed, 'pass', message.dkim)];
  }
  if (message.dkim !== 'pass') return [];
  const knownSigners = new Set(history.flatMap((o) => o.signers.map((s) => s.d)));
  if (message.signers.some((s) => knownSigners.has(s.d))) return [];
  const usual = [...knownSigners].sort().join(', ');
  return [alert('dkim-signer-changed', signed, usual, message.signers.map((s) => s.d).join(', '))];
}

function keyAlerts(
  history: readonly ProfileObservation[],
  message: ProfileObservation,
  rule: EstablishedRule,
  keyZoneSecure: ReadonlyMap<string, boolean>,
): DowngradeAlert[] {
  const alerts: DowngradeAlert[] = [];
  for (const signer of message.signers) {
    if (signer.key === null) continue;
    const sameSelector = (o: ProfileObservation) =>
      o.signers.find((s) => signerKey(s) === signerKey(signer) && s.key !== null)?.key;
    const pinned = establishedPattern(history, sameSelector, rule);
    if (pinned === null || pinned.value === signer.key) continue;
    if (history.some((o) => sameSelector(o) === signer.key)) continue;
    const secure = keyZoneSecure.get(`${signer.s}._domainkey.${signer.d}`) === true;
    alerts.push(
      alert(
        'dkim-key-changed',
        pinned,
        `${signer.s}._domainkey.${signer.d}`,
        secure ? 'rotated-signed' : 'changed',
        secure ? 'info' : 'warning',
      ),
    );
  }
  return alerts;
}

/**
 * The alerts for `message` against its sender's earlier observations (`history`, without the
 * message itself). Nothing fires until the relevant part of the profile is established.
 */
export function downgradeAlerts(
  history: readonly ProfileObservation[],
  message: ProfileObservation,
  context: AlertContext = {},
): DowngradeAlert[] {
  const rule = context.rule ?? DEFAULT_ESTABLISHED_RULE;
  const alerts: DowngradeAlert[] = [];
  const tls = transportAlert(history, message, rule);
  if (tls !== null) alerts.push(tls);
  alerts.push(...dkimAlerts(history, message, rule));
  const aligned = establishedPattern(
    history,
    (o) => (o.dmarc === 'unknown' ? undefined : o.dmarc === 'aligned'),
    rule,
  );
  if (aligned?.value === true && message.dmarc === 'unaligned') {
    alerts.push(alert('dmarc-alignment-lost', aligned, 'aligned', 'unaligned'));
  }
  const provider = establishedPattern(history, (o) => o.provider ?? undefined, rule);
  const seenProviders = new Set(history.map((o) => o.provider));
  if (provider !== null && message.provider !== null && !seenProviders.has(message.provider)) {
    alerts.push(alert('new-provider', provider, provider.value, message.provider));
  }
  alerts.push(...keyAlerts(history, message, rule, context.keyZoneSecure ?? new Map()));
  return alerts;
}
