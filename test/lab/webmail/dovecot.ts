// Dovecot for the webmail: IMAP for Roundcube, LMTP for the recipient's Postfix. Its own config
// file and directories under the lab state dir; /etc/dovecot is never read or changed.
import { chmodSync, chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeIfChanged } from '../lib/files.ts';
import { pidFileAlive, readPid, stopPidFile, waitFor } from '../lib/process.ts';
import { run, runOrThrow, withSbinPath } from '../lib/run.ts';
import { ensureDir, statePath } from '../lib/state.ts';
import {
  MAILBOX_PASSWORD,
  MAILBOXES,
  RECIPIENT_DOMAIN,
  WEBMAIL_ADDR,
  WEBMAIL_PORTS,
} from './addresses.ts';
import { startDaemon } from './daemon.ts';

const env = withSbinPath();
/** Debian's `mail` user owns the mailboxes: Dovecot will not deliver as root. */
const MAIL_UID = 8;
const MAIL_GID = 8;

const dir = () => ensureDir('dovecot');
const pidPath = () => join(statePath('dovecot', 'run'), 'master.pid');
export const dovecotMailDir = () => statePath('dovecot', 'mail');

function config(d: string): string {
  return `# Written by the MailSeal lab (test/lab/webmail).
protocols = imap lmtp
# The mail store's name in the Received line LMTP adds.
hostname = imap.allgood.lab
listen = ${WEBMAIL_ADDR.dovecot}
base_dir = ${join(d, 'run')}
state_dir = ${join(d, 'state')}
log_path = ${join(d, 'dovecot.log')}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = ${MAIL_UID}
mail_location = maildir:${dovecotMailDir()}/%d/%n
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu ${join(d, 'users')}
}
userdb {
  driver = passwd-file
  args = username_format=%Lu ${join(d, 'users')}
}
service imap-login {
  inet_listener imap {
    address = ${WEBMAIL_ADDR.dovecot}
    port = ${WEBMAIL_PORTS.imap}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = ${WEBMAIL_ADDR.dovecot}
    port = ${WEBMAIL_PORTS.lmtp}
  }
}
protocol lmtp {
  # The mailbox address as Postfix gives it (user@domain) is the login name.
  auth_username_format = %Lu
}
`;
}

function users(): string {
  return MAILBOXES.map(
    (name) =>
      `${name}@${RECIPIENT_DOMAIN}:{PLAIN}${MAILBOX_PASSWORD}:${MAIL_UID}:${MAIL_GID}::${join(dovecotMailDir(), name)}::\n`,
  ).join('');
}

export async function startDovecot(): Promise<void> {
  const d = dir();
  ensureDir('dovecot', 'state');
  const mail = dovecotMailDir();
  if (!existsSync(mail)) mkdirSync(mail, { recursive: true });
  chownSync(mail, MAIL_UID, MAIL_GID);
  const changed = [
    // Dovecot's auth process runs as `dovecot`; the lab password is public (see addresses.ts).
    writeIfChanged(join(d, 'users'), users()),
    writeIfChanged(join(d, 'dovecot.conf'), config(d)),
  ].some(Boolean);
  chmodSync(join(d, 'users'), 0o644);
  const args = ['-c', join(d, 'dovecot.conf')];
  if (pidFileAlive(pidPath())) {
    if (changed) runOrThrow('doveadm', [...args, 'reload'], { env });
    return;
  }
  startDaemon('dovecot', args, join(d, 'dovecot.log'));
  await waitFor('dovecot', () => pidFileAlive(pidPath()));
}

/**
 * Drops what an earlier run left queued for the lab mailboxes (a lab stopped mid-delivery), so
 * that no old message reaches a fresh inbox during a test.
 */
export function dropQueuedLabMail(): void {
  const queue = run('postqueue', ['-j'], { env }).stdout;
  for (const line of queue.split('\n').filter(Boolean)) {
    const entry = JSON.parse(line) as { queue_id: string; recipients: { address: string }[] };
    if (entry.recipients.some((r) => r.address.endsWith(`@${RECIPIENT_DOMAIN}`))) {
      run('postsuper', ['-d', entry.queue_id], { env });
    }
  }
}

/** Empties every lab mailbox (the mail-flow driver starts from a clean inbox). */
export function expungeMailboxes(): void {
  const conf = join(dir(), 'dovecot.conf');
  for (const name of MAILBOXES) {
    runOrThrow(
      'doveadm',
      ['-c', conf, 'expunge', '-u', `${name}@${RECIPIENT_DOMAIN}`, 'mailbox', '*', 'all'],
      {
        env,
      },
    );
  }
}

export async function stopDovecot(): Promise<boolean> {
  const pid = readPid(pidPath());
  if (pid === null) return false;
  run('dovecot', ['-c', join(dir(), 'dovecot.conf'), 'stop'], { env });
  await stopPidFile(pidPath());
  return true;
}
