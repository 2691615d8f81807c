// English words of everything lib/score and lib/messaging show to people, by message key.
// $1…$9 are filled in order (text.ts). Keys use letters, digits and underscores only, as
// browser.i18n requires; public/_locales/*/messages.json carry the same keys.

import { ALERT_TEXT_EN } from '../profile/alert-text-en.ts';

export const SCORE_TEXT_EN = {
  // ---- downgrade alerts (lib/profile, docs/downgrade-alerts.md) ----
  ...ALERT_TEXT_EN,
  // ---- threat matrix cells (Foster et al. Table 1), worded by what an attacker could do ----
  cell_na_conf_peer:
    'A forging peer only receives mail addressed to it; it cannot read this message in transit.',
  cell_na_passive_forge: 'An eavesdropper can only watch; it cannot inject a forged message.',
  cell_na_passive_modify: 'An eavesdropper can only watch; it cannot change the message.',
  cell_na_peer_modify: 'A forging peer is not on the path; it cannot change a message in transit.',
  cell_no_handoff: 'No handoff to your provider was found in the headers.',
  cell_cleartext_hop:
    'Hop $1 ($2 → $3) was not encrypted: someone on the network path could read this message.',
  cell_broken_tls:
    'The handoff used broken encryption ($1): someone on the network path could read this message.',
  cell_no_tls_evidence: 'The handoff records no evidence of encryption either way.',
  cell_passive_protected:
    'The handoff $1 → $2 was encrypted ($3): an eavesdropper could not read it.',
  cell_outdated_tls:
    'The handoff used outdated encryption ($1): a well-equipped attacker on the path might read it.',
  cell_dane_verifies:
    'DANE lets senders verify $1’s mail servers: an attacker on the path could not pose as them.',
  cell_mtasts_verifies:
    '$1’s MTA-STS policy (enforce) makes senders verify its mail servers: an attacker on the path could not pose as them.',
  cell_tls_unrecorded_dane:
    'DANE lets senders verify $1’s mail servers, but the handoff does not record its TLS version and cipher.',
  cell_tls_unrecorded_mtasts:
    '$1’s MTA-STS policy makes senders verify its mail servers, but the handoff does not record its TLS version and cipher.',
  cell_no_mx_authentication:
    '$1 does not make senders verify its mail servers (no DANE, no MTA-STS enforce): an attacker on the path could remove the encryption or pose as the server and read the message.',
  cell_recipient_not_checked:
    'Whether $1 makes senders verify its mail servers (DANE, MTA-STS) is not checked yet.',
  cell_auth_failed:
    'This message failed $1’s own checks (DMARC $2, DKIM $3, SPF $4): another server could have sent it in $1’s name.',
  cell_arc_vouched:
    'DMARC failed after forwarding; only the forwarder’s ARC seal vouches for the original checks.',
  cell_peer_dmarc:
    'DMARC passed: another mail server could not send this message in $1’s name unnoticed.',
  cell_peer_dkim:
    'A DKIM signature by $1 verified: another mail server could not send this in its name unnoticed.',
  cell_peer_spf:
    'SPF passed for $1: it came from a server $1 lists, so another server could not send it unnoticed.',
  cell_unauthenticated:
    'Nothing proves $1 sent this (DKIM $2, SPF $3, DMARC $4): anyone could have sent it in its name.',
  cell_no_trusted_results: 'Your provider reported no authentication results MailSeal can trust.',
  cell_dkim_unknown: 'Your provider reported no DKIM result for this message.',
  cell_spf_only:
    'Only SPF vouches for the sender: an attacker who can pose as the sending server could forge the message.',
  cell_no_aligned_dkim_forge:
    'No DKIM signature by the sender’s domain verified: an attacker on the path could forge the message.',
  cell_no_aligned_dkim_modify:
    'No DKIM signature by the sender’s domain verified: an attacker on the path could change the message unnoticed.',
  cell_body_length_limit:
    'The DKIM signature covers only part of the body (l=): an attacker could add to the rest unnoticed.',
  cell_dkim_key_unsigned_forge:
    '$1’s DKIM key is not protected by DNSSEC: an attacker on the network path could answer the key lookup with a key of their own and forge mail that passes as $1.',
  cell_dkim_key_unsigned_modify:
    '$1’s DKIM key is not protected by DNSSEC: an attacker on the network path could answer the key lookup with a key of their own and change the message unnoticed.',
  cell_dkim_key_weak:
    '$1’s DKIM key has only $2 bits: an attacker could break it and sign mail as $1.',
  cell_dmarc_not_enforced:
    '$1’s DMARC policy is p=none: receivers accept mail with the signature stripped, so an attacker on the path could forge or change it.',
  cell_signer_not_checked: 'Whether $1’s DKIM key is protected by DNSSEC is not checked yet.',
  cell_dmarc_policy_unknown: 'The sender’s DMARC policy is not known yet.',
  cell_active_protected_forge:
    'Signed by $1 with a DNSSEC-protected key, under DMARC p=$2: an attacker on the path could not forge this message.',
  cell_active_protected_modify:
    'Signed by $1 with a DNSSEC-protected key, under DMARC p=$2: an attacker on the path could not change this message unnoticed.',

  // ---- the padlock's headline: the verdict in plain words, worst finding first ----
  padlock_green:
    'Encrypted and from the real sender, even against an attacker on the network path.',
  padlock_forged_enforced:
    'Forged sender: this message failed $1’s checks (DMARC fail, policy $2). Do not trust it.',
  padlock_auth_failed: 'Sender not verified: this message failed $1’s checks, so it may be forged.',
  padlock_cleartext_hop: 'Not encrypted: someone on the network path could read this message.',
  padlock_broken_tls: 'Broken encryption: someone on the network path could read this message.',
  padlock_outdated_tls: 'Encrypted, but with an outdated version of TLS.',
  padlock_arc_vouched:
    'Encrypted; forwarded, so only the forwarder vouches for the original sender.',
  padlock_no_mx_authentication:
    'Encrypted against eavesdroppers, but an attacker on the path could still read it: your provider’s servers cannot be verified.',
  padlock_tls_unrecorded: 'Encrypted, but the strength of the encryption was not recorded.',
  padlock_recipient_not_checked:
    'Encrypted against eavesdroppers; protection against an attacker on the path is not checked yet.',
  padlock_unauthenticated: 'Encrypted, but nothing proves who sent it.',
  padlock_no_trusted_results: 'Encrypted, but your provider did not verify the sender.',
  padlock_spf_only:
    'Encrypted; the sender is only checked by server address, which an attacker on the path could fake.',
  padlock_no_aligned_dkim: 'Encrypted, but not signed by the sender’s domain.',
  padlock_dkim_unknown: 'Encrypted; whether the sender signed it is not known.',
  padlock_body_length_limit:
    'Encrypted, but the sender’s signature covers only part of the message.',
  padlock_dkim_key_unsigned:
    'Encrypted and signed, but an attacker on the path could swap the sender’s signing key.',
  padlock_dkim_key_weak: 'Encrypted and signed, but with a signing key too weak to trust.',
  padlock_dmarc_not_enforced:
    'Encrypted and signed, but the sender does not ask for forgeries to be rejected.',
  padlock_signer_not_checked: 'Encrypted and signed; the sender’s DNS is not checked yet.',
  padlock_dmarc_policy_unknown:
    'Encrypted and signed; the sender’s DMARC policy is not checked yet.',
  padlock_amber: 'Encrypted against eavesdroppers only.',
  padlock_no_handoff: 'Not enough information in the headers to tell how this message travelled.',
  padlock_tls_unknown: 'Whether this message travelled encrypted is not known.',

  // ---- the two signals: transport and sender ----
  signal_transport_encrypted: 'Encrypted in transit',
  signal_transport_verified: 'Encrypted, servers verified',
  signal_transport_cleartext: 'Not encrypted',
  signal_transport_broken: 'Broken encryption',
  signal_transport_unknown: 'Encryption not known',
  signal_sender_verified: 'Sender verified: $1',
  signal_sender_unverified: 'Sender not verified',
  signal_sender_forged: 'Forged sender: DMARC fail, policy $1',
  signal_sender_failed: 'Sender not verified: DMARC fail',
  signal_sender_unknown: 'Sender not checked',

  // ---- findings for the admin view ----
  finding_internal_cleartext:
    'Hop $1 inside your provider shows no TLS (internal addresses, not reachable from outside).',
  finding_sender_claims_cleartext:
    'The sender’s side reports hop $1 without TLS (a claim, not verified).',
  finding_arc_untrusted: 'An ARC chain of $1 sets is present, but your provider reported arc=$2.',

  // ---- names inside admin findings and the CLI (nested in the texts below) ----
  label_attacker_passive: 'passive eavesdropper',
  label_attacker_active: 'active network attacker',
  label_attacker_peer: 'forging peer',
  label_property_confidentiality: 'confidentiality',
  label_property_authenticity: 'authenticity',
  label_property_integrity: 'integrity',
  label_category_confidentiality: 'Confidential delivery',
  label_category_phishing: 'Phishing & identity theft',
  label_category_integrity: 'Integrity of messages',
  label_protocol_starttls: 'STARTTLS',
  label_protocol_x509: 'valid certificate (x509)',
  label_protocol_dane: 'DANE',
  label_protocol_mta_sts: 'MTA-STS (enforce)',
  label_protocol_spf: 'SPF',
  label_protocol_dkim: 'DKIM',
  label_protocol_dmarc: 'DMARC',
  label_protocol_dnssec: 'DNSSEC',
  finding_matrix_cell: '$1 vs $2: $3',
  list_pair: '$1, $2',
  finding_protocol_missing: '$1: $2 is not supported (+$3 stars if it were).',

  // ---- fix hints for admins: per threat-matrix cell, and per missing protocol ----
  fix_cell_cleartext_hop:
    'Sender’s admin: use STARTTLS on every outbound server. Recipient’s admin: offer STARTTLS on every MX and encrypt internal relays.',
  fix_cell_broken_tls: 'Disable NULL, EXPORT, RC4, DES and anonymous cipher suites on both MTAs.',
  fix_cell_auth_failed:
    'Sender’s admin: sign with DKIM aligned to the From domain and list every sending server in SPF. Treat the message as suspect.',
  fix_cell_outdated_tls: 'Enable TLS 1.2/1.3 and disable TLS 1.0/1.1 and SSL on both MTAs.',
  fix_cell_no_mx_authentication:
    'Recipient’s admin: publish DANE TLSA records under DNSSEC, or an MTA-STS policy in mode enforce.',
  fix_cell_tls_unrecorded:
    'Recipient’s admin: have the MTA log TLS version and cipher in Received headers.',
  fix_cell_unauthenticated: 'Sender’s admin: publish SPF, sign with DKIM and publish DMARC.',
  fix_cell_no_trusted_results:
    'Tell MailSeal which authserv-id your provider uses, or ask the provider to add Authentication-Results.',
  fix_cell_spf_only: 'Sender’s admin: sign all mail with DKIM aligned to the From domain.',
  fix_cell_no_aligned_dkim:
    'Sender’s admin: sign all mail with DKIM (d= the From domain or its parent).',
  fix_cell_body_length_limit: 'Sender’s admin: stop using the DKIM l= tag.',
  fix_cell_dkim_key_unsigned: 'Sender’s admin: sign the DKIM signer’s zone with DNSSEC.',
  fix_cell_dkim_key_weak: 'Sender’s admin: rotate to a 2048-bit RSA or an ed25519 DKIM key.',
  fix_cell_dmarc_not_enforced: 'Sender’s admin: move the DMARC policy to p=quarantine or p=reject.',
  fix_protocol_starttls:
    'Offer STARTTLS with TLS 1.2 or 1.3 on every MX, and send with opportunistic TLS on every outbound server.',
  fix_protocol_x509:
    'Serve a certificate from a public CA that names the MX host, is in date and not revoked (on every MX).',
  fix_protocol_dane:
    'Sign the MX zones with DNSSEC and publish TLSA records (usage 3 1 1 or 2 1 1) at _25._tcp.<mx> for every MX.',
  fix_protocol_mta_sts:
    'Publish an _mta-sts TXT record and a policy in mode "enforce" that lists every MX, served over valid HTTPS.',
  fix_protocol_spf:
    'Publish one valid SPF record ending in -all or ~all that covers every server that sends for the domain.',
  fix_protocol_dkim:
    'Sign all outgoing mail with DKIM (d= the From domain, 2048-bit RSA or Ed25519 key).',
  fix_protocol_dmarc:
    'Publish a valid DMARC record at _dmarc.<domain>; move to p=quarantine or p=reject once reports are clean.',
  fix_protocol_dnssec:
    'Sign the domain and the MX host zones with DNSSEC and publish the DS record at the parent.',

  // ---- the report (lib/messaging): standards table, stars, notices, what was not checked ----
  std_needs_probe: 'needs the probe service',
  std_tlsa_published: 'TLSA records published; whether they match needs the probe service',
  std_dkim_signed_secure: 'signed this message ($1): $2-bit key, protected by DNSSEC',
  std_dkim_signed_insecure: 'signed this message ($1): $2-bit key, not protected by DNSSEC',
  std_dkim_signed_unknown: 'signed this message ($1): $2-bit key; its DNSSEC is not known yet',
  std_dkim_estimate: 'no verified signature on this message; estimated from DNS',
  std_mtasts_mode: 'policy mode $1',
  std_mx_tested: '$1 mail servers tested',
  std_dkim_signed_key_absent:
    'signed this message ($1), but no key is published for it now (rotated or removed)',
  std_dkim_signed_key_unusable:
    'signed this message ($1), but the key published for it is not usable',
  std_mx_tested_one: '1 mail server tested',
  std_lookup_failed: 'the lookup failed',
  dnssec_validated_locally: 'validated locally',
  dnssec_resolver_word: "resolver's word",
  dnssec_resolver_fallback: "resolver's word (fallback: local validation did not complete: $1)",
  dnssec_mixed_fallback:
    "partly the resolver's word (fallback: local validation did not complete: $1)",
  dnssec_record_signed: 'record DNSSEC-signed',
  dnssec_record_unsigned: 'record not DNSSEC-signed',
  degraded_no_probe:
    'Not checked without the probe service: encryption and certificates of the mail servers, DANE and MTA-STS.',
  degraded_probe_unreachable:
    'The probe service did not answer, so encryption and certificates of the mail servers, DANE and MTA-STS were not checked.',
  degraded_dns_failed: 'DNS lookups for $1 failed, so its published records were not checked.',
  degraded_dns_and_probe:
    'DNS lookups for $1 failed and the probe service did not answer: only the headers were checked.',
  notice_multiple_from:
    'This message has more than one From field. MailSeal judged the first ($1); your mail may show another.',
  notice_several_from_addresses:
    'The From field names more than one sender. MailSeal judged the first ($1).',
  notice_judged_parent: 'The sender’s address is at $1; its mail provider was judged as $2.',
  notice_signer_other: 'Signed by $1, not by the sender’s own domain $2.',
  stars_not_this_sender:
    'Not rated: this message failed $1’s checks, so $1’s ratings say nothing about it.',
  stars_unknown: 'Not known yet: $1',
  stars_missing: 'Would rate higher with: $1',
  stars_full: 'Everything this category asks for is in place.',
  stars_no_domain: 'No domain to rate.',
  // ---- the probe service: MX rows and what strict senders would do (lib/probe/verdict.ts, probe-view) ----
  verbatim: '$1',
  mx_yes: 'yes',
  mx_no: 'no',
  mx_unknown: 'unknown',
  mx_not_tested: 'not tested',
  mx_cert_valid_for: 'valid for $1',
  mx_cert_invalid: 'invalid ($1)',
  mx_cert_no_name_match: 'no name match',
  mx_dane_no_tlsa: 'no TLSA records',
  mx_dane_not_applicable: 'TLSA without DNSSEC (not applicable)',
  mx_dane_valid: 'valid',
  mx_dane_mismatch: 'TLSA does not match',
  mx_sts_listed: 'MX listed in the policy',
  mx_sts_not_listed: 'MX NOT in the policy',
  mx_sts_no_policy: 'no policy',
  labelled: '$1: $2',
  outcome_authenticated_tls: 'authenticated-tls',
  outcome_unauthenticated_tls: 'unauthenticated-tls',
  outcome_cleartext: 'cleartext',
  outcome_refuse: 'refuse',
  outcome_untested: 'untested',
  verdict_no_starttls_hidden:
    'STARTTLS is not advertised (it works when tried, but senders do not try it)',
  verdict_no_starttls: 'STARTTLS is not advertised',
  verdict_starttls_fails: 'STARTTLS fails ($1)',
  verdict_handshake_failed: 'handshake failed',
  verdict_could_not_test: 'could not test: $1',
  verdict_opportunistic_tls: '$1; opportunistic senders do not check the certificate',
  verdict_cleartext_retry: '$1; opportunistic senders retry in cleartext',
  verdict_dane_lookup_error: '$1; DANE senders defer delivery (RFC 7672 §2.2)',
  verdict_dane_not_applicable: 'DANE does not apply ($1); $2',
  verdict_tlsa_insecure: 'TLSA is not DNSSEC-secure',
  verdict_no_secure_tlsa: 'no DNSSEC-secure TLSA records',
  verdict_dane_needs_tls: 'DANE makes TLS mandatory, but $1',
  verdict_dane_unusable:
    'TLSA records exist but none is usable for SMTP; TLS is mandatory but unauthenticated (RFC 7672 §2.2)',
  verdict_dane_match: 'TLSA $1 $2 $3 matches',
  verdict_dane_match_pkix_moot: 'TLSA $1 $2 $3 matches; PKIX errors do not matter under DANE',
  verdict_dane_no_match: 'no usable TLSA record matches the certificate chain',
  verdict_sts_mx_unmatched: 'the MX host matches no mx pattern of the policy',
  verdict_no_certificate: 'no certificate was presented',
  verdict_cert_not_pkix: 'the certificate is not PKIX-valid ($1)',
  verdict_untrusted: 'untrusted',
  verdict_cert_wrong_name: 'the certificate does not name the MX host',
  verdict_dane_precedence: 'DANE takes precedence (RFC 8461 §2): $1',
  verdict_sts_not_applicable: 'MTA-STS does not apply ($1); $2',
  verdict_sts_mode_none: 'policy mode is none',
  verdict_sts_ok: 'the MX matches the policy and its certificate is PKIX-valid for the MX host',
  verdict_sts_enforce: 'policy enforce: $1',
  verdict_nothing_to_test: 'nothing to test',
  verdict_sts_testing: 'policy testing: $1 (reported, delivered anyway); $2',
  // ---- the probe service's findings for one MX (lib/probe/mx-findings.ts) ----
  probe_address: '$1 [$2]',
  probe_dane_moot: '$1 (irrelevant while DANE authenticates this MX)',
  probe_missing_intermediate: '$1 does not send the intermediate certificate',
  probe_fix_full_chain: 'Serve the full chain (leaf + intermediates).',
  probe_self_signed: '$1 presents a self-signed certificate',
  probe_untrusted_root: "$1's certificate does not chain to a trusted root",
  probe_name_mismatch: "$1's certificate names neither the MX host nor the domain",
  probe_expired: "$1's certificate expired $2 days ago",
  probe_expiring: "$1's certificate expires in $2 days",
  probe_not_yet_valid: "$1's certificate is not valid yet",
  probe_weak_key: '$1 uses a $2-bit $3 key',
  probe_weak_signature: "$1's chain is signed with $2",
  probe_revoked: "$1's certificate is revoked",
  probe_tlsa_lookup_failed: 'TLSA lookup for $1 failed; DANE senders defer mail',
  probe_tlsa_without_dnssec: 'TLSA published for $1, but $2: no sender can use it',
  probe_tlsa_rrset_unsigned: 'the TLSA RRset is not DNSSEC-signed',
  probe_mx_rrset_unsigned: 'the MX RRset is not DNSSEC-signed',
  probe_tlsa_without_starttls: 'TLSA published for $1, which offers no working STARTTLS',
  probe_unsuitable_usage:
    'TLSA usages 0/1 (PKIX-TA/PKIX-EE) for $1 are unsuitable for SMTP (RFC 7672 §3.1.3)',
  probe_no_usable_tlsa: 'no TLSA record for $1 is usable for SMTP',
  probe_tlsa_no_match: "no TLSA record matches $1's certificate: DANE senders will not deliver",
  probe_dane_authenticated: '$1 is authenticated by DANE; PKIX name and CA checks do not matter',
  probe_untested: '$1 could not be tested',
  probe_not_advertised: '$1 does not advertise STARTTLS, though it works when tried',
  probe_not_offered: '$1 does not offer STARTTLS: mail arrives in cleartext',
  probe_starttls_failed: '$1 offers STARTTLS but it fails',
  probe_tls_insecure: '$1 negotiates $2 $3, classed insecure',
  probe_tls_obsolete: '$1 negotiates $2 $3, classed obsolete',
  probe_no_forward_secrecy: '$1 negotiates a cipher without forward secrecy',
  // ---- DNS checks: lookups and SPF (lib/checks/lookup.ts, lib/checks/spf) ----
  chk_lookup_failed: 'Could not look up $1 $2: $3.',
  chk_spf_missing: '$1 publishes no SPF record, so anyone may send as it.',
  chk_spf_fix_publish: 'Publish e.g. "v=spf1 mx -all" at $1, or "v=spf1 -all" if it sends no mail.',
  chk_spf_too_many_lookups:
    'Evaluating the SPF record of $1 needs $2 DNS-querying terms; the limit is $3.',
  chk_spf_fix_flatten: 'Flatten includes into ip4/ip6 ranges or drop unused services.',
  chk_spf_too_many_void:
    '$1 lookups return nothing; more than $2 is a permerror (RFC 7208 §4.6.4).',
  chk_spf_all_pass:
    'The SPF record of $1 ends in "+all": every server on the Internet is authorised.',
  chk_spf_fix_end_fail: 'End the record with "-all".',
  chk_spf_all_neutral:
    'The SPF record of $1 ends in "?all", which asserts nothing about other senders.',
  chk_spf_fix_end_fail_testing: 'End the record with "-all" (or "~all" while testing).',
  chk_spf_all_softfail:
    'The SPF record of $1 ends in "~all": unauthorised mail is marked, not rejected.',
  chk_spf_fix_softfail: 'Use "-all" once every sender is listed.',
  chk_spf_no_all:
    'The SPF record of $1 has neither "all" nor "redirect", so unlisted senders get "neutral".',
  chk_spf_term: 'SPF term "$1": $2.',
  chk_spf_why_duplicate_modifier: '"$1" may appear only once (RFC 7208 §6)',
  chk_spf_why_bad_target: 'the target is not a valid domain-spec',
  chk_spf_why_bad_macro_string: 'the value is not a valid macro-string',
  chk_spf_why_bad_address: 'not a valid address',
  chk_spf_why_bad_prefix: 'bad prefix length',
  chk_spf_why_needs_domain: '"$1" needs a valid ":domain-spec"',
  chk_spf_why_all_no_arg: '"all" takes no argument',
  chk_spf_why_non_ascii: 'only printable ASCII and spaces are allowed',
  chk_spf_why_unknown: 'not a mechanism or modifier RFC 7208 defines',
  chk_spf_multiple: '$1 publishes $2 SPF records; receivers return permerror.',
  chk_spf_fix_merge: 'Merge them into one "v=spf1 ..." record.',
  chk_spf_void_lookup: '"$1" looks up $2, which does not exist or has no such records.',
  chk_spf_mx_too_many: '"$1" finds $2 MX hosts; more than 10 is a permerror.',
  chk_spf_too_long:
    'The SPF record of $1 is $2 characters; RFC 7208 §3.4 advises staying under 450 so answers fit one UDP packet.',
  chk_spf_terms_after_all: 'Terms after "$1" in $2 are never evaluated.',
  chk_spf_redirect_ignored: '"$1" in $2 is ignored because the record has "all".',
  chk_spf_ptr: '"$1" in $2: ptr is slow and unreliable; RFC 7208 §5.5 says do not use it.',
  chk_spf_fix_ptr: 'Replace ptr with ip4/ip6 or a mechanisms.',
  chk_spf_macro_counted:
    '"$1" depends on the message (macros); its lookups were counted but not followed.',
  chk_spf_macro_redirect: '"$1" depends on the message (macros); not followed.',
  chk_spf_loop: '"$1" leads back to $2: an include/redirect loop.',
  chk_spf_target_no_record:
    '"$1" points at $2, which has no SPF record; receivers return permerror.',
  // ---- DNS checks: DMARC (lib/checks/dmarc) ----
  chk_dmarc_inherited: '$1 has no DMARC record of its own; the policy of $2 applies.',
  chk_dmarc_missing_both:
    'Neither _dmarc.$1 nor _dmarc.$2 has a DMARC record: receivers have no policy against spoofing.',
  chk_dmarc_missing: '_dmarc.$1 has no DMARC record: receivers have no policy against spoofing.',
  chk_dmarc_fix_publish:
    'Publish "v=DMARC1; p=none; rua=mailto:dmarc@$1" at _dmarc.$2, then move to quarantine/reject.',
  chk_dmarc_multiple: '_dmarc.$1 has $2 DMARC records; receivers ignore them all.',
  chk_dmarc_policy_none: 'The DMARC policy is "none": spoofed mail is reported, not stopped.',
  chk_dmarc_fix_enforce: 'Move to p=quarantine, then p=reject.',
  chk_dmarc_sp_none: 'sp=none leaves every subdomain unprotected.',
  chk_dmarc_pct_partial: 'pct=$1: the policy applies to only part of failing mail.',
  chk_dmarc_testing: 't=y: the domain asks receivers to treat its policy as a test (RFC 9989).',
  chk_dmarc_no_rua: 'No rua= address: the domain receives no aggregate reports about spoofing.',
  chk_dmarc_external_unauthorized:
    'Reports go to $1, which has not authorised them at $2; receivers will not send them.',
  chk_dmarc_fix_external: 'Ask $1 to publish "v=DMARC1" at $2.',
  chk_dmarc_duplicate_tag:
    'Tag "$1" appears more than once; the RFC does not say which wins, and receivers differ (some ignore the record).',
  chk_dmarc_unknown_tag: 'Tag "$1" is not defined; receivers ignore it.',
  chk_dmarc_v_not_first: 'The record must start with "v=DMARC1".',
  chk_dmarc_p_missing: 'The required "p" tag is missing.',
  chk_dmarc_fix_add_p: 'Add p=none, p=quarantine or p=reject right after v=DMARC1.',
  chk_dmarc_bad_policy: '$1=$2 is not none, quarantine or reject.',
  chk_dmarc_bad_np: 'np=$1 is not none, quarantine or reject; receivers ignore it.',
  chk_dmarc_p_not_second: '"p" should directly follow "v=DMARC1" (RFC 7489 §6.4).',
  chk_dmarc_as_none:
    '$1 Because rua= has a valid address, receivers act as if the record said p=none (RFC 7489 §6.6.3).',
  chk_dmarc_bad_pct: 'pct=$1 is not an integer from 0 to 100.',
  chk_dmarc_bad_alignment: '$1=$2 must be "r" or "s".',
  chk_dmarc_bad_flag: '$1=$2 must be $3; receivers ignore it.',
  chk_dmarc_bad_fo: 'fo=$1 must be a colon-separated list of 0, 1, d and s.',
  chk_dmarc_bad_rf:
    'rf=$1 names a report format that is not registered (only "afrf" is); receivers differ: most ignore the value, some ignore the whole record (RFC 7489 §6.3).',
  chk_dmarc_fix_rf: 'Use rf=afrf or drop the tag.',
  chk_dmarc_bad_ri: 'ri=$1 must be a number of seconds that fits in 32 bits.',
  chk_dmarc_bad_uri: '$1= "$2" is not a valid URI, so reports sent there are lost.',
  chk_dmarc_bad_mailto: '$1= "$2" is not a valid mailto: address, so reports sent there are lost.',
  chk_dmarc_not_mailto:
    '$1= "$2" is not a mailto: URI; receivers need only support mailto: (RFC 7489 §6.2), so reports may never arrive.',
  chk_dmarc_fix_uri: 'Use $1=mailto:dmarc@your-domain.',
  // ---- DNS checks: MX, TLS-RPT and the MTA-STS record (lib/checks, lib/probe/mta-sts-record.ts) ----
  chk_mx_null_mixed:
    '$1 publishes a null MX ("." = accepts no mail, RFC 7505) beside real MX hosts. RFC 7505 does not say what a sender does with such a set: receivers differ (some refuse at once, others deliver to the other hosts).',
  chk_mx_fix_null_mixed:
    'Remove either the "0 ." record or the real MX records, so one intent is published.',
  chk_mx_null_preference:
    'The null MX of $1 has preference $2; RFC 7505 §3 defines it with preference 0.',
  chk_mx_fix_null_preference: 'Publish "$1. MX 0 ."',
  chk_mx_ip_literal: 'MX target "$1" is an IP address; MX must name a host (RFC 5321 §5.1).',
  chk_mx_cname: 'MX target $1 is an alias (CNAME to $2); RFC 2181 §10.3 forbids it.',
  chk_mx_host_no_address: 'MX host $1 has no A or AAAA record.',
  chk_mx_nxdomain: '$1 does not exist (NXDOMAIN).',
  chk_mx_null: '$1 declares that it accepts no mail (null MX, RFC 7505).',
  chk_mx_none: '$1 has no MX and no address: it cannot receive mail.',
  chk_mx_implicit: '$1 has no MX record; senders fall back to its own address (implicit MX).',
  chk_mx_fix_implicit: 'Publish an explicit MX for $1.',
  chk_not_key_value: '"$1" is not a key=value field.',
  chk_bad_extension: '"$1" is not a valid extension field.',
  chk_tlsrpt_lenient_version:
    'The grammar allows space before ";", but §3 also says records not beginning with "v=TLSRPTv1;" are discarded: receivers differ.',
  chk_tlsrpt_fix_lenient: 'Write "v=TLSRPTv1;" with no space before the semicolon.',
  chk_tlsrpt_bad_uri: 'rua "$1" must be a mailto: or https: URI.',
  chk_tlsrpt_missing_rua: 'The record has no rua= destination.',
  chk_tlsrpt_fix_rua: 'Add rua=mailto:tlsrpt@your-domain.',
  chk_tlsrpt_duplicate_rua:
    'The record has more than one rua field; the grammar allows it but does not say whether senders use all: receivers differ. List every URI in one rua, comma-separated.',
  chk_tlsrpt_missing:
    '$1 publishes no TLS-RPT record: it hears nothing about failed TLS deliveries.',
  chk_tlsrpt_fix_publish: 'Publish "v=TLSRPTv1; rua=mailto:tlsrpt@$1" at _smtp._tls.$1.',
  chk_tlsrpt_bad_version: 'The record does not start with exactly "v=TLSRPTv1".',
  chk_tlsrpt_multiple: '$1 TLS-RPT records: senders send no reports.',
  chk_sts_missing: '$1 publishes no MTA-STS record: senders cannot require TLS towards it.',
  chk_sts_bad_version:
    'The record does not start with exactly "v=STSv1", so senders treat MTA-STS as absent.',
  chk_sts_fix_version: 'Start the record with "v=STSv1;" (case-sensitive).',
  chk_sts_multiple: '$1 MTA-STS records: senders treat MTA-STS as absent.',
  chk_sts_host_unresolvable: '$1 has no address, so the policy cannot be fetched.',
  chk_sts_fix_host: 'Publish A/AAAA (or a CNAME) for $1.',
  chk_sts_fix_bad_id: 'Use letters and digits only, e.g. id=20260101000000.',
  chk_sts_fix_missing_id:
    'Add "id=<1-32 alphanumerics>" and change it whenever the policy changes.',
  chk_sts_fix_duplicate_id: 'Keep one id field.',
  chk_sts_fix_lenient: 'Write "v=STSv1;" with no space before the semicolon.',
  chk_sts_bad_id: 'id=$1 must be 1 to 32 letters and digits only.',
  chk_sts_version: 'The record must begin with "v=STSv1".',
  chk_sts_lenient_version:
    'The grammar allows space before ";", but §3.1 also says records not beginning with "v=STSv1;" are discarded: receivers differ.',
  chk_sts_missing_id: 'The record has no id field.',
  chk_sts_duplicate_id:
    'The record has $1 id fields. The grammar allows it and senders MUST accept it (§3.2), but which id they compare is not specified: receivers differ. MailSeal reads the first.',
  sts_record_multiple: 'more than one v=STSv1 record: MTA-STS is treated as absent',
  // ---- DNS checks: DNSSEC and TLSA (lib/checks/dnssec.ts, tlsa.ts, lib/dns/tlsa-record.ts) ----
  dns_tlsa_pkix_usage: '$1($2) is unsuitable for SMTP (RFC 7672 §3.1.3)',
  dns_tlsa_unknown_usage: 'unknown certificate usage $1',
  dns_tlsa_unknown_selector: 'unknown selector $1',
  dns_tlsa_unknown_matching: 'unknown matching type $1',
  dns_tlsa_bad_data: 'the certificate association data is empty or not hex octets',
  dns_tlsa_digest_length: 'matching type $1 needs a $2-octet digest; this one has $3',
  dns_tlsa_not_der: 'a Full (0) association is not a DER structure',
  chk_tlsa_record_ignored: 'TLSA $1: $2; senders ignore it.',
  chk_tlsa_record_bad: 'TLSA $1: $2.',
  chk_tlsa_fix_usage: 'Publish usage 3 (DANE-EE) or 2 (DANE-TA) records.',
  chk_tlsa_insecure: 'TLSA records for $1 are not DNSSEC-validated, so senders cannot use them.',
  chk_tlsa_fix_sign_zone: 'Sign the zone of $1.',
  chk_tlsa_unusable: 'None of the TLSA records for $1 is usable for SMTP.',
  chk_tlsa_bogus:
    'The TLSA lookup for $1 fails DNSSEC validation (bogus): DANE senders will not deliver to it.',
  chk_tlsa_mx_insecure:
    'The MX records of $1 are not DNSSEC-validated, so senders cannot apply DANE (RFC 7672 §2.2.1).',
  chk_tlsa_fix_sign: 'Sign $1.',
  chk_tlsa_partial: 'Some MX hosts have no TLSA records: $1.',
  chk_dnssec_bogus:
    'DNSSEC validation fails (bogus) for: $1. Validating senders cannot reach this domain.',
  chk_dnssec_bogus_why:
    'DNSSEC validation fails (bogus) for: $1. $2. Validating senders cannot reach this domain.',
  chk_dnssec_fix_bogus: 'Fix the signatures or the DS record at the parent.',
  chk_dnssec_unsigned: '$1 is not DNSSEC-signed: its mail records can be forged in transit.',
  chk_dnssec_fix_unsigned: 'Enable DNSSEC for $1 and publish its DS at the registrar.',
  chk_dnssec_mx_insecure: 'The MX records are not DNSSEC-validated.',
  chk_dnssec_txt_insecure: 'The SPF/DMARC TXT records are not DNSSEC-validated.',
  chk_dnssec_mx_host_unsigned: 'MX host zones not signed: $1.',
  chk_dnssec_mx_address_insecure: 'A/AAAA of these MX hosts are not DNSSEC-validated: $1.',
  chk_dnssec_tlsa_insecure: 'TLSA records exist but are not DNSSEC-validated, so DANE cannot work.',
  chk_dnssec_validated_locally:
    'Validated locally from the trust anchor; $1 only carried the records.',
  chk_the_resolver: 'the resolver',
  chk_dnssec_resolver_mixed:
    "Some answers could not be validated locally and fell back to the AD flag of $1 (resolver's word).",
  chk_dnssec_resolver_mixed_why:
    "Some answers could not be validated locally and fell back to the AD flag of $1 (resolver's word). Local validation did not complete: $2.",
  chk_dnssec_resolver_fallback_why:
    "These answers fell back to the AD flag of $1 (resolver's word, not validated locally). Local validation did not complete: $2.",
  chk_dnssec_resolver_trusted:
    "These answers trust the AD flag of $1 (resolver's word, not validated locally: the AD-flag setting).",
  // ---- DNS checks: BIMI and DKIM keys (lib/checks/bimi*.ts, dkim*.ts) ----
  chk_not_tag_value: '"$1" is not a tag=value pair.',
  chk_tag_repeats: '"$1" repeats a tag: the whole record is invalid (RFC 6376 §3.2).',
  chk_bimi_declined: '$1 explicitly declines BIMI (empty l= and a=).',
  chk_bimi_no_authority:
    'No mark certificate (a=): many mailbox providers show no logo without one.',
  chk_bimi_dmarc_not_enforced:
    'BIMI needs DMARC at p=quarantine (pct=100) or p=reject, with no p=none or sp=none; without it, no logo is shown.',
  chk_bimi_fix_dmarc: 'Enforce DMARC first.',
  chk_bimi_missing: '$1 publishes no BIMI record (optional: shows a brand logo).',
  chk_bimi_bad_version: 'The BIMI record must start with exactly "v=BIMI1".',
  chk_bimi_multiple: '$1 BIMI records; receivers ignore them.',
  chk_bimi_version: 'The record must start with exactly "v=BIMI1".',
  chk_bimi_missing_l: 'The required l= tag is missing (it may be empty).',
  chk_bimi_bad_uri: '$1=$2 $3.',
  chk_bimi_why_single: 'must be a single URI (commas inside a URI are percent-encoded)',
  chk_bimi_why_https: 'must use https',
  chk_bimi_why_fqdn: 'must name a fully qualified domain',
  chk_bimi_why_not_uri: 'is not a URI',
  chk_bimi_not_svg: 'l=$1 names a .$2 image; only SVG is a BIMI format.',
  chk_dkim_not_tag_value: '"$1" is not a tag=value pair (RFC 6376 §3.2).',
  chk_dkim_version: 'v=$1 must be exactly DKIM1; verifiers discard the record.',
  chk_dkim_version_not_first: 'v=DKIM1 MUST be the first tag of the record.',
  chk_dkim_key_type: 'k=$1 is not rsa or ed25519; verifiers ignore the key.',
  chk_dkim_hash: 'h=$1 does not allow sha256, the only hash verifiers accept (RFC 8301 §3.1).',
  chk_dkim_service: 's=$1 excludes email: verifiers do not use the key for mail.',
  chk_dkim_missing_p: 'The required p= tag is missing.',
  chk_dkim_bad_p: 'p= is not base64.',
  chk_dkim_testing: '$1 is in testing mode (t=y): receivers may ignore failures.',
  chk_dkim_key_problem: '$1: $2',
  chk_dkim_revoked: 'The key at $1 is revoked (empty p=): signatures with it fail.',
  chk_dkim_ed25519_unparseable: 'The ed25519 key at $1 is not 32 bytes of base64.',
  chk_dkim_rsa_unparseable: 'The RSA key at $1 is not a valid public key.',
  chk_dkim_weak: 'The RSA key at $1 has $2 bits; below 1024 verifiers reject it (RFC 8301).',
  chk_dkim_fix_weak: 'Rotate to a 2048-bit RSA or an ed25519 key.',
  chk_dkim_short: 'The RSA key at $1 has $2 bits; 2048 is recommended.',
  chk_dkim_fix_short: 'Rotate to a 2048-bit key.',
  chk_dkim_estimate_absent:
    'Estimate: _domainkey.$1 does not exist (NXDOMAIN), so $1 probably publishes no DKIM keys. Name servers that mis-handle empty names can make this wrong.',
  chk_dkim_estimate_present:
    'Estimate: _domainkey.$1 exists, so $1 probably publishes DKIM keys (selectors unknown until a message is seen).',
  chk_dkim_key_missing: 'No DKIM key at $1: mail signed with selector "$2" fails.',
  chk_dkim_multiple: '$1 has $2 key records; verifiers may pick either.',
  // ---- the probe service: MX set and MTA-STS errors (lib/probe/probe-domain.ts, mta-sts-*.ts) ----
  probe_no_address: '$1 has no A or AAAA record',
  probe_mx_null: '$1 publishes a null MX: it accepts no mail (RFC 7505)',
  probe_mx_null_mixed:
    '$1 publishes a null MX ("." = accepts no mail) beside real MX hosts; only the real hosts were probed. RFC 7505 does not say what a sender does with such a set: receivers differ.',
  probe_mx_none: '$1 has no MX and no A/AAAA: it cannot receive mail',
  probe_mx_temperror: 'the MX lookup for $1 failed; could not test',
  probe_mx_implicit: '$1 has no MX record; mail goes to its A/AAAA (implicit MX)',
  probe_mx_capped: 'only the first $1 of $2 MX hosts were probed',
  sts_fetch_tcp: 'no TCP connection to the policy host on port 443',
  sts_fetch_name_mismatch: 'the policy host certificate does not name mta-sts.<domain>',
  sts_fetch_tls: 'the policy host TLS handshake or certificate failed',
  sts_fetch_http: 'the HTTP exchange with the policy host failed',
  sts_fetch_dns_temporary: '$1 could not be resolved (DNS temporary failure)',
  sts_fetch_non_public: '$1 resolves only to non-public addresses',
  sts_fetch_redirect: 'the policy URL redirects; senders must not follow it',
  sts_fetch_status: 'the policy URL answered HTTP $1',
  sts_fetch_too_large: 'the policy is larger than $1 bytes',
  sts_fetch_content_type: 'the policy must be served as text/plain',
  sts_policy_u_label: 'mx must be the A-label, not the U-label (RFC 8461 §3.2)',
  sts_policy_u_label_named: 'mx must be the A-label $1, not the U-label (RFC 8461 §3.2)',
  sts_mx_empty: 'empty mx pattern',
  sts_mx_email: 'mx pattern is an email address',
  sts_mx_trailing_dot: 'mx pattern ends with a dot',
  sts_mx_wildcard: 'a wildcard may only be a whole leftmost label',
  sts_mx_not_fqdn: 'mx pattern is not a fully qualified host name',
  sts_mx_invalid: 'mx pattern is not a valid host name',
  sts_policy_line: 'a line is not "key: value"',
  sts_policy_duplicate:
    'the "$1" field appears twice; the grammar allows it but not which one counts: receivers differ (the first is read)',
  sts_policy_mode: 'mode must be enforce, testing or none',
  sts_policy_max_age: 'max_age must be 0..$1 seconds',
  sts_policy_ext_value: 'the extension field "$1" has no valid value',
  sts_policy_empty: 'the policy file is empty',
  sts_policy_version: 'version must be STSv1',
  sts_policy_no_mode: 'the mode field is missing',
  sts_policy_no_max_age: 'the max_age field is missing',
  sts_policy_needs_mx: 'mode $1 needs at least one mx line',
  sts_inconsistency: 'MX $1 matches no mx pattern: $2, closest pattern $3',
  sts_inconsistency_policy_host:
    'MX $1 matches no mx pattern: $2, closest pattern $3 (the pattern wrongly names the mta-sts. policy host)',
  sts_pkix_invalid_all: 'every MX presents a PKIX-invalid certificate',
  sts_pkix_invalid_all_enforce:
    'every MX presents a PKIX-invalid certificate: MTA-STS senders will not deliver there',
  sts_pkix_invalid_some: 'some MX presents a PKIX-invalid certificate',
  sts_pkix_invalid_some_enforce:
    'some MX presents a PKIX-invalid certificate: MTA-STS senders will not deliver there',
  sts_mx_no_starttls: 'MX $1 offers no working STARTTLS',
  sts_hosting:
    'the policy is hosted by $1 but the MX is run by $2; keep the mx lines in sync when either changes',
  // ---- the report's admin view: raw errors behind the degraded line (lib/ext/known-evidence.ts) ----
  problem_dns: 'DNS for $1: $2',
  problem_probe: 'probe for $1: $2',
  // ---- the probe service: why no MTA-STS policy applies (lib/probe/mta-sts-assess.ts) ----
  sts_ctx_no_record: 'no _mta-sts record',
  sts_ctx_record_invalid: 'the _mta-sts record is invalid',
  sts_ctx_no_policy: 'no valid policy ($1); senders without a cached policy deliver as if none',
  // ---- the report's standards table: a row name that is more than a name (lib/messaging/build-report.ts) ----
  std_row_certificate: 'Certificate (PKIX)',
  // ---- the probe service: why an address could not be tested (lib/probe/probe-address.ts) ----
  probe_no_ehlo_reply: 'no EHLO reply',
  // ---- stars: a protocol the provider's servers offer but an earlier message of its did not use ----
  stars_protocol_when_sending: '$1 on every message it sends',
  // ---- webmail: why a message's headers could not be read ----
  unreadable_gmailNoIk: "Gmail's page value “ik” was not found",
  unreadable_gmailNoMessageId: 'Gmail gave no usable message id',
  unreadable_gmailOriginalRedirected: "Gmail's “Show original” was redirected to $1",
  unreadable_gmailOriginalStatus: "Gmail's “Show original” answered HTTP $1",
  unreadable_gmailOriginalNoRawMessage: "Gmail's “Show original” page holds no raw message",
  unreadable_gmailOriginalNoHeaders:
    "Gmail's “Show original” text does not start with header fields",
  unreadable_gmailDownloadStatus: "Gmail's “Download message” answered HTTP $1",
  unreadable_gmailDownloadNoHeaders: "Gmail's “Download message” does not start with header fields",
  unreadable_tooManyRequests: 'the webmail answered “too many requests” (HTTP 429)',
  unreadable_requestFailed: 'the request failed: $1',
  unreadable_messageIdNotFound: "this message's id was not found on the page",
  unreadable_layoutUnknown: 'the page layout was not recognised',
  unreadable_outlookConversation:
    'Outlook answered with a whole conversation instead of this message',
  unreadable_outlookUnexpectedAnswer: 'Outlook gave an unexpected answer',
  unreadable_outlookPartSenderMissing: 'the sender of this part of the conversation was not found',
  unreadable_outlookNoReceivedItem: 'no received message matches this part of the conversation',
  unreadable_outlookPageSilent: 'the Outlook page did not answer',
  unreadable_outlookNoSession: 'no Outlook session yet',
  unreadable_outlookNoMailboxSession: 'no Outlook session for this mailbox yet',
  unreadable_outlookExpiredSession: 'Outlook answered HTTP $1; waiting for a fresh session',
  unreadable_outlookRefused: 'Outlook refused access to this message',
  unreadable_outlookActionStatus: "Outlook's $1 answered HTTP $2",
  unreadable_outlookActionError: "Outlook's $1 answered the error $2",
  unreadable_outlookNoTransportHeaders: 'the message has no transport headers',
  unreadable_outlookNotHeaderBlock: 'the transport headers are not a header block',
  unreadable_roundcubeStatus: "Roundcube's message source answered HTTP $1",
  unreadable_roundcubePage: "Roundcube's message source answered a web page, not a message",
  unreadable_roundcubeNoHeaders: "Roundcube's message source does not start with header fields",
} as const satisfies Record<string, string>;
