// Everything a domain publishes in DNS about its mail security, assessed at once. All checks
// start together on one shared client; identical questions become one request, so the
// critical path is MX → (per-MX A/AAAA, TLSA, zone DNSKEY), everything else in parallel.
// JSON Schema: docs/domain-dns-posture.schema.json.
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome } from '../outcome.ts';
import { type BimiDetails, checkBimi } from './bimi.ts';
import { checkDkim, type DkimDetails } from './dkim.ts';
import { checkDmarc, type DmarcDetails } from './dmarc/dmarc-check.ts';
import { checkDnssec, type DnssecDetails } from './dnssec.ts';
import { checkMtaStsRecord, type MtaStsRecordDetails } from './mta-sts-record.ts';
import { checkMx, type MxDetails } from './mx.ts';
import { shareQueries } from './shared-dns.ts';
import { checkSpf, type SpfDetails } from './spf/spf-check.ts';
import { checkTlsRpt, type TlsRptDetails } from './tls-rpt.ts';
import { checkTlsa, type TlsaDetails } from './tlsa.ts';

export const DOMAIN_DNS_POSTURE_SCHEMA = 'https://mailseal.invalid/schema/domain-dns-posture/1';

export interface DomainDnsPosture {
  $schema: typeof DOMAIN_DNS_POSTURE_SCHEMA;
  domain: string;
  /** ISO 8601 time the assessment finished. */
  assessedAt: string;
  elapsedMs: number;
  mx: CheckOutcome<MxDetails>;
  spf: CheckOutcome<SpfDetails>;
  dmarc: CheckOutcome<DmarcDetails>;
  mtaSts: CheckOutcome<MtaStsRecordDetails>;
  tlsRpt: CheckOutcome<TlsRptDetails>;
  bimi: CheckOutcome<BimiDetails>;
  tlsa: CheckOutcome<TlsaDetails>;
  dnssec: CheckOutcome<DnssecDetails>;
  dkim: CheckOutcome<DkimDetails>;
}

export interface AssessOptions {
  dns: DnsClient;
  signal?: AbortSignal;
  /** DKIM selectors seen in messages from this domain; without them DKIM is estimated. */
  dkimSelectors?: readonly string[];
  now?: () => number;
}

export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

export async function assessDomainDns(
  rawDomain: string,
  options: AssessOptions,
): Promise<DomainDnsPosture> {
  const domain = normaliseDomain(rawDomain);
  const now = options.now ?? Date.now;
  const started = now();
  const dns = shareQueries(options.dns);
  const { signal } = options;
  const dmarcPromise = checkDmarc(dns, domain, signal);
  const [mx, spf, dmarc, mtaSts, tlsRpt, tlsa, dnssec, dkim, bimi] = await Promise.all([
    checkMx(dns, domain, signal),
    checkSpf(dns, domain, signal),
    dmarcPromise,
    checkMtaStsRecord(dns, domain, signal),
    checkTlsRpt(dns, domain, signal),
    checkTlsa(dns, domain, signal),
    checkDnssec(dns, domain, signal),
    checkDkim(dns, domain, options.dkimSelectors ?? [], signal),
    // BIMI's record is fetched now; only its verdict waits for DMARC.
    (async () => {
      const lookup = dns.query(`default._bimi.${domain}`, 'TXT', signal ? { signal } : {});
      const d = await dmarcPromise;
      await lookup;
      return checkBimi(dns, domain, d.details, signal);
    })(),
  ]);
  const finished = now();
  return {
    $schema: DOMAIN_DNS_POSTURE_SCHEMA,
    domain,
    assessedAt: new Date(finished).toISOString(),
    elapsedMs: finished - started,
    mx,
    spf,
    dmarc,
    mtaSts,
    tlsRpt,
    bimi,
    tlsa,
    dnssec,
    dkim,
  };
}
