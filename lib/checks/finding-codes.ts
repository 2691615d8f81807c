// Every finding code the DNS checks can emit, with its severity. docs/dns-checks.md lists them;
// test/unit/checks/finding-codes.test.ts proves each one is produced by some test.
import { type Finding, type Severity, wordedFinding } from '../outcome.ts';
import type { Text } from '../score/text.ts';

export const FINDING_CODES = {
  // A lookup the verdict needed did not complete: "could not test", never "insecure".
  'dns.lookup-failed': 'info',

  'mx.domain-nxdomain': 'high',
  'mx.none': 'high',
  'mx.implicit': 'medium',
  'mx.null': 'info',
  'mx.null-mixed': 'high',
  'mx.null-preference': 'low',
  'mx.ip-literal': 'high',
  'mx.cname': 'medium',
  'mx.host-no-address': 'high',

  'spf.missing': 'medium',
  'spf.multiple-records': 'high',
  'spf.syntax.unknown-mechanism': 'high',
  'spf.syntax.bad-ip4': 'high',
  'spf.syntax.bad-ip6': 'high',
  'spf.syntax.bad-cidr': 'high',
  'spf.syntax.bad-domain-spec': 'high',
  'spf.syntax.bad-macro': 'high',
  'spf.syntax.exp-only-macro': 'high',
  'spf.syntax.bad-modifier': 'high',
  'spf.syntax.duplicate-modifier': 'high',
  'spf.syntax.non-ascii': 'high',
  'spf.too-many-lookups': 'high',
  'spf.too-many-void-lookups': 'high',
  'spf.void-lookup': 'low',
  'spf.mx-too-many': 'high',
  'spf.include-no-record': 'high',
  'spf.redirect-no-record': 'high',
  'spf.loop': 'high',
  'spf.ptr-deprecated': 'low',
  'spf.macro-not-evaluated': 'info',
  'spf.all-pass': 'critical',
  'spf.all-neutral': 'medium',
  'spf.all-softfail': 'low',
  'spf.no-all': 'medium',
  'spf.terms-after-all': 'low',
  'spf.redirect-ignored': 'low',
  'spf.record-too-long': 'low',

  'dmarc.missing': 'high',
  'dmarc.multiple-records': 'high',
  'dmarc.inherited': 'info',
  'dmarc.v-not-first': 'high',
  'dmarc.p-missing': 'high',
  'dmarc.p-not-second': 'low',
  'dmarc.bad-tag-syntax': 'high',
  'dmarc.duplicate-tag': 'high',
  'dmarc.unknown-tag': 'low',
  'dmarc.bad-policy': 'high',
  'dmarc.bad-subdomain-policy': 'medium',
  'dmarc.bad-pct': 'medium',
  'dmarc.bad-alignment-mode': 'medium',
  'dmarc.bad-fo': 'low',
  'dmarc.bad-ri': 'low',
  'dmarc.bad-rf': 'low',
  'dmarc.bad-flag': 'low',
  'dmarc.bad-uri': 'medium',
  'dmarc.policy-none': 'high',
  'dmarc.subdomain-policy-none': 'medium',
  'dmarc.pct-partial': 'medium',
  'dmarc.testing': 'low',
  'dmarc.no-rua': 'low',
  'dmarc.external-destination-unauthorized': 'medium',

  'mta-sts.record.missing': 'medium',
  'mta-sts.record.multiple': 'high',
  'mta-sts.record.bad-version': 'high',
  'mta-sts.record.missing-id': 'high',
  'mta-sts.record.bad-id': 'high',
  'mta-sts.record.duplicate-id': 'low',
  'mta-sts.record.lenient-version': 'low',
  'mta-sts.record.bad-extension': 'high',
  'mta-sts.record.bad-syntax': 'high',
  'mta-sts.policy-host-unresolvable': 'high',

  'tls-rpt.missing': 'low',
  'tls-rpt.multiple': 'medium',
  'tls-rpt.bad-version': 'medium',
  'tls-rpt.missing-rua': 'medium',
  'tls-rpt.bad-uri': 'medium',
  'tls-rpt.bad-extension': 'medium',
  'tls-rpt.bad-syntax': 'medium',
  'tls-rpt.lenient-version': 'low',
  'tls-rpt.duplicate-rua': 'low',

  'bimi.missing': 'info',
  'bimi.multiple': 'medium',
  'bimi.bad-version': 'medium',
  'bimi.bad-syntax': 'medium',
  'bimi.bad-location': 'medium',
  'bimi.bad-authority': 'medium',
  'bimi.declined': 'info',
  'bimi.no-authority': 'low',
  'bimi.dmarc-not-enforced': 'high',

  'tlsa.pkix-usage': 'medium',
  'tlsa.unknown-parameter': 'medium',
  'tlsa.bad-digest-length': 'high',
  'tlsa.insecure': 'high',
  'tlsa.bogus': 'critical',
  'tlsa.mx-insecure': 'high',
  'tlsa.partial': 'medium',
  'tlsa.unusable': 'high',

  'dnssec.unsigned': 'medium',
  'dnssec.bogus': 'critical',
  'dnssec.mx-insecure': 'medium',
  'dnssec.mx-host-unsigned': 'medium',
  'dnssec.mx-address-insecure': 'medium',
  'dnssec.txt-insecure': 'low',
  'dnssec.tlsa-insecure': 'high',
  'dnssec.resolver-trusted': 'info',
  'dnssec.validated-locally': 'info',

  'dkim.key-missing': 'high',
  'dkim.key-revoked': 'medium',
  'dkim.key-weak': 'high',
  'dkim.key-short': 'low',
  'dkim.key-unparseable': 'high',
  'dkim.bad-key-type': 'high',
  'dkim.key-unusable': 'high',
  'dkim.bad-syntax': 'high',
  'dkim.multiple-records': 'medium',
  'dkim.testing': 'low',
  'dkim.estimate-present': 'info',
  'dkim.estimate-absent': 'medium',
} as const satisfies Record<string, Severity>;

export type FindingCode = keyof typeof FINDING_CODES;

/**
 * A finding whose severity comes from the registry, so one code always means one severity. Its
 * words are a message key (lib/score/text-en.ts), so the extension shows them in the reader's
 * language; `message` and `fix` stay their English for JSON readers and the CLI. It takes no
 * plain string: a finding worded only in English does not type-check.
 */
export function issue(
  code: FindingCode,
  words: Text,
  extra: { evidence?: string; fix?: Text } = {},
): Finding {
  return wordedFinding(code, FINDING_CODES[code], words, extra);
}
