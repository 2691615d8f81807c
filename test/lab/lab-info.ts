import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CertProfile,
  DohEndpoint,
  MxListener,
  MxServer,
  PolicyHost,
  PolicyServer,
  Scenario,
} from './catalogue-types.ts';
import type { WebmailInfo, WebmailStatus } from './webmail/start-webmail.ts';

/** An MX listener with its address and defaults filled in. */
export interface ResolvedMx extends MxListener {
  /** Fully qualified, without the trailing dot. */
  readonly hostname: string;
  readonly address: string;
  readonly port: number;
  readonly server: MxServer;
  readonly certificate: CertProfile;
}

export interface ResolvedPolicy extends PolicyHost {
  readonly hostname: string;
  readonly address: string;
  readonly port: number;
  readonly server: PolicyServer;
  readonly certificate: CertProfile;
  /** https://mta-sts.<domain>/.well-known/mta-sts.txt */
  readonly url: string;
}

export interface ResolvedDoh extends DohEndpoint {
  readonly address: string;
  readonly port: number;
  readonly url: string;
}

export interface ResolvedScenario extends Omit<Scenario, 'mx' | 'policy' | 'doh'> {
  readonly mx: readonly ResolvedMx[];
  readonly policy?: ResolvedPolicy;
  readonly doh?: ResolvedDoh;
}

/** What `npm run lab:start` writes to <state>/lab.json. */
export interface LabInfo {
  readonly tld: string;
  readonly stateDir: string;
  /** RFC 8484 endpoint of the validating resolver (certificate for doh.lab and 127.0.0.53). */
  readonly dohUrl: string;
  readonly dohHostname: string;
  /** Plain DNS (UDP/TCP 53) of the same validating resolver. */
  readonly resolverAddress: string;
  /** Authoritative server addresses (knot). */
  readonly authoritative: readonly string[];
  /** The lab root CA: trust it only in lab mode. */
  readonly caCertPath: string;
  readonly caCertPem: string;
  readonly caSpkiSha256Base64: string;
  /** DNSKEY (KSK) of the `lab` zone, in zone-file form, as given to unbound. */
  readonly trustAnchorPath: string;
  readonly trustAnchor: string;
  /** Shared nginx address for the policy hosts (SNI). */
  readonly policyAddress: string;
  readonly startedAt: string;
  readonly scenarios: readonly ResolvedScenario[];
  /** Roundcube, Dovecot and the mail-flow paths (optional: `ok: false` says why they are not up). */
  readonly webmail?: WebmailStatus;
}

export function labStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MAILSEAL_LAB_DIR || '/tmp/mailseal-lab';
}

export function labInfoPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(labStateDir(env), 'lab.json');
}

/** The running lab's description, or null when lab:start has not written one. */
export function readLabInfo(env: NodeJS.ProcessEnv = process.env): LabInfo | null {
  const path = labInfoPath(env);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LabInfo;
  } catch {
    return null;
  }
}

/** Like readLabInfo, for tests that need the lab: throws a message saying how to start it. */
export function requireLab(env: NodeJS.ProcessEnv = process.env): LabInfo {
  const info = readLabInfo(env);
  if (!info) {
    throw new Error(
      `The MailSeal lab is not running (no ${labInfoPath(env)}). Start it with \`npm run lab:start\` (as root).`,
    );
  }
  return info;
}

export function findScenario(info: LabInfo, name: string): ResolvedScenario {
  const scenario = info.scenarios.find((s) => s.name === name);
  if (!scenario) throw new Error(`lab: no scenario named "${name}"`);
  return scenario;
}

/** The running lab's webmail, for the Roundcube tests: throws with the reason it is not up. */
export function requireWebmail(info: LabInfo): WebmailInfo {
  const webmail = info.webmail;
  if (webmail === undefined) {
    throw new Error(
      'The lab was started without its webmail part; restart it with `npm run lab:start`.',
    );
  }
  if (!webmail.ok) {
    throw new Error(
      `The lab's webmail (Roundcube, Dovecot, milters) is not running: ${webmail.error}`,
    );
  }
  return webmail;
}
