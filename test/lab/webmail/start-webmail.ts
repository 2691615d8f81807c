// The webmail part of the lab (issue 21): optional. When a package cannot be installed or a
// server does not start, the rest of the lab still starts; lab.json then carries the reason
// (LabInfo.webmail.error) and the Roundcube tests fail with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall, hasPackage } from '../lib/packages.ts';
import {
  DKIM_SELECTOR,
  MAILBOX_PASSWORD,
  MAILBOXES,
  OUTBOUND,
  RECIPIENT_DOMAIN,
  RECIPIENT_MX_HOST,
  SENDER_DOMAIN,
  WEBMAIL_ADDR,
  WEBMAIL_HOST,
  WEBMAIL_PORTS,
} from './addresses.ts';
import { startDovecot } from './dovecot.ts';
import { addOutboundAddresses } from './loopback-aliases.ts';
import { startMilters } from './milters.ts';
import { startRoundcube } from './roundcube.ts';

/** Debian packages of the webmail part (opendmarc is already among the lab's own). */
export const WEBMAIL_PACKAGES = [
  'dovecot-imapd',
  'dovecot-lmtpd',
  'php8.2-fpm',
  'roundcube-core',
  'roundcube-sqlite3',
  'opendkim',
  'opendmarc',
] as const;

/** What lab.json says about the webmail when it runs. */
export interface WebmailInfo {
  readonly url: string;
  readonly host: string;
  readonly address: string;
  readonly imap: { readonly host: string; readonly port: number };
  readonly recipientDomain: string;
  readonly authservId: string;
  readonly mailboxes: readonly string[];
  readonly password: string;
  readonly senderDomain: string;
  readonly dkim: { readonly selector: string; readonly privateKeyPath: string };
  readonly submit: typeof WEBMAIL_ADDR;
  readonly outbound: typeof OUTBOUND;
}

export type WebmailStatus =
  | ({ readonly ok: true } & WebmailInfo)
  | { readonly ok: false; readonly error: string };

export const DKIM_KEY_PATH = join(
  fileURLToPath(new URL('../mailflow/', import.meta.url)),
  `dkim-${SENDER_DOMAIN}-${DKIM_SELECTOR}.pem`,
);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Installs the missing webmail packages; returns an error text instead of throwing. */
export function ensureWebmailPackages(log: (line: string) => void): string | null {
  const missing = WEBMAIL_PACKAGES.filter((p) => !hasPackage(p));
  if (missing.length === 0) return null;
  if (process.getuid?.() !== 0) return `missing packages ${missing.join(' ')} (run as root)`;
  try {
    aptInstall(missing, log);
    return null;
  } catch (error) {
    return message(error);
  }
}

/** Starts the servers in dependency order; never throws. */
export async function startWebmail(trustAnchorPath: string): Promise<WebmailStatus> {
  try {
    addOutboundAddresses();
    await startMilters(trustAnchorPath);
    await startDovecot();
    await startRoundcube();
    readFileSync(DKIM_KEY_PATH); // the driver signs with it: fail here, not mid-test
  } catch (error) {
    return { ok: false, error: message(error) };
  }
  return {
    ok: true,
    url: `https://${WEBMAIL_HOST}/`,
    host: WEBMAIL_HOST,
    address: WEBMAIL_ADDR.webmail,
    imap: { host: WEBMAIL_ADDR.dovecot, port: WEBMAIL_PORTS.imap },
    recipientDomain: RECIPIENT_DOMAIN,
    authservId: RECIPIENT_MX_HOST,
    mailboxes: MAILBOXES.map((m) => `${m}@${RECIPIENT_DOMAIN}`),
    password: MAILBOX_PASSWORD,
    senderDomain: SENDER_DOMAIN,
    dkim: { selector: DKIM_SELECTOR, privateKeyPath: DKIM_KEY_PATH },
    submit: WEBMAIL_ADDR,
    outbound: OUTBOUND,
  };
}
