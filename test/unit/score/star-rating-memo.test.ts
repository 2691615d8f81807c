// A category's rating is a pure function of the category and its protocols' support, and the
// extension rates every refinement of a message again (bench:ext's service-worker profile, issue
// 16): the same support is rated once and the rating shared, frozen so no caller can change it.
import { describe, expect, it } from 'vitest';
import { scoreProvider } from '../../../lib/score/provider-score.ts';
import { rateCategory, type SupportMap } from '../../../lib/score/star-rating.ts';

const ALL_UNKNOWN: SupportMap = {
  starttls: 'unknown',
  x509: 'unknown',
  dane: 'unknown',
  'mta-sts': 'unknown',
  spf: 'unknown',
  dkim: 'unknown',
  dmarc: 'unknown',
  dnssec: 'unknown',
};

describe('rateCategory: each support map rated once', () => {
  it('gives the same rating object for the same category and support, frozen', () => {
    const first = rateCategory('confidentiality', { ...ALL_UNKNOWN, starttls: 'supported' });
    const again = rateCategory('confidentiality', { ...ALL_UNKNOWN, starttls: 'supported' });
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.unknown)).toBe(true);
    expect(() => (first.unknown as string[]).push('dane')).toThrow(TypeError);
  });

  it('keys by the protocols the category reads, nothing else', () => {
    const base = rateCategory('phishing', { ...ALL_UNKNOWN, spf: 'supported' });
    // STARTTLS is not in the phishing table (MECSA table 3.2): the same rating.
    expect(
      rateCategory('phishing', { ...ALL_UNKNOWN, spf: 'supported', starttls: 'supported' }),
    ).toBe(base);
    // DMARC is: a rating of its own, and a different one.
    const withDmarc = rateCategory('phishing', {
      ...ALL_UNKNOWN,
      spf: 'supported',
      dmarc: 'unsupported',
    });
    expect(withDmarc).not.toBe(base);
    expect(withDmarc.highest).toBeLessThan(base.highest);
    // Another category with the same support is rated on its own table.
    expect(rateCategory('integrity', { ...ALL_UNKNOWN, spf: 'supported' })).not.toBe(base);
  });

  it('scores a provider twice with equal evidence to the same shared ratings', () => {
    const evidence = { domain: 'example.org', dns: null, probe: null };
    const a = scoreProvider(evidence);
    const b = scoreProvider(evidence);
    expect(b.combined.categories.phishing).toBe(a.combined.categories.phishing);
    expect(b.combined.categories.phishing).toEqual(a.combined.categories.phishing);
  });
});
