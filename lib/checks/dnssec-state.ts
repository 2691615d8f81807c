// DNSSEC state of one answer. Validated locally when the answer carries a local verdict
// (lib/dns/validating-client.ts); otherwise as far as a validating resolver tells us (the AD
// flag): bogus data shows up as SERVFAIL with CD unset and an answer with CD set (RFC 4035 §3.2.2).
import type { DnssecState } from '../dns/dnssec/types.ts';
import type { DnsAnswer, DnsClient, RecordType } from '../dns/types.ts';

export type { DnssecState };

export async function dnssecState<T extends RecordType>(
  dns: DnsClient,
  answer: DnsAnswer<T>,
  signal?: AbortSignal,
): Promise<DnssecState> {
  if (answer.dnssec?.source === 'validated-locally') return answer.dnssec.state;
  if (answer.status === 'temperror') return 'indeterminate';
  if (answer.status === 'servfail') {
    const unchecked = await dns.query(answer.name, answer.type, {
      checkingDisabled: true,
      ...(signal ? { signal } : {}),
    });
    const answered =
      unchecked.status === 'noerror' ||
      unchecked.status === 'nodata' ||
      unchecked.status === 'nxdomain';
    return answered ? 'bogus' : 'indeterminate';
  }
  return answer.authenticData ? 'secure' : 'insecure';
}

/** The weakest of several states: bogus < insecure < indeterminate < secure. */
export function weakest(states: readonly DnssecState[]): DnssecState | undefined {
  for (const s of ['bogus', 'insecure', 'indeterminate', 'secure'] as const)
    if (states.includes(s)) return s;
  return undefined;
}
