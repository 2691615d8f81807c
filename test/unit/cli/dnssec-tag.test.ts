// The CLI's "[validated locally]" / "[resolver's word]" tag, as the DANE line of each MX and the
// posture lines print it: from a check's details or a probe's DANE report (docs/dns-checks.md).
import { describe, expect, it } from 'vitest';
import { dnssecTag } from '../../../cli/report/dnssec-label.ts';

describe('dnssecTag', () => {
  it('a DANE report whose TLSA answer was validated locally', () => {
    expect(dnssecTag({ tlsaPresent: true, dnssecSource: 'validated-locally' })).toBe(
      ' [validated locally]',
    );
  });

  it("the resolver's word: as the setting, and as a fallback that says why", () => {
    expect(dnssecTag({ dnssecSource: 'resolver-ad-flag' })).toBe(" [resolver's word]");
    expect(
      dnssecTag({ dnssecSource: 'resolver-ad-flag', dnssecFallback: 'lookup failed at com.' }),
    ).toBe(
      " [resolver's word (fallback: local validation did not complete: lookup failed at com.)]",
    );
    expect(dnssecTag({ trust: 'mixed', fallbacks: ['a', 'b'] })).toBe(
      " [partly the resolver's word (fallback: local validation did not complete: a; b)]",
    );
  });

  it('a record integrity note says whether the record was signed', () => {
    expect(dnssecTag({ dnssec: false, dnssecSource: 'validated-locally' })).toBe(
      ' [record not DNSSEC-signed, validated locally]',
    );
  });

  it('nothing where no source is known (an older service, a check without DNSSEC)', () => {
    expect(dnssecTag({ tlsaPresent: false })).toBe('');
    expect(dnssecTag(undefined)).toBe('');
    expect(dnssecTag({ dnssecSource: 'trust-me' })).toBe('');
  });
});
