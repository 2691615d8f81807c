// "Validated locally" or "resolver's word" beside every DNSSEC verdict the report shows (the
// DNSSEC, DANE, MTA-STS, TLS-RPT and DKIM rows). The AD-flag fallback is a labelled downgrade:
// the label says the resolver's word stood in, and why local validation did not complete.
// Reads the posture and probe answers defensively: they may come from storage or the network.
import { text } from '../score/text.ts';
import type { DnssecLabel } from './report.ts';

export type DnssecLabelSource = DnssecLabel['source'];

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

export function sourceOf(value: unknown): DnssecLabelSource | null {
  return value === 'validated-locally' || value === 'resolver-ad-flag' || value === 'mixed'
    ? value
    : null;
}

/** The label for verdicts vouched for by `source`; `fallbacks` say why local validation did not complete. */
export function dnssecLabel(
  source: DnssecLabelSource,
  fallbacks: readonly string[] = [],
): DnssecLabel {
  const why = fallbacks.join('; ');
  if (source === 'validated-locally')
    return { source, fallback: false, text: text('dnssec_validated_locally') };
  if (source === 'mixed')
    return { source, fallback: true, text: text('dnssec_mixed_fallback', why || '?') };
  return fallbacks.length > 0
    ? { source, fallback: true, text: text('dnssec_resolver_fallback', why) }
    : { source, fallback: false, text: text('dnssec_resolver_word') };
}

/** From a check's details: `trust` + `fallbacks` (DNSSEC, TLSA) or `dnssecSource` + `dnssecFallback`. */
export function labelFromDetails(details: unknown): DnssecLabel | undefined {
  const d = obj(details);
  if (!d) return undefined;
  const trust = sourceOf(d.trust);
  if (trust) return dnssecLabel(trust, strings(d.fallbacks));
  const source = sourceOf(d.dnssecSource);
  if (!source) return undefined;
  const label = dnssecLabel(source, strings([d.dnssecFallback]));
  if (typeof d.dnssec !== 'boolean') return label;
  return {
    ...label,
    integrity: text(d.dnssec ? 'dnssec_record_signed' : 'dnssec_record_unsigned'),
  };
}

/** The label of one posture check (`dnssec`, `tlsa`, `mtaSts`, `tlsRpt`), when it says who vouched. */
export function postureLabel(dns: Json | null, check: string): DnssecLabel | undefined {
  return labelFromDetails(obj(dns?.[check])?.details);
}

/** Several sources together: all the same, or "mixed"; fallbacks merged. */
export function combinedLabel(
  parts: readonly { source: DnssecLabelSource; fallbacks: readonly string[] }[],
): DnssecLabel | undefined {
  if (parts.length === 0) return undefined;
  const sources = new Set(parts.map((p) => p.source));
  const source = sources.size === 1 ? (parts[0]?.source ?? 'mixed') : 'mixed';
  return dnssecLabel(source, [...new Set(parts.flatMap((p) => p.fallbacks))]);
}
