// Who runs the policy host and who runs the MX: third-party MTA-STS hosting is recognised from the
// `mta-sts.` CNAME target (MTA-STS study §5, Table 2), mail hosting from MX names. The study found
// mx/policy inconsistency concentrated where two different providers run the two (§4.5).

import { getDomain } from 'tldts';
import { normalizeHostName } from './name-match.ts';

interface Provider {
  name: string;
  /** Registrable domains (or suffixes) whose hosts belong to the provider. */
  suffixes: readonly string[];
}

/** Policy hosting providers: Table 2 of the MTA-STS study, plus static hosting commonly used. */
export const POLICY_HOSTING_PROVIDERS: readonly Provider[] = [
  { name: 'Tutanota', suffixes: ['tutanota.de', 'tutanota.com', 'tuta.com'] },
  { name: 'DMARCReport', suffixes: ['dmarcinput.com', 'dmarcreport.com'] },
  { name: 'PowerDMARC', suffixes: ['mta-sts.tech', 'powerdmarc.com'] },
  { name: 'EasyDMARC', suffixes: ['easydmarc.pro', 'easydmarc.com'] },
  { name: 'Mailhardener', suffixes: ['mailhardener.com'] },
  { name: 'URIports', suffixes: ['uriports.com'] },
  { name: 'Sendmarc', suffixes: ['sdmarc.net', 'sendmarc.com'] },
  { name: 'OnDMARC (Red Sift)', suffixes: ['ondmarc.com', 'redsift.cloud'] },
  { name: 'GitHub Pages', suffixes: ['github.io'] },
  { name: 'Netlify', suffixes: ['netlify.app', 'netlify.com'] },
  { name: 'Cloudflare Pages', suffixes: ['pages.dev'] },
];

/** Mail hosting providers, recognised from MX host names. */
export const MAIL_HOSTING_PROVIDERS: readonly Provider[] = [
  { name: 'Google', suffixes: ['google.com', 'googlemail.com'] },
  { name: 'Microsoft', suffixes: ['outlook.com', 'hotmail.com'] },
  { name: 'Tutanota', suffixes: ['tutanota.de', 'tutanota.com', 'tuta.com'] },
  { name: 'Proton', suffixes: ['protonmail.ch', 'proton.me'] },
  { name: 'Fastmail', suffixes: ['messagingengine.com', 'fastmail.com'] },
  { name: 'Zoho', suffixes: ['zoho.com', 'zoho.eu', 'zoho.in'] },
  { name: 'Yandex', suffixes: ['yandex.net', 'yandex.ru'] },
  { name: 'Mimecast', suffixes: ['mimecast.com', 'mimecast.co.za'] },
  { name: 'Proofpoint', suffixes: ['pphosted.com', 'ppe-hosted.com'] },
  { name: 'OVH', suffixes: ['ovh.net'] },
  { name: 'GoDaddy', suffixes: ['secureserver.net'] },
  { name: 'Apple iCloud', suffixes: ['icloud.com'] },
  { name: 'MXroute', suffixes: ['mxrouting.net', 'mxroute.com'] },
  { name: 'mailbox.org', suffixes: ['mailbox.org'] },
  { name: 'Posteo', suffixes: ['posteo.de'] },
];

function inSuffixes(host: string, suffixes: readonly string[]): boolean {
  return suffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

export function findProvider(host: string, table: readonly Provider[]): string | null {
  const name = normalizeHostName(host);
  return table.find((provider) => inSuffixes(name, provider.suffixes))?.name ?? null;
}

/** The operator of a host: a known provider, else its registrable domain (study §4.5.1). */
export function operatorOf(host: string, table: readonly Provider[]): string {
  const name = normalizeHostName(host);
  return findProvider(name, table) ?? getDomain(name, { allowPrivateDomains: false }) ?? name;
}

export interface HostingAssessment {
  /** The policy host is delegated (CNAME) to a name outside the mail domain. */
  policyDelegated: boolean;
  policyProvider: string | null;
  mxProvider: string | null;
  /** Both are third parties, and different ones: the study's risk factor for inconsistency. */
  differentProviders: boolean;
}

export function assessHosting(
  domain: string,
  policyCnameChain: readonly string[],
  mxHosts: readonly string[],
): HostingAssessment {
  const own = getDomain(normalizeHostName(domain), { allowPrivateDomains: false });
  const target = policyCnameChain[policyCnameChain.length - 1];
  const policyDelegated = target !== undefined && getDomain(normalizeHostName(target)) !== own;
  const thirdPartyMx = mxHosts.filter((host) => getDomain(normalizeHostName(host)) !== own);
  const policyOperator =
    policyDelegated && target ? operatorOf(target, POLICY_HOSTING_PROVIDERS) : null;
  // Compare the second-level labels, as the study does: tutanota.de and tutanota.com are one operator.
  const key = (operator: string) => operator.split('.')[0] ?? operator;
  const mxOperators = new Set(
    thirdPartyMx.map((host) => key(operatorOf(host, MAIL_HOSTING_PROVIDERS))),
  );
  const firstMx = thirdPartyMx[0];
  return {
    policyDelegated,
    policyProvider: policyOperator,
    mxProvider: firstMx ? operatorOf(firstMx, MAIL_HOSTING_PROVIDERS) : null,
    differentProviders:
      policyOperator !== null && mxOperators.size > 0 && !mxOperators.has(key(policyOperator)),
  };
}
